// backtrack: a backtracking search along a curve t ↦ y(t) through x with a roundoff-aware decrease test.
import type { PointCache } from "../problems/cache.js";

/** Relative size of cost differences treated as rounding noise by the search. */
const COST_ROUNDOFF = 1e-12;

/** A trial point y(t) of a search curve, with the decrease the sufficient-decrease test asks for. */
export interface CurveTrial<P> {
  point: P;
  /** The search accepts y(t) when f(y(t)) ≤ f(x) − decrease. */
  decrease: number;
  /** A tangent vector at x along which the curve leaves x at y(t) (its velocity, up to a positive factor). */
  velocity: () => P;
}

/** An accepted trial: the point, its parameter t and the number of rejected trials before it. */
export interface CurveStep<P> {
  point: P;
  t: number;
  rejected: number;
  /**
   * Whether the trial passed the sufficient-decrease test itself (false: accepted at roundoff
   * level). Step-size memories should grow only on such steps: at a critical point every trial
   * passes at roundoff level, and doubling there would blow a rounding-error gradient up into a
   * macroscopic step.
   */
  sufficient: boolean;
}

/**
 * Backtracking along a curve: tries t = t0, t0·contraction, t0·contraction², … (at most
 * `maxTrials` values) and returns the first trial y(t) that passes, or undefined when none does.
 *
 * A trial passes the sufficient-decrease test when f(y) − f(x) ≤ −max(decrease(t), noise), with
 * noise = 1e-12·|f(x)| the rounding level of f: a smaller difference cannot be told apart from
 * rounding (even f(x) − decrease rounds to f(x) once decrease < ulp(f(x))/2). Near a minimizer
 * every requested decrease falls below that level and an exact test would reject every step;
 * there a trial is accepted (with `sufficient: false`) when f did not rise by more than noise,
 * the cost still decreases along the curve at y, ⟨grad f(y), T_{x→y} velocity⟩ ≤ 0 (the idea of
 * the approximate Wolfe conditions of Hager & Zhang 2005, as in `gradientDescent`), and the
 * gradient norm did not grow. The last condition matters: with the cost blind, the slope test
 * alone accepts any step up to the exact line minimizer, which can exceed 2/ℓ along the stiffest
 * direction, and gradient steps then cycle at ‖grad f‖ ≈ √(ℓ·noise) instead of converging (seen
 * on ¼‖X − uuᵀ‖² with |f*| ≈ 500 and ℓ = 50: ‖grad f‖ stuck near 1e-6).
 */
export function backtrack<P>(
  cache: PointCache<P>,
  x: P,
  t0: number,
  contraction: number,
  maxTrials: number,
  curve: (t: number) => CurveTrial<P>,
): CurveStep<P> | undefined {
  const M = cache.problem.manifold;
  const fx = cache.cost(x);
  const noise = COST_ROUNDOFF * Math.abs(fx);
  let t = t0;
  for (let rejected = 0; rejected < maxTrials; rejected++, t *= contraction) {
    const { point, decrease, velocity } = curve(t);
    const fy = cache.cost(point);
    if (fy - fx <= -Math.max(decrease, noise)) return { point, t, rejected, sufficient: true };
    if (fy - fx <= noise && cache.gradientNorm(point) <= cache.gradientNorm(x) &&
      M.inner(point, cache.rgrad(point), M.transport(x, point, velocity())) <= 0) {
      return { point, t, rejected, sufficient: false };
    }
  }
  return undefined;
}
