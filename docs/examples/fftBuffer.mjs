import { init, runtime, fftBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From([1, 0, 2, 0, 3, 0]); // 1, 2, 3 as interleaved (re, im) pairs
const X = arena.f64(6);
fftBuffer(X, x);                              // the DFT, in wasm memory
console.log(X.view);                          // [6, 0, −1.5, 0.866…, −1.5, −0.866…]
fftBuffer(X, X, { inverse: true });           // in place, back to x
console.log(X.view);                          // ≈ [1, 0, 2, 0, 3, 0]
x.dispose();
X.dispose();
