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
}

/**
 * Backtracking along a curve: tries t = t0, t0·contraction, t0·contraction², … (at most
 * `maxTrials` values) and returns the first trial y(t) with f(y) ≤ f(x) − decrease(t), or
 * undefined when none passes. Near a minimizer the requested decrease falls below the rounding
 * error of f and an exact test would reject every step; there a trial is accepted when f did not
 * rise by more than 1e-12·|f(x)| and the cost still decreases along the curve at y, i.e.
 * ⟨grad f(y), T_{x→y} velocity⟩ ≤ 0 (the idea of the approximate Wolfe conditions of Hager &
 * Zhang 2005; the same test as `gradientDescent`'s).
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
  let t = t0;
  for (let rejected = 0; rejected < maxTrials; rejected++, t *= contraction) {
    const { point, decrease, velocity } = curve(t);
    const fy = cache.cost(point);
    if (fy <= fx - decrease) return { point, t, rejected };
    if (fy - fx <= COST_ROUNDOFF * Math.abs(fx) && M.inner(point, cache.rgrad(point), M.transport(x, point, velocity())) <= 0) {
      return { point, t, rejected };
    }
  }
  return undefined;
}
