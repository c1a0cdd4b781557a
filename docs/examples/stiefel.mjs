import { init, stiefel, Rng, gemm, toRows } from "benign";
await init();
const St = stiefel(4, 2, { retraction: "polar" });
const X = St.random(new Rng(1));          // 4×2 with orthonormal columns
console.log(toRows(gemm(X, X, { transA: true })).flat().map((v) => Math.round(v * 1e12) / 1e12), St.dimension); // [1, 0, 0, 1] 5
