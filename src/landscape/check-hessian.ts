// checkHessian(problem, x): second-order Taylor test of the Riemannian Hessian (Manopt's checkhessian).
import { riemannianGradient, riemannianHessianVec, retainProblem, type Problem } from "../problems/problem.js";
import { type CheckOptions, checkProblem, resolveOptions, RESIDUAL_TOLERANCE, ROUNDOFF, tangencyResidual, taylorFit } from "./common.js";

/** The result of {@link checkHessian}. */
export interface HessianCheck<P> {
  /**
   * The slope of log E(t) vs log t over the best window: ≈ 3 for a correct Hessian (≈ 4 at
   * critical points where f(R_x(tu)) is even in t, e.g. the Rayleigh quotient at an eigenvector),
   * ≈ 2 for a wrong one; NaN if exact or if no window of ≥ 4 points is linear.
   */
  slope: number;
  /**
   * slope ≥ 2.7 (or `exact`), `valid`, and the symmetry and tangency residuals ≤ 1.5e-8.
   */
  passed: boolean;
  /** True when E(t) is at the roundoff floor for every t (the second-order model is exact). */
  exact: boolean;
  /**
   * Whether the second-order test is meaningful at x: the retraction is second order along u
   * (its acceleration has no component along grad f(x)) or x is a critical point. See `retractionBias`.
   */
  valid: boolean;
  /** Step sizes t and errors E(t) = |f(R_x(tu)) − f(x) − t⟨grad, u⟩ − t²/2·⟨Hess f(x)[u], u⟩|. */
  points: { t: Float64Array; error: Float64Array };
  /** The grid indices [first, last] of the fitted window (−1 if none). */
  window: [number, number];
  /** ‖H[u] − proj(x, H[u])‖ / ‖H[u]‖. */
  tangencyResidual: number;
  /** |⟨H[u], v⟩ − ⟨u, H[v]⟩| / (‖H[u]‖·‖v‖ + ‖u‖·‖H[v]‖) for a second random unit tangent v. */
  symmetryResidual: number;
  /**
   * |⟨grad f(x), c''(0)⟩| for the retraction curve c(t) = R_x(t·u) (c''(0) by a central
   * difference with h = 1e-4, accurate to ≈ 1e-8): the t²/2 term the Hessian model misses when
   * the retraction is not second order.
   */
  retractionBias: number;
  /** ‖grad f(x)‖. */
  gradientNorm: number;
  /** The unit tangent direction u used. */
  direction: P;
}

/**
 * Checks the Riemannian Hessian of `problem` at `x` by a second-order Taylor test (Boumal 2023,
 * §5.9 and §6.8; Manopt's `checkhessian`): along a unit tangent u,
 * E(t) = |f(R_x(tu)) − f(x) − t⟨grad f(x), u⟩ − t²/2·⟨Hess f(x)[u], u⟩| is O(t³) when the Hessian
 * is right AND the model is valid — the retraction is second order (sphere normalization,
 * Stiefel polar; not Stiefel QR), or x is a critical point. Otherwise f(R_x(tu)) has the extra
 * second-order term t²/2·⟨grad f(x), c''(0)⟩ (c(t) = R_x(tu)) and the slope is 2 even for a
 * correct Hessian. This function estimates that term (`retractionBias`) and reports `valid` =
 * (retractionBias ≤ 1e-6·(‖grad f(x)‖ + |⟨H[u], u⟩|) + 100·ε·|f(x)|); `passed` requires it.
 *
 * The slope is fitted as in {@link checkGradient} (roundoff floor 100·ε·(|f(x)| + |f(y)| + |t⟨grad, u⟩| + t²/2·|⟨H[u], u⟩|),
 * t ≤ maxFitStep, longest window linear within 0.1 decades). It also reports the tangency of
 * H[u] and the symmetry residual of ⟨H[u], v⟩ = ⟨u, H[v]⟩ for a random v.
 *
 * @throws Error if the problem has no ehessVec; TypeError / RangeError for bad arguments (x off
 *   the manifold: the message gives its residual, see `Manifold.contains`).
 */
export function checkHessian<P>(problem: Problem<P>, x: P, options: CheckOptions<P> = {}): HessianCheck<P> {
  checkProblem("problem", problem);
  if (typeof problem.ehessVec !== "function") {
    throw new Error("checkHessian: the problem has no ehessVec (Euclidean Hessian-vector product)");
  }
  const { rng, u, points, maxFitStep } = resolveOptions(problem, x, options);
  const M = problem.manifold;
  const release = retainProblem(problem);
  try {
    const fx = problem.cost(x);
    const g = riemannianGradient(problem, x);
    const hu = riemannianHessianVec(problem, x, u);
    const d = M.inner(x, g, u);
    const q = M.inner(x, hu, u);
    const { t, error, fit } = taylorFit(problem, x, u, fx, d, q, points, maxFitStep);

    // Symmetry with a second random direction v.
    const v = M.randomTangent(x, rng);
    const hv = riemannianHessianVec(problem, x, v);
    const nhu = M.norm(x, hu), nhv = M.norm(x, hv);
    const scale = nhu * M.norm(x, v) + M.norm(x, u) * nhv;
    const symmetry = scale === 0 ? 0 : Math.abs(M.inner(x, hu, v) - M.inner(x, u, hv)) / scale;
    const tangency = Math.max(tangencyResidual(problem, x, hu), tangencyResidual(problem, x, hv));

    // Acceleration of the retraction curve: c''(0) ≈ (R_x(hu) − 2x + R_x(−hu)) / h².
    const h = 1e-4;
    const acc = M.lincomb(x, 1 / (h * h), M.lincomb(x, 1, M.retract(x, u, h), 1, M.retract(x, u, -h)), -2 / (h * h), x);
    const bias = Math.abs(M.inner(x, g, acc));
    const gradientNorm = M.norm(x, g);
    const valid = bias <= 1e-6 * (gradientNorm + Math.abs(q)) + ROUNDOFF * Math.abs(fx);

    const slopeOk = fit.exact || fit.slope >= 2.7;
    return {
      slope: fit.slope,
      passed: slopeOk && valid && symmetry <= RESIDUAL_TOLERANCE && tangency <= RESIDUAL_TOLERANCE,
      exact: fit.exact,
      valid,
      points: { t, error },
      window: fit.window,
      tangencyResidual: tangency,
      symmetryResidual: symmetry,
      retractionBias: bias,
      gradientNorm,
      direction: u,
    };
  } finally {
    release();
  }
}
