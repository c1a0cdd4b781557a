// checkGradient(problem, x): Taylor test of the Riemannian gradient along a retraction (Manopt's checkgradient).
import { riemannianGradient, retainProblem, type Problem } from "../problems/problem.js";
import {
  centralDifference, type CheckOptions, checkProblem, resolveOptions, RESIDUAL_TOLERANCE, tangencyResidual, taylorFit,
} from "./common.js";

/** The result of {@link checkGradient}. */
export interface GradientCheck<P> {
  /**
   * The slope of log E(t) vs log t over the best window: ≈ 2 for a correct gradient (≈ 3 or more
   * where the second-order term happens to vanish, e.g. a degenerate direction), ≈ 1 for a wrong
   * one; NaN if exact or if no window of ≥ 4 points is linear.
   */
  slope: number;
  /**
   * slope ≥ 1.8 (or `exact`), tangencyResidual ≤ 1.5e-8, and the directional derivative agrees
   * with its central difference (`derivativeError` ≤ `derivativeTolerance`).
   */
  passed: boolean;
  /** True when E(t) is at the roundoff floor for every t (the first-order model is exact). */
  exact: boolean;
  /** The step sizes t and errors E(t) = |f(R_x(t·u)) − f(x) − t·⟨grad f(x), u⟩|. */
  points: { t: Float64Array; error: Float64Array };
  /** The grid indices [first, last] of the fitted window (−1 if none). */
  window: [number, number];
  /** ‖grad − proj(x, grad)‖ / ‖grad‖: how far the gradient is from the tangent space. */
  tangencyResidual: number;
  /** ‖grad f(x)‖. */
  gradientNorm: number;
  /** ⟨grad f(x), u⟩. */
  directionalDerivative: number;
  /** Df(x)[u] by Richardson-extrapolated central differences of f along R_x(t·u) (h = 1e-4, 5e-5). */
  finiteDifference: number;
  /** |directionalDerivative − finiteDifference|. */
  derivativeError: number;
  /** The bound on the finite difference's own error (truncation and rounding) `derivativeError` is held to. */
  derivativeTolerance: number;
  /** The unit tangent direction u used. */
  direction: P;
}

/**
 * Checks the Riemannian gradient of `problem` at `x` by a Taylor test (Boumal 2023, §4.8; Manopt's
 * `checkgradient`): along a unit tangent u, E(t) = |f(R_x(t·u)) − f(x) − t·⟨grad f(x), u⟩| is
 * O(t²) for every retraction iff ⟨grad f(x), u⟩ = Df(x)[u]; a wrong gradient leaves an O(t) term.
 * E is evaluated on a log grid t = 10⁻⁸ … 1; the slope of log E vs log t is fitted over the best
 * window (see `fitSlope`: the longest run of points above the roundoff floor
 * 100·ε·(|f(x)| + |f(R_x(tu))| + |t⟨grad, u⟩|), with t ≤ maxFitStep, that lies on a line within
 * 0.1 decades). It passes when the slope is ≥ 1.8 — E decays at least quadratically, so no O(t)
 * term is left (a slope above 2.2 means a vanishing t² coefficient, not an error) — or when E is at
 * roundoff for every t (exact model, e.g. a linear cost on a flat space), and the gradient is tangent.
 * The slope cannot resolve a small error (a gradient off by 1e-3 leaves an O(t) term that dominates
 * only below the roundoff floor), so it must also agree with the directional derivative from
 * central differences to within that estimate's own error bound (see `derivativeTolerance`).
 *
 * The default direction is a random unit tangent vector from a stream derived from `seed`, never
 * the caller's `new Rng(seed)` stream; a given `direction` must be tangent. A single direction tests
 * one directional derivative; use several seeds for more confidence.
 *
 * @throws TypeError / RangeError for a bad problem or option, or an x off the manifold (the message
 *   gives its residual, see `Manifold.contains`); errors of the problem's functions propagate.
 *
 * @example
 * ```js
 * import { init, checkGradient, rayleighQuotient, sphere, Rng, fromRows, gemv } from "benign";
 * await init();
 * const A = fromRows([[2, 1], [1, 3]]);
 * const good = rayleighQuotient(A);
 * const bad = { ...good, egrad: (x) => gemv(A, x) };       // forgot the factor 2 of ∇(xᵀAx) = 2Ax
 * const x = sphere(2).random(new Rng(1));
 * console.log(checkGradient(good, x).passed, checkGradient(bad, x).passed); // true false
 * ```
 */
export function checkGradient<P>(problem: Problem<P>, x: P, options: CheckOptions<P> = {}): GradientCheck<P> {
  checkProblem("problem", problem);
  const { u, points, maxFitStep } = resolveOptions(problem, x, options);
  const M = problem.manifold;
  const release = retainProblem(problem);
  try {
    const fx = problem.cost(x);
    const g = riemannianGradient(problem, x);
    const d = M.inner(x, g, u);
    const { t, error, fit } = taylorFit(problem, x, u, fx, d, 0, points, maxFitStep);
    const tangency = tangencyResidual(problem, x, g);
    const difference = centralDifference(problem, x, u, fx);
    const derivativeError = Math.abs(d - difference.estimate);
    const slopeOk = fit.exact || fit.slope >= 1.8;
    return {
      slope: fit.slope,
      passed: slopeOk && tangency <= RESIDUAL_TOLERANCE && derivativeError <= difference.tolerance,
      exact: fit.exact,
      points: { t, error },
      window: fit.window,
      tangencyResidual: tangency,
      gradientNorm: M.norm(x, g),
      directionalDerivative: d,
      finiteDifference: difference.estimate,
      derivativeError,
      derivativeTolerance: difference.tolerance,
      direction: u,
    };
  } finally {
    release();
  }
}
