import { init, rankOneFactorization, retainProblem, fromRows } from "benign";
await init();
const problem = rankOneFactorization(fromRows([[2, 1], [1, 2]]));
const release = retainProblem(problem);   // X stays in wasm memory while many costs are evaluated
try {
  let best = Infinity;
  for (let a = -2; a <= 2; a += 0.01) best = Math.min(best, problem.cost(new Float64Array([a, a])));
  console.log(best);                      // ≈ ¼(‖X‖² − λ₁²) = ¼(10 − 9) = 0.25 (up to the grid step)
} finally {
  release();
}
