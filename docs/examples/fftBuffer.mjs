import { init, runtime, fftBuffer } from "benign";
await init();
// n = 4 complex numbers, interleaved (re, im): 1, 2, 3, 4 with zero imaginary parts.
const x = runtime().arena.f64From(new Float64Array([1, 0, 2, 0, 3, 0, 4, 0]));
fftBuffer(x, x);                          // in place
console.log(x.view);                      // Float64Array [10, 0, -2, 2, -2, 0, -2, -2]
fftBuffer(x, x, { inverse: true });       // the inverse, normalized by 1/n
console.log(x.view);                      // Float64Array [1, 0, 2, 0, 3, 0, 4, 0]
x.dispose();
