import { init, symmetricFactorization, trustRegions, randomLowRank, gemm } from "benign";
await init();
const { U } = randomLowRank(20, 20, 2, { seed: 1 });
const X = gemm(U, U, { transB: true });   // a rank-2 PSD matrix
const { cost } = await trustRegions(symmetricFactorization(X, 2), null, { seed: 2, gradientTolerance: 1e-10 });
console.log(cost < 1e-18);                // true: a random start finds UUᵀ = X
