import { init, procrustes, procrustesSolution, trustRegions, randomOrthogonal, gemm, Rng, matrix } from "benign";
await init();
const A = matrix(10, 3, new Rng(1).normalArray(30));
const B = gemm(A, randomOrthogonal(3, { seed: 2 }));         // B = A·Q₀
const { point } = await trustRegions(procrustes(A, B), null, { seed: 3 });
const Q = procrustesSolution(A, B);
console.log(Math.max(...point.data.map((v, i) => Math.abs(v - Q.data[i]))) < 1e-6); // true: the solver finds Q₀
