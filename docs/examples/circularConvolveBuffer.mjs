import { init, runtime, circularConvolveBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From([1, 2, 3, 4]);
const a = arena.f64From([1, 1]);              // kernel, zero-padded to the signal's length
const y = arena.f64(4);
circularConvolveBuffer(y, x, a);              // y_i = x_i + x_{i−1 mod 4}
console.log(y.view);                          // [5, 3, 5, 7]
for (const b of [x, a, y]) b.dispose();
