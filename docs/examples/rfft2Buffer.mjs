import { init, runtime, rfft2Buffer, rfft2Length } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From(new Float64Array([1, 2, 3, 4]));  // the 2×2 image [[1, 2], [3, 4]]
const X = arena.f64(rfft2Length(2, 2));
rfft2Buffer(X, x, [2, 2]);
// Bin-major: column frequency 0 (row frequencies 0, 1), then column frequency 1, as (re, im).
console.log(X.view);                      // Float64Array [10, 0, -4, 0, -2, 0, 0, 0]
x.dispose(); X.dispose();
