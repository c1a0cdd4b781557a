import { init, randomKernel, nrm2 } from "benign";
await init();
const a = randomKernel(8, { seed: 1 });                      // i.i.d. Gaussian entries, normalized
const s = randomKernel([5, 5], { kind: "smooth", seed: 1 }); // a smooth, localized 5×5 kernel
console.log(a.length, nrm2(a), s.rows, s.cols, nrm2(s.data)); // 8 1 5 5 1 (to rounding): on the unit sphere
