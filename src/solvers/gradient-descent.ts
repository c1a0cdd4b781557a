// gradientDescent: Riemannian gradient descent with Armijo backtracking and a step-size memory.
import { Rng } from "../data/rng.js";
import { PointCache } from "../problems/cache.js";
import { retainProblem, type Problem } from "../problems/problem.js";
import { BACKTRACKING_KEYS, gradientStep, nextGradientStep, resolveBacktracking, type BacktrackingOptions } from "./backtracking.js";
import { copyPoint } from "./copy-point.js";
import { resolveCommonOptions, type SolverOptions } from "./options.js";
import type { SolverResult, StopReason } from "./result.js";
import { SolverRun } from "./run.js";
import { beginAt, startPoint } from "./start.js";

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions<P> extends SolverOptions<P>, BacktrackingOptions {
  /**
   * The first trial step size α of the first iteration (the step is −α·grad f(x)).
   * @defaultValue 1
   */
  initialStepSize?: number;
  /**
   * The Armijo constant c: a step is accepted when f(R_x(−α·g)) ≤ f(x) − c·α·‖g‖² (with the
   * roundoff-aware refinement of `backtrack`, see src/solvers/backtracking.ts).
   * @defaultValue 1e-4
   */
  sufficientDecrease?: number;
  /**
   * The factor by which α shrinks after a rejected trial, in (0, 1).
   * @defaultValue 0.5
   */
  contraction?: number;
  /**
   * Rejected trials allowed per iteration before the run stops with `"step-too-small"`.
   * @defaultValue 30
   */
  maxBacktracks?: number;
}

/**
 * Riemannian gradient descent x ← R_x(−α·grad f(x)) with Armijo backtracking (Absil, Mahony &
 * Sepulchre 2008, Algorithm 1; Boumal 2023, §4.3 and §4.5). Step-size memory (as Manopt's
 * `linesearch_adaptive`): each iteration starts its backtracking from the step accepted last
 * time, doubled if that one was accepted at its first trial — so the search adapts to the local
 * Lipschitz constant without a guess from the user — unless that step decreased the cost by less
 * than a tenth of the linear model's prediction, then from the minimizer of the quadratic fitted
 * to it (see `nextGradientStep`: doubling alone can settle on overshooting steps near 2/ℓ). Near a minimizer, where the requested decrease
 * falls below the rounding error of f, the search switches to a slope and gradient-norm test
 * (see `backtrack`), so high accuracies are reachable.
 *
 * Gradient descent is a first-order method: started exactly at a critical point (a saddle
 * included) it stops at once with `"gradient-tolerance"`; from a random start it escapes strict
 * saddles almost surely (Lee et al. 2016). Defaults: `maxIterations` 1000, plus
 * {@link SolverOptions}.
 *
 * NaN/Inf: a non-finite cost or gradient entry (also at a line-search trial: a cost of
 * +Infinity is not a barrier) stops the run with reason `"non-finite"` at the last recorded
 * iterate, `nonFinite` naming the function; at the start point it is a RangeError naming x0.
 * The event loop gets a turn between line-search trials (see `yieldInterval`).
 *
 * @param problem the cost and its Euclidean gradient on a manifold.
 * @param x0 the start point, a point of the manifold (`manifold.contains(x0)`); a random point
 *   from `seed` if omitted.
 * @returns a promise of the {@link SolverResult}; `"step-too-small"` when no trial step decreases
 *   the cost enough within `maxBacktracks` (typically at roundoff level near a minimizer).
 * @throws TypeError / RangeError for bad options, a start point of the wrong shape, off the
 *   manifold (the message gives its residual) or with a non-finite cost or gradient; errors from
 *   the problem's functions and `onIteration` propagate.
 *
 * @example
 * ```js
 * import { init, gradientDescent, rayleighQuotient, fromRows } from "benign";
 * await init();
 * const problem = rayleighQuotient(fromRows([[2, 1, 0], [1, 3, 1], [0, 1, 4]])); // xᵀAx on the sphere S²
 * const result = await gradientDescent(problem, null, { seed: 1, gradientTolerance: 1e-8 });
 * console.log(result.reason, result.cost);   // "gradient-tolerance" 1.2679… = 3 − √3, the smallest eigenvalue
 * ```
 */
export async function gradientDescent<P>(
  problem: Problem<P>,
  x0?: P | null,
  options: GradientDescentOptions<P> = {},
): Promise<SolverResult<P>> {
  const cache = new PointCache(problem);
  const common = resolveCommonOptions(options, { maxIterations: 1000 }, BACKTRACKING_KEYS);
  const { initialStepSize, sufficientDecrease, contraction, maxBacktracks } = resolveBacktracking(options);
  let x = startPoint(problem, x0, new Rng(common.seed));
  const run = new SolverRun(common, undefined, copyPoint);
  const checkpoint = (): Promise<void> => run.checkpoint();
  const release = retainProblem(problem);
  try {
    let reason: StopReason | undefined = await beginAt(run, cache, x);
    let alpha = initialStepSize;
    while (reason === undefined) {
      const gNorm = cache.gradientNorm(x);
      const step = await gradientStep(cache, x, alpha, sufficientDecrease, contraction, maxBacktracks, checkpoint);
      if (step === undefined) {
        reason = "step-too-small";
        break;
      }
      x = step.point;
      alpha = nextGradientStep(step, gNorm * gNorm);
      reason = await run.record(x, cache.cost(x), cache.gradientNorm(x), step.t * gNorm);
    }
    return run.finish(x, reason, cache.counts);
  } catch (error) {
    return run.interrupted(error, cache.counts);
  } finally {
    release();
  }
}
