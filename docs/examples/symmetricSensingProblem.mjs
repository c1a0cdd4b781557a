import { init, gaussianOperator, symmetricSensingProblem, trustRegions, Rng, matrix, relativeError } from "benign";
await init();
const U0 = matrix(10, 1, new Rng(1).normalArray(10));
const A = gaussianOperator([10, 10], 60, { seed: 2, symmetric: true });
const problem = symmetricSensingProblem(A, A.applyFactored(U0, U0), { rank: 1 });   // ¼‖𝒜(uuᵀ) − y‖²
const { point } = await trustRegions(problem, null, { seed: 3, gradientTolerance: 1e-10 });
console.log(relativeError(point, point, U0, U0) < 1e-8);  // true: X = U0·U0ᵀ recovered from a random start
A.dispose();
