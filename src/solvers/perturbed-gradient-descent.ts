// perturbedGradientDescent: gradient descent that escapes saddles by random perturbations and certifies its result.
import { Rng } from "../data/rng.js";
import { derivedRng } from "../data/derived-rng.js";
import { PointCache } from "../problems/cache.js";
import { retainProblem, type Problem } from "../problems/problem.js";
import { checkFinite, checkInteger } from "../validate.js";
import { gradientStep, nextGradientStep, resolveBacktracking } from "./backtracking.js";
import { copyPoint } from "./copy-point.js";
import { resolveCommonOptions, type SolverOptions } from "./options.js";
import type { SolverResult, StopReason } from "./result.js";
import { SolverRun } from "./run.js";
import { beginAt, startPoint } from "./start.js";

/** The Armijo constants of the default step-size rule: `gradientDescent`'s defaults. */
const ARMIJO = resolveBacktracking({});

/** Options of {@link perturbedGradientDescent}. */
export interface PerturbedGradientDescentOptions<P> extends SolverOptions<P> {
  /**
   * A fixed step size η (the paper's η = c/ℓ for an ℓ-Lipschitz gradient): x ← R_x(−η·grad f(x))
   * with no line search. Omitted: each step is chosen by Armijo backtracking (constant 1e-4,
   * contraction 0.5, at most 30 trials) with the step-size memory of `gradientDescent`, which
   * adapts to the local Lipschitz constant without knowing ℓ.
   * @defaultValue undefined (Armijo)
   */
  stepSize?: number;
  /**
   * The radius r of the tangent ball in which the perturbation ξ is drawn uniformly. 0 disables
   * the perturbations (the run then certifies every point it reaches with a small gradient,
   * saddles included). Larger radii escape sooner; the result is the unperturbed point either way.
   * @defaultValue 1e-3 × manifold.typicalDistance
   */
  perturbationRadius?: number;
  /**
   * t_thres: the number of gradient steps after a perturbation before the escape is judged.
   * @defaultValue 100
   */
  escapeIterations?: number;
  /**
   * f_thres: the perturbation counts as an escape when the cost fell by more than this below its
   * value at the perturbed point x̃ within `escapeIterations` steps; otherwise x̃ is returned.
   * The default is the paper's scale √(ε³/ρ)·c/χ³ with ε = `gradientTolerance` and the unknown
   * constant c/(χ³√ρ) taken as 1, plus a floor of cost rounding so that noise never counts as a
   * decrease.
   * @defaultValue gradientTolerance^1.5 + 1e-10·|f(x̃)|
   */
  escapeDecrease?: number;
}

/**
 * Perturbed gradient descent (Jin, Ge, Netrapalli, Kakade & Jordan, "How to escape saddle points
 * efficiently", ICML 2017, Algorithm 2), on a manifold (Criscitiello & Boumal 2019 analyze the
 * Riemannian version): gradient steps x ← R_x(−η·grad f(x)); when ‖grad f(x)‖ ≤
 * `gradientTolerance` (the paper's g_thres) and no perturbation happened in the last
 * `escapeIterations` steps, it remembers x̃ = x and moves to R_x̃(ξ), ξ uniform in the tangent ball
 * of radius `perturbationRadius` (drawn from `derivedRng(seed, "perturbed-gradient-descent")`,
 * not from the stream of the random start point). If, `escapeIterations` steps later, the cost has
 * not fallen by `escapeDecrease` below f(x̃), x̃ is returned as an approximate second-order
 * stationary point: reason `"gradient-tolerance"`, converged. Near a strict saddle the
 * perturbation has a component along the negative-curvature directions, which gradient steps
 * amplify geometrically, so the cost drops; near a minimizer it cannot drop by more than
 * ‖grad f(x̃)‖²/(2μ) (μ the smallest Hessian eigenvalue there), which the default `escapeDecrease`
 * exceeds when μ ≳ √gradientTolerance / 2. The gradient tolerance alone never stops the run
 * before that certification. No Hessian is needed.
 *
 * The last history entry of a certified run is x̃ itself (recorded again, with step 0); the step
 * recorded for an iteration that perturbs is ‖ξ‖ plus its gradient step. The event loop gets a
 * turn between line-search trials and after a perturbation (see `yieldInterval`). Defaults:
 * `maxIterations` 10000, plus {@link SolverOptions}.
 *
 * NaN/Inf: a non-finite cost or gradient entry (also at a line-search trial or a perturbed
 * point) stops the run with reason `"non-finite"` at the last recorded iterate, `nonFinite`
 * naming the function; at the start point it is a RangeError naming x0.
 *
 * @param problem the cost and its Euclidean gradient on a manifold (`ehessVec` is not used).
 * @param x0 the start point, a point of the manifold (`manifold.contains(x0)`); a random point
 *   from `seed` if omitted.
 * @returns a promise of the {@link SolverResult}; `"step-too-small"` when the Armijo search fails
 *   outside an escape phase (inside one, a failed search leaves x in place).
 * @throws TypeError / RangeError for bad options or a start point of the wrong shape, off the
 *   manifold (the message gives its residual) or with a non-finite cost or gradient; errors from
 *   the problem's functions and `onIteration` propagate.
 */
