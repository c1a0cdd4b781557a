// backtrack: a backtracking search along a curve t ↦ y(t) through x with a roundoff-aware decrease test.
import type { PointCache } from "../problems/cache.js";
import { checkFinite, checkInteger } from "../validate.js";

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
   * Whether the trial made measurable progress: it passed the sufficient-decrease test, or, at
   * roundoff level, it strictly reduced the gradient norm. Step-size memories should grow only on
   * such steps: at an exact critical point (gradient 0) every trial passes at roundoff level, and
   * doubling on each would drive the step to overflow.
   */
  progress: boolean;
  /**
   * True when the trial passed the sufficient-decrease test with a decrease above rounding noise
   * (false when it was accepted by the roundoff-level test): only then is `costDecrease` a measurement.
   */
  measured: boolean;
  /** f(x) − f(y) at the accepted trial. */
  costDecrease: number;
}

/**
 * Backtracking along a curve: tries t = t0, t0·contraction, t0·contraction², … (at most
 * `maxTrials` values) and returns the first trial y(t) that passes, or undefined when none does.
 *
 * A trial passes the sufficient-decrease test when f(y) − f(x) ≤ −max(decrease(t), noise), with
 * noise = 1e-12·|f(x)| the rounding level of f: a smaller difference cannot be told apart from
 * rounding. (The plain test f(y) ≤ f(x) − decrease degenerates into f(y) ≤ f(x) once decrease <
 * ulp(f(x))/2, so rounding noise passes it as a "sufficient" decrease; with a step memory that
 * grows on such steps, gradient steps on ¼‖X − uuᵀ‖² with f* ≈ 550, ℓ = 50 cycled at
 * ‖grad f‖ ≈ 1e-6 for 10⁴ iterations.)
 *
 * Near a minimizer every requested decrease falls below the noise and an exact test would reject
 * every step; there a trial is accepted when f did not rise by more than noise, the cost still
 * decreases along the curve at y, ⟨grad f(y), T_{x→y} velocity⟩ ≤ 0 (the idea of the
 * approximate Wolfe conditions of Hager & Zhang 2005, as in `gradientDescent`), and the gradient
 * norm did not grow — with the cost blind, the gradient norm is the merit function left, and
 * requiring it not to grow keeps steps that overshoot along the stiffest direction (t > 2/ℓ)
 * from being accepted however the slope test comes out.
 *
 * `checkpoint` is awaited before every trial after the first (each trial evaluates the cost, and
 * at roundoff level the gradient, at one point), so the event loop is never blocked for a whole
 * search and an abort takes effect within a trial.
 */
export async function backtrack<P>(
  cache: PointCache<P>,
  x: P,
  t0: number,
  contraction: number,
  maxTrials: number,
  curve: (t: number) => CurveTrial<P>,
  checkpoint: () => Promise<void>,
): Promise<CurveStep<P> | undefined> {
  const M = cache.problem.manifold;
  const fx = cache.cost(x);
  const noise = COST_ROUNDOFF * Math.abs(fx);
  let t = t0;
  for (let rejected = 0; rejected < maxTrials; rejected++, t *= contraction) {
    if (rejected > 0) await checkpoint();
    const { point, decrease, velocity } = curve(t);
    const fy = cache.cost(point);
    if (fy - fx <= -Math.max(decrease, noise)) return { point, t, rejected, progress: true, measured: true, costDecrease: fx - fy };
    if (fy - fx <= noise && cache.gradientNorm(point) <= cache.gradientNorm(x) &&
      M.inner(point, cache.rgrad(point), M.transport(x, point, velocity())) <= 0) {
      return { point, t, rejected, progress: cache.gradientNorm(point) < cache.gradientNorm(x), measured: false, costDecrease: fx - fy };
    }
  }
  return undefined;
}

/** The Armijo backtracking options shared by `gradientDescent` and `curvilinearSearch`. */
export interface BacktrackingOptions {
  initialStepSize?: number;
  sufficientDecrease?: number;
  contraction?: number;
  maxBacktracks?: number;
}

