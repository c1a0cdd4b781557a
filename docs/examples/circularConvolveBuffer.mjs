import { init, runtime, circularConvolveBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([1, 2, 3, 4])), a = arena.f64From(new Float64Array([0.5, 1]));
const out = arena.f64(4);
circularConvolveBuffer(out, x, a);        // out_i = Σ_k a_k·x_{(i−k) mod n}: half of x plus x delayed by one
console.log(out.view);                    // Float64Array [4.5, 2, 3.5, 5]
x.dispose(); a.dispose(); out.dispose();