export async function perturbedGradientDescent<P>(
  problem: Problem<P>,
  x0?: P | null,
  options: PerturbedGradientDescentOptions<P> = {},
): Promise<SolverResult<P>> {
  const cache = new PointCache(problem);
  const common = resolveCommonOptions(options, { maxIterations: 10000 },
    ["stepSize", "perturbationRadius", "escapeIterations", "escapeDecrease"]);
  const M = problem.manifold;
  const stepSize = options.stepSize === undefined ? undefined : checkFinite("stepSize", options.stepSize, Number.MIN_VALUE);
  const radius = checkFinite("perturbationRadius", options.perturbationRadius ?? 1e-3 * M.typicalDistance, 0);
  const escapeIterations = checkInteger("escapeIterations", options.escapeIterations ?? 100, 1);
  const escapeDecrease = options.escapeDecrease === undefined ? undefined : checkFinite("escapeDecrease", options.escapeDecrease, 0);
  let x = startPoint(problem, x0, new Rng(common.seed));
  const rng = derivedRng(common.seed, "perturbed-gradient-descent");
  // The escape phase: the unperturbed point x̃, its cost, the decrease asked for, steps taken since.
  let anchor: { point: P; cost: number; decrease: number; steps: number } | undefined;
  let perturbNext = false;
  let certified: P | undefined;
  const run = new SolverRun(common, (p: P) => {
    if (p === certified) return true;
    if (anchor === undefined) perturbNext = true;
    return false;
  }, copyPoint);
  const checkpoint = (): Promise<void> => run.checkpoint();
  const release = retainProblem(problem);
  try {
    let reason: StopReason | undefined = await beginAt(run, cache, x);
    let t = ARMIJO.initialStepSize; // the Armijo step memory
    while (reason === undefined) {
      let moved = 0;
      if (perturbNext) {
        perturbNext = false;
        const f = cache.cost(x);
        anchor = { point: x, cost: f, decrease: escapeDecrease ?? common.gradientTolerance ** 1.5 + 1e-10 * Math.abs(f), steps: 0 };
        if (radius > 0 && M.dimension > 0) {
          // Uniform in the ball: a uniform direction, and a radius with density ∝ ρ^(dim−1).
          moved = radius * rng.uniform() ** (1 / M.dimension);
          x = M.retract(x, M.randomTangent(x, rng), moved);
          cache.gradientNorm(x); // the gradient at the perturbed point, then a turn for the event loop
          await checkpoint();
        }
      }
      const g = cache.rgrad(x);
      const gNorm = cache.gradientNorm(x);
      if (stepSize !== undefined) {
        x = M.retract(x, g, -stepSize);
        moved += stepSize * gNorm;
      } else {
        const step = await gradientStep(cache, x, t, ARMIJO.sufficientDecrease, ARMIJO.contraction, ARMIJO.maxBacktracks, checkpoint);
        if (step !== undefined) {
          x = step.point;
          moved += step.t * gNorm;
          t = nextGradientStep(step, gNorm * gNorm);
        } else if (anchor === undefined) {
          reason = "step-too-small";
          break;
        }
      }
      reason = await run.record(x, cache.cost(x), cache.gradientNorm(x), moved);
      if (anchor !== undefined && ++anchor.steps === escapeIterations && reason === undefined) {
        if (cache.cost(x) - anchor.cost > -anchor.decrease) {
          certified = anchor.point;
          reason = await run.record(certified, anchor.cost, cache.gradientNorm(certified), 0);
          x = certified;
        }
        anchor = undefined;
      }
    }
    return run.finish(x, reason, cache.counts);
  } catch (error) {
    return run.interrupted(error, cache.counts);
  } finally {
    release();
  }
}
