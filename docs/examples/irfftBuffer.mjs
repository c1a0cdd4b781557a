import { init, runtime, rfftBuffer, irfftBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([1, 2, 3, 4, 5]));
const X = arena.f64(2 * 3), back = arena.f64(5);   // n = 5: 3 bins; n is back's length
irfftBuffer(back, rfftBuffer(X, x));
console.log(back.view);                   // ≈ Float64Array [1, 2, 3, 4, 5]
x.dispose(); X.dispose(); back.dispose();
