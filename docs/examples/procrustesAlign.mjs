import { init, procrustesAlign, randomOrthogonal, gemm, Rng, matrix } from "benign";
await init();
const U0 = matrix(20, 3, new Rng(1).normalArray(60));
const U = gemm(U0, randomOrthogonal(3, { seed: 2 }));      // U0 rotated
const { Q, relative } = procrustesAlign(U, U0);             // the best Q with U·Q ≈ U0
console.log(relative);                    // ≈ 1e-16: equal modulo O(3)
