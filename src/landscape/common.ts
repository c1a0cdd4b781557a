// Shared argument handling and Taylor-error fit of checkGradient / checkHessian.
import { Rng } from "../data/rng.js";
import { derivedRng } from "../data/derived-rng.js";
import { checkPoint } from "../manifolds/manifold.js";
import type { Problem } from "../problems/problem.js";
import { fitSlope, logGrid, type SlopeFit } from "./slope.js";
export { checkProblem } from "../problems/cache.js";
import { checkFinite, checkInteger, checkOptions, describe } from "../validate.js";

/** Options of {@link checkGradient} and {@link checkHessian}. */
export interface CheckOptions<P> {
  /**
   * Seed of the generator drawing the random direction(s) (ignored when `rng` is given). The
   * directions come from a stream derived from the seed (`derivedRng`), not from `new Rng(seed)`:
   * at a point the caller drew with `new Rng(seed)` they do not repeat the caller's draws.
   * @defaultValue 1
   */
  seed?: number;
  /**
   * A generator to draw the random direction(s) from (advanced; takes precedence over `seed`).
   * @defaultValue none (a stream derived from `seed`)
   */
  rng?: Rng;
  /**
   * The direction u: a tangent vector at x (its normal part at most 1.5e-8 of its norm), rescaled
   * to unit norm. By default a random unit tangent vector.
   * @defaultValue a random unit tangent vector
   */
  direction?: P;
  /**
   * Number of step sizes t on the log grid 10⁻⁸ … 1 (6 per decade by default: the fit needs ≥ 4 points in a linear stretch).
   * @defaultValue 49
   */
  points?: number;
  /**
   * The largest step size used in the slope fit (the grid still goes to 1 and all errors are
   * returned): larger steps are dominated by higher-order terms.
   * @defaultValue 0.1
   */
  maxFitStep?: number;
}

export interface Resolved<P> {
  rng: Rng;
  u: P;
  points: number;
  maxFitStep: number;
}

/** Rounding errors below this are treated as noise: 100·ε relative to the magnitudes involved. */
export const ROUNDOFF = 100 * Number.EPSILON;

/** Tolerance for the tangency and symmetry residuals (≈ √ε). */
export const RESIDUAL_TOLERANCE = 1.5e-8;

/** The keys of {@link CheckOptions}, for `checkOptions`. */
const CHECK_OPTION_KEYS = ["seed", "rng", "direction", "points", "maxFitStep"];

/**
 * Validates the arguments of the checks — x a point of the manifold (RangeError naming x and its
 * residual otherwise), the options — and draws the direction.
 */
export function resolveOptions<P>(problem: Problem<P>, x: P, options: CheckOptions<P>): Resolved<P> {
  checkPoint("x", problem.manifold, x);
  checkOptions("options", options, CHECK_OPTION_KEYS);
  let rng: Rng;
  if (options.rng !== undefined) {
    if (!(options.rng instanceof Rng)) throw new TypeError(`invalid rng: expected an Rng, got ${describe(options.rng)}`);
    rng = options.rng;
  } else {
    rng = derivedRng(checkInteger("seed", options.seed ?? 1, 0), "landscape-check");
  }
  const points = checkInteger("points", options.points ?? 49, 8, 1000);
  const maxFitStep = checkFinite("maxFitStep", options.maxFitStep ?? 0.1, 0);
  const M = problem.manifold;
  if (M.dimension === 0) {
    throw new RangeError(`invalid problem: ${M.name} has dimension 0, there is no tangent direction to check along`);
  }
  let u: P;
  if (options.direction !== undefined) {
    const s = M.norm(x, options.direction);
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new RangeError(`invalid direction: expected a nonzero finite tangent vector, got norm ${s}`);
    }
    const normal = tangencyResidual(problem, x, options.direction);
    if (!(normal <= RESIDUAL_TOLERANCE)) {
      throw new RangeError(`invalid direction: expected a tangent vector at x, its normal part is ${normal.toPrecision(3)} of its norm`);
    }
    u = M.lincomb(x, 1 / s, options.direction);
  } else {
    u = M.randomTangent(x, rng);
  }
  return { rng, u, points, maxFitStep };
}

/** ‖v − proj(x, v)‖ / ‖v‖ (0 for v = 0). */
export function tangencyResidual<P>(problem: Problem<P>, x: P, v: P): number {
  const M = problem.manifold;
  const nv = M.norm(x, v);
  if (nv === 0) return 0;
  return M.norm(x, M.lincomb(x, 1, v, -1, M.proj(x, v))) / nv;
}

/**
 * The Taylor errors E(t) = |f(R_x(t·u)) − f(x) − t·d − t²/2·q| on the log grid t = 10⁻⁸ … 1 of
 * `points` steps, with the roundoff floor 100·ε·(|f(x)| + |f(y)| + |t·d| + t²/2·|q|), and the
 * slope fitted over them (see `fitSlope`). q = 0 gives the first-order test of `checkGradient`.
 */
export function taylorFit<P>(
  problem: Problem<P>, x: P, u: P, fx: number, d: number, q: number, points: number, maxFitStep: number,
): { t: Float64Array; error: Float64Array; fit: SlopeFit } {
  const M = problem.manifold;
  const t = logGrid(-8, 0, points);
  const error = new Float64Array(points);
  const floor = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const fy = problem.cost(M.retract(x, u, t[i]));
    error[i] = Math.abs(fy - fx - t[i] * d - 0.5 * t[i] * t[i] * q);
    floor[i] = ROUNDOFF * (Math.abs(fx) + Math.abs(fy) + Math.abs(t[i] * d) + 0.5 * t[i] * t[i] * Math.abs(q));
  }
  return { t, error, fit: fitSlope(t, error, floor, maxFitStep) };
}

/** The result of {@link centralDifference}. */
export interface CentralDifference {
  /** Richardson-extrapolated central difference of t ↦ f(R_x(t·u)) at 0: Df(x)[u] to O(h⁴). */
  estimate: number;
  /**
   * A bound on the estimate's error: |D(h) − D(h/2)| (the leading truncation term, far above the
   * O(h⁴) left after extrapolation) plus the rounding of the cost values amplified by 1/h.
   */
  tolerance: number;
}

/** The step of {@link centralDifference} along a unit tangent vector. */
const DIFFERENCE_STEP = 1e-4;

/**
 * The directional derivative Df(x)[u] by central differences along the retraction curve
 * c(t) = R_x(t·u): D(h) = (f(c(h)) − f(c(−h)))/2h = Df(x)[u] + O(h²) for any retraction (the t²
 * term of f∘c cancels), and (4·D(h/2) − D(h))/3 removes the h² term (Richardson extrapolation).
 * It catches gradient errors far below what the slope of the Taylor test can resolve.
 */
export function centralDifference<P>(problem: Problem<P>, x: P, u: P, fx: number): CentralDifference {
  const M = problem.manifold;
  const h = DIFFERENCE_STEP;
  let magnitude = Math.abs(fx);
  const difference = (step: number): number => {
    const plus = problem.cost(M.retract(x, u, step));
    const minus = problem.cost(M.retract(x, u, -step));
    magnitude = Math.max(magnitude, Math.abs(plus), Math.abs(minus));
    return (plus - minus) / (2 * step);
  };
  const d1 = difference(h), d2 = difference(h / 2);
  // Rounding: each cost value carries ≈ ROUNDOFF·|f|; the extrapolation weights give ≤ 3·that/h.
  return { estimate: (4 * d2 - d1) / 3, tolerance: Math.abs(d2 - d1) + (3 * ROUNDOFF * magnitude) / h };
}
