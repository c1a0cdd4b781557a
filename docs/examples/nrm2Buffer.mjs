import { init, runtime, nrm2Buffer } from "benign";
await init();
const x = runtime().arena.f64From([3e200, 4e200]); // squares would overflow
console.log(nrm2Buffer(x));                         // ≈ 5e200
x.dispose();
