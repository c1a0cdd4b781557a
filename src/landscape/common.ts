// Shared argument handling of checkGradient / checkHessian.
import { Rng } from "../data/rng.js";
import type { Problem } from "../problems/problem.js";
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

export function resolveOptions<P>(problem: Problem<P>, x: P, options: CheckOptions<P>, allowed: string[]): Resolved<P> {
  checkOptions("options", options, allowed);
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
