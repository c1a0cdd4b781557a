// Shared argument handling and Taylor-error fit of checkGradient / checkHessian.
import { Rng } from "../data/rng.js";
import type { Problem } from "../problems/problem.js";
import { fitSlope, logGrid, type SlopeFit } from "./slope.js";
export { checkProblem } from "../problems/cache.js";
import { checkFinite, checkInteger, checkOptions, describe } from "../validate.js";

/** Options of {@link checkGradient} and {@link checkHessian}. */
export interface CheckOptions<P> {
  /**
   * Seed of the generator drawing the random direction(s) (ignored when `rng` is given).
   * @defaultValue 1
   */
  seed?: number;
  /** A generator to draw the random direction(s) from (advanced; takes precedence over `seed`). */
  rng?: Rng;
  /**
   * The direction u: a tangent vector at x, rescaled to unit norm. By default a random unit
   * tangent vector.
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

export function resolveOptions<P>(problem: Problem<P>, x: P, options: CheckOptions<P>): Resolved<P> {
  checkOptions("options", options, CHECK_OPTION_KEYS);
  let rng: Rng;
  if (options.rng !== undefined) {
    if (!(options.rng instanceof Rng)) throw new TypeError(`invalid rng: expected an Rng, got ${describe(options.rng)}`);
    rng = options.rng;
  } else {
    rng = new Rng(checkInteger("seed", options.seed ?? 1, 0));
  }
  const points = checkInteger("points", options.points ?? 49, 8, 1000);
  const maxFitStep = checkFinite("maxFitStep", options.maxFitStep ?? 0.1, 0);
  const M = problem.manifold;
  let u: P;
  if (options.direction !== undefined) {
    const s = M.norm(x, options.direction);
    if (!(s > 0) || !Number.isFinite(s)) {
      throw new RangeError(`invalid direction: expected a nonzero finite tangent vector, got norm ${s}`);
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
