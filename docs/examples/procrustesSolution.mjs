import { init, procrustesSolution, randomOrthogonal, gemm, Rng, matrix } from "benign";
await init();
const A = matrix(10, 3, new Rng(1).normalArray(30));
const Q0 = randomOrthogonal(3, { seed: 2 });
const Q = procrustesSolution(A, gemm(A, Q0));                  // the polar factor of AᵀB
console.log(Math.max(...Q.data.map((v, i) => Math.abs(v - Q0.data[i])))); // ≈ 1e-15
