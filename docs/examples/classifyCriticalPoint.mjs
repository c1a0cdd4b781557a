import { init, classifyCriticalPoint, rankOneFactorization, fromRows } from "benign";
await init();
const problem = rankOneFactorization(fromRows([[2, 1], [1, 2]]));
const at = (u) => classifyCriticalPoint(problem, new Float64Array(u)).kind;
console.log(at([0, 0]), at([Math.SQRT1_2, -Math.SQRT1_2]), at([1.5 ** 0.5, 1.5 ** 0.5]), at([1, 0]));
// "maximizer" "saddle" "minimizer" "not-critical"