export const BACKTRACKING_KEYS = ["initialStepSize", "sufficientDecrease", "contraction", "maxBacktracks"] as const;

export interface ResolvedBacktracking {
  initialStepSize: number;
  sufficientDecrease: number;
  contraction: number;
  maxBacktracks: number;
}

/**
 * Validates the backtracking options and fills in their defaults (initial step 1, constant 1e-4,
 * contraction 0.5, at most 30 trials).
 *
 * @throws TypeError / RangeError naming the offending option.
 */
export function resolveBacktracking(options: BacktrackingOptions): ResolvedBacktracking {
  const initialStepSize = checkFinite("initialStepSize", options.initialStepSize ?? 1, Number.MIN_VALUE);
  const sufficientDecrease = checkFinite("sufficientDecrease", options.sufficientDecrease ?? 1e-4, 0);
  const contraction = checkFinite("contraction", options.contraction ?? 0.5, Number.MIN_VALUE);
  if (contraction >= 1 || sufficientDecrease >= 1) {
    const [name, value] = contraction >= 1 ? ["contraction", contraction] : ["sufficientDecrease", sufficientDecrease];
    throw new RangeError(`invalid ${name}: expected a number in [0, 1), got ${value}`);
  }
  const maxBacktracks = checkInteger("maxBacktracks", options.maxBacktracks ?? 30, 1);
  return { initialStepSize, sufficientDecrease, contraction, maxBacktracks };
}

/**
 * Armijo backtracking along the gradient curve t ↦ R_x(−t·grad f(x)), asking for the decrease
 * c·t·‖grad f(x)‖² (with the roundoff-aware refinement of {@link backtrack}).
 */
export function gradientStep<P>(
  cache: PointCache<P>,
  x: P,
  t0: number,
  sufficientDecrease: number,
  contraction: number,
  maxTrials: number,
  checkpoint: () => Promise<void>,
): Promise<CurveStep<P> | undefined> {
  const M = cache.problem.manifold;
  const g = cache.rgrad(x);
  const gg = cache.gradientNorm(x) ** 2;
  return backtrack(cache, x, t0, contraction, maxTrials, (t) => ({
    point: M.retract(x, g, -t),
    decrease: sufficientDecrease * t * gg,
    velocity: () => M.lincomb(x, -1, g),
  }), checkpoint);
}

/**
 * The step-size memory of the backtracking solvers (as Manopt's `linesearch_adaptive`): the next
 * search starts from the accepted t, doubled when it passed at its first trial with progress.
 */
export function nextInitialStep<P>(step: CurveStep<P>): number {
  return step.rejected === 0 && step.progress ? 2 * step.t : step.t;
}

/**
 * The step-size memory of gradient steps: `nextInitialStep`'s doubling, except after a step that
 * decreased the cost by less than a tenth of the linear model's prediction, r = (f(x) − f(y)) /
 * (t·‖grad f(x)‖²) < 0.1; the next search then starts from the minimizer of the quadratic through
 * f(x), the slope −‖grad f(x)‖² and f(y), t* = t / (2(1 − r)) (Nocedal & Wright 2006, §3.5),
 * at least t/2. On a quadratic with curvature ℓ along the gradient r = 1 − tℓ/2, so a small r
 * means t near 2/ℓ: steps that overshoot to nearly the same cost on the other side and pass the
 * Armijo test by a sliver. Doubling alone settled there on the Rayleigh quotient of
 * [[2, 1], [1, 2]] (‖grad‖ still 0.04 after 1000 iterations); t* = 1/ℓ is the exact step. A
 * step accepted at roundoff level (r not measured) follows `nextInitialStep`.
 */
export function nextGradientStep<P>(step: CurveStep<P>, gradientNormSquared: number): number {
  const r = step.costDecrease / (step.t * gradientNormSquared);
  if (step.measured && r < 0.1) return step.t * Math.max(0.5, 1 / (2 * (1 - r)));
  return nextInitialStep(step);
}
