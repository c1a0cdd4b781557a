// curvilinearSearch: descent along the curve R_x(α²·s + α·d) mixing the gradient and a negative-curvature direction.
import { Rng } from "../data/rng.js";
import { derivedRng } from "../data/derived-rng.js";
import { PointCache } from "../problems/cache.js";
import { retainProblem, type Problem } from "../problems/problem.js";
import { checkFinite } from "../validate.js";
import { backtrack, BACKTRACKING_KEYS, nextInitialStep, resolveBacktracking, type BacktrackingOptions } from "./backtracking.js";
import { negativeCurvature, resolveSecondOrder, SECOND_ORDER_KEYS, type NegativeCurvature, type SecondOrderOptions } from "./curvature.js";
import { copyPoint } from "./copy-point.js";
import { resolveCommonOptions, type SolverOptions } from "./options.js";
import type { SolverResult, StopReason } from "./result.js";
import { SolverRun } from "./run.js";
import { beginAt, startPoint } from "./start.js";

/** Options of {@link curvilinearSearch}. */
export interface CurvilinearSearchOptions<P> extends SolverOptions<P>, SecondOrderOptions {
  /**
   * The first trial of α² in the first iteration (α² is the gradient step: with no negative
   * curvature the trial point is R_x(−α²·grad f(x))).
   * @defaultValue 1
   */
  initialStepSize?: number;
  /**
   * The constant η of the sufficient-decrease test
   * f(R_x(α²s + αd)) ≤ f(x) + η·α²·(⟨grad f(x), s⟩ + ½⟨d, Hess f(x)[d]⟩), in [0, 1).
   * @defaultValue 1e-4
   */
  sufficientDecrease?: number;
  /**
   * The factor by which α² shrinks after a rejected trial, in (0, 1).
   * @defaultValue 0.5
   */
  contraction?: number;
  /**
   * Rejected trials allowed per iteration before the run stops with `"step-too-small"`.
   * @defaultValue 30
   */
  maxBacktracks?: number;
  /**
   * When to look for negative curvature (a Lanczos run costs `lanczosSteps` Hessian-vector
   * products, often more than the rest of an iteration): at the start point, at every point that
   * meets the gradient tolerance, and at every iterate whose gradient norm has fallen to
   * `curvatureRatio` times its value at the last check. 1 checks at every iteration; 0 only at the
   * start and at the gradient tolerance. The default 0.1 checks about once per decade of gradient
   * decrease — 8 checks from ‖grad‖ = 1 to 1e-8 on the way to a minimizer — and repeatedly while
   * an iterate slows down near a saddle (where the gradient keeps shrinking), which is when the
   * curvature direction pays off.
   * @defaultValue 0.1
   */
  curvatureRatio?: number;
}

/**
 * Riemannian curvilinear search with negative curvature: the backtracking search of Moré &
 * Sorensen ("On the use of directions of negative curvature in a modified Newton method", Math.
 * Programming 16, 1979) and Goldfarb ("Curvilinear path steplength algorithms for
 * minimization which use directions of negative curvature", Math. Programming 18, 1980) along a
 * retraction curve. Each iteration takes s = −grad f(x) and, when Lanczos on the Riemannian
 * Hessian finds curvature λ < −curvatureTolerance, the unit Ritz vector d with that curvature,
 * signed so that ⟨grad f(x), d⟩ ≤ 0 (otherwise d = 0). It backtracks α along the curve
 * x(α) = R_x(α²·s + α·d) until Moré & Sorensen's sufficient-decrease condition
 *
 *   f(x(α)) ≤ f(x) + η·α²·(⟨grad f(x), s⟩ + ½⟨d, Hess f(x)[d]⟩)
 *
 * holds. Both terms are ≤ 0; they are the second-order expansion of f(x(α)) − f(x) for a
 * second-order retraction, α²⟨g, s⟩ + α⟨g, d⟩ + ½α²⟨d, Hess[d]⟩ + O(α³), without its term
 * α⟨g, d⟩ ≤ 0. With d = 0 the condition is the Armijo test of a gradient step of length α²‖g‖.
 * On a manifold the Riemannian gradient and Hessian take the place of ∇f and ∇²f, and the
 * retraction that of x + α²s + αd; this is not the projected method for equality constraints of
 * Goldfarb, Mu, Wright & Zhou ("Using negative curvature in solving nonlinear programs", Comput.
 * Optim. Appl. 68, 2017), which generalizes the same search. The backtracking variable is α²
 * (`initialStepSize`, `contraction` apply to it). Step-size memory as in `gradientDescent`: each
 * search starts from the α² accepted last time, doubled when that one passed the test at its
 * first trial. Acceptance at roundoff level: see `backtrack` (src/solvers/backtracking.ts).
 *
 * Second-order stopping: a point with ‖grad f‖ ≤ `gradientTolerance` ends the run only if Lanczos
 * finds no curvature below −`curvatureTolerance` there; otherwise the run goes on along d, so an
 * exact saddle (gradient 0) is left at once. When to run Lanczos otherwise: `curvatureRatio`.
 * The Lanczos start vectors come from `derivedRng(seed, "curvilinear-search")`, not from the
 * stream of the random start point. With `secondOrder: false` no Lanczos runs and the method is
 * Armijo gradient descent. Every Lanczos step and every line-search trial is followed by a
 * checkpoint (a yield when due; an abort or `maxTime` takes effect there). Defaults:
 * `maxIterations` 1000, plus {@link SolverOptions} and {@link SecondOrderOptions}.
 *
 * NaN/Inf: a non-finite cost, gradient entry or Hessian-vector product entry stops the run with
 * reason `"non-finite"` at the last recorded iterate, `nonFinite` naming the function; at the
 * start point (cost or gradient) it is a RangeError naming x0.
 *
 * @param problem the cost, its Euclidean gradient and (unless `secondOrder` is false) its
 *   Euclidean Hessian-vector product `ehessVec`, on a manifold.
 * @param x0 the start point, a point of the manifold (`manifold.contains(x0)`); a random point
 *   from `seed` if omitted.
 * @returns a promise of the {@link SolverResult}; `"step-too-small"` when no trial passes within
 *   `maxBacktracks`.
 * @throws TypeError / RangeError for bad options or a start point of the wrong shape, off the
 *   manifold (the message gives its residual) or with a non-finite cost or gradient; Error when
 *   `secondOrder` is on and the problem has no `ehessVec`; errors from the problem's functions
 *   and `onIteration` propagate.
 */
