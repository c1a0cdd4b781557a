import { init, runtime, axpyBuffer } from "benign";
await init();
const { arena } = runtime();
const x = arena.f64From([1, 2, 3]);
const y = arena.f64From([10, 20, 30]);
axpyBuffer(y, 2, x, y);       // y ← 2·x + y, in place (BLAS daxpy)
console.log(y.view);          // Float64Array(3) [ 12, 24, 36 ]
x.dispose();
y.dispose();
