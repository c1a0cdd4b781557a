import { init, runtime, scalBuffer } from "benign";
await init();
const x = runtime().arena.f64From([1, -2, 3]);
scalBuffer(x, -0.5, x);       // x ← −0.5·x, in place (BLAS dscal)
console.log(x.view);          // Float64Array(3) [ -0.5, 1, -1.5 ]
x.dispose();
