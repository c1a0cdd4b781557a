import { init, runtime, circularCorrelateBuffer } from "benign";
await init();
const { arena } = runtime();
const y = arena.f64From(new Float64Array([1, 2, 3, 4])), a = arena.f64From(new Float64Array([0.5, 1]));
const out = arena.f64(4);
circularCorrelateBuffer(out, y, a);       // out_i = Σ_k a_k·y_{(i+k) mod n}: half of y plus y advanced by one
console.log(out.view);                    // Float64Array [2.5, 4, 5.5, 3]
y.dispose(); a.dispose(); out.dispose();
