import { init, gaussianOperator, sensingProblem, trustRegions, Rng, matrix, relativeError } from "benign";
await init();
const rng = new Rng(1);
const U0 = matrix(8, 1, rng.normalArray(8)), V0 = matrix(6, 1, rng.normalArray(6));
const A = gaussianOperator([8, 6], 80, { seed: 2 });
const problem = sensingProblem(A, A.applyFactored(U0, V0), { rank: 1 });   // with the balancing term (β = 1)
const { point: [U, V] } = await trustRegions(problem, null, { seed: 3, gradientTolerance: 1e-10 });
console.log(relativeError(U, V, U0, V0) < 1e-8);   // true
A.dispose();
