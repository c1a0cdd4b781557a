// Method "sphere": one atom at a time by Riemannian trust regions on the smoothed ℓ¹ objective
// over the sphere, then LP rounding (Sun, Qu & Wright 2017).
import type { ArenaScope } from "../../runtime/arena.js";
import { SolverRun } from "../../solvers/run.js";
import { nestedSolverOptions } from "../../solvers/options.js";
import { trustRegions } from "../../solvers/trust-regions.js";
import type { AtomSolver } from "./atoms.js";
import { logCoshProblem } from "./log-cosh-problem.js";
import { LinearProgramRounding, type RoundingKernels } from "./lp-rounding.js";
import { CONVERGED, type DictionaryStopReason, type ResolvedOptions } from "./options.js";

/**
 * The atom solver of the "sphere" method (Sun, Qu & Wright, "Complete dictionary recovery over
 * the sphere I & II", IEEE Trans. IT 63(2), 2017): from a uniformly random start on the sphere of
 * the current subspace, Riemannian trust regions (`trustRegions`, truncated CG, second order: it
 * escapes the saddles this landscape is full of) minimize f(q) = (1/p)·Σⱼ h_μ(qᵀyⱼ)
 * ({@link logCoshProblem}); the minimizer r is within O(μ) of an atom, and the LP
 * min ‖qᵀY‖₁ s.t. rᵀq = 1 ({@link LinearProgramRounding}, by IRLS) rounds it to the atom itself.
 * The data are orthogonal-dictionary samples already (no preconditioning: for a general complete
 * dictionary the paper first whitens Y by (YYᵀ/(pθ))^{−1/2}, which is the identity in expectation
 * for an orthogonal one).
 *
 * The atom's record: the trust-region run's reason, unless the rounding did not settle — then
 * `"max-iterations"` (budget spent), `"step-too-small"` (a Gram matrix was not numerically
 * positive definite) or `"aborted"`; `cost` and `gradientNorm` are the trust-region run's.
 */
export function sphereAtomSolver(options: ResolvedOptions, n: number, p: number, kern: RoundingKernels): (scope: ArenaScope) => AtomSolver {
  return (scope) => {
    const rounding = new LinearProgramRounding(scope, n, p, kern);
    return async ({ data, rng, common }) => {
      const problem = logCoshProblem(data, options.mu, kern);
      const result = await trustRegions(problem, problem.manifold.random(rng), nestedSolverOptions(common));
      const base = { cost: result.cost, gradientNorm: result.gradientNorm, iterations: result.iterations };
      if (result.reason === "aborted" || result.reason === "callback" || result.reason === "max-time" || options.roundingIterations === 0) {
        return { q: result.point, history: result.history, record: { ...base, converged: CONVERGED.has(result.reason), reason: result.reason } };
      }
      const pacer = new SolverRun(common);
      const rounded = await rounding.round(data, result.point, options.roundingIterations, () => pacer.pause());
      let reason: DictionaryStopReason = result.reason;
      if (rounded.aborted) reason = "aborted";
      else if (!rounded.converged && CONVERGED.has(reason)) {
        reason = rounded.iterations >= options.roundingIterations ? "max-iterations" : "step-too-small";
      }
      return {
        q: rounded.atom,
        history: result.history,
        record: { ...base, converged: CONVERGED.has(reason), reason },
        rounding: { iterations: rounded.iterations, converged: rounded.converged },
      };
    };
  };
}