export async function curvilinearSearch<P>(
  problem: Problem<P>,
  x0?: P | null,
  options: CurvilinearSearchOptions<P> = {},
): Promise<SolverResult<P>> {
  const cache = new PointCache(problem);
  const common = resolveCommonOptions(options, { maxIterations: 1000 },
    [...BACKTRACKING_KEYS, "curvatureRatio", ...SECOND_ORDER_KEYS]);
  const { secondOrder, curvatureTolerance, lanczosSteps } = resolveSecondOrder(options);
  const { initialStepSize, sufficientDecrease: eta, contraction, maxBacktracks } = resolveBacktracking(options);
  const ratio = checkFinite("curvatureRatio", options.curvatureRatio ?? 0.1, 0);
  if (ratio > 1) throw new RangeError(`invalid curvatureRatio: expected a number in [0, 1], got ${ratio}`);
  if (secondOrder && !cache.hasHessian) {
    throw new Error("curvilinearSearch: the problem has no ehessVec (Euclidean Hessian-vector product); pass secondOrder: false to run without curvature");
  }
  const M = problem.manifold;
  let x = startPoint(problem, x0, new Rng(common.seed));
  const rng = derivedRng(common.seed, "curvilinear-search");
  // The last Lanczos result, memoized for its point (the convergence hook and the iteration share it).
  let checkedAt: P | undefined;
  let curvature: NegativeCurvature<P> | undefined;
  const curvatureAt = async (p: P): Promise<NegativeCurvature<P> | undefined> => {
    if (checkedAt !== p) {
      curvature = await negativeCurvature(cache, p, lanczosSteps, curvatureTolerance, rng, checkpoint);
      checkedAt = p;
    }
    return curvature;
  };
  const run = new SolverRun(common, secondOrder ? async (p: P) => (await curvatureAt(p)) === undefined : undefined, copyPoint);
  const checkpoint = (): Promise<void> => run.checkpoint();
  const release = retainProblem(problem);
  try {
    let reason: StopReason | undefined = await beginAt(run, cache, x);
    let t = initialStepSize; // α²
    while (reason === undefined) {
      const g = cache.rgrad(x);
      const gNorm = cache.gradientNorm(x);
      const check = secondOrder && (checkedAt === undefined || checkedAt === x || ratio === 1 || gNorm <= ratio * cache.gradientNorm(checkedAt));
      const nc = check ? await curvatureAt(x) : undefined;
      // d: the unit negative-curvature direction, signed to be non-ascent; zero when none was found.
      const d = nc === undefined ? undefined : M.inner(x, g, nc.direction) > 0 ? M.lincomb(x, -1, nc.direction) : nc.direction;
      // The model decrease per unit α²: ‖g‖² (= −⟨g, s⟩) + ½|⟨d, Hess[d]⟩|.
      const model = gNorm * gNorm + (nc === undefined ? 0 : -0.5 * nc.curvature);
      const tangent = (tt: number): P => (d === undefined ? M.lincomb(x, -tt, g) : M.lincomb(x, -tt, g, Math.sqrt(tt), d));
      const step = await backtrack(cache, x, t, contraction, maxBacktracks, (tt) => ({
        point: M.retract(x, tangent(tt)),
        decrease: eta * tt * model,
        // x'(α) = 2α·s + d ∝ s + d/(2α), α = √tt.
        velocity: () => (d === undefined ? M.lincomb(x, -1, g) : M.lincomb(x, -1, g, 0.5 / Math.sqrt(tt), d)),
      }), checkpoint);
      if (step === undefined) {
        reason = "step-too-small";
        break;
      }
      const length = M.norm(x, tangent(step.t));
      x = step.point;
      t = nextInitialStep(step);
      reason = await run.record(x, cache.cost(x), cache.gradientNorm(x), length);
    }
    return run.finish(x, reason, cache.counts);
  } catch (error) {
    return run.interrupted(error, cache.counts);
  } finally {
    release();
  }
}
