// The options every solver accepts, their validation and defaults.
import { checkFinite, checkInteger, checkOptions, describe } from "../validate.js";
import type { IterationInfo } from "./result.js";

/** The options every solver accepts (each solver adds its own; unknown keys are rejected). */
export interface SolverOptions<P> {
  /**
   * Stop after this many iterations (reason `"max-iterations"`).
   * @defaultValue solver-specific (documented on each solver)
   */
  maxIterations?: number;
  /**
   * Stop once this many milliseconds have passed since the solver was called (reason
   * `"max-time"`), checked after every iteration and between the evaluations inside one (the
   * iteration in progress is then abandoned: the result is the last recorded iterate).
   * @defaultValue Infinity
   */
  maxTime?: number;
  /**
   * Stop when the Riemannian gradient norm (for proximal methods: the norm of the gradient
   * mapping) is at most this (reason `"gradient-tolerance"`, `converged: true`).
   * @defaultValue 1e-6
   */
  gradientTolerance?: number;
  /**
   * Called after the start and after every iteration with a frozen record whose `point` is a copy
   * (made only when there is a callback), so the callback cannot change the run; returning `false`
   * or `"stop"` stops the run (reason `"callback"`). Errors thrown here propagate (after cleanup).
   * @defaultValue none
   */
  onIteration?: (info: IterationInfo<P>) => boolean | "stop" | void;
  /**
   * Aborting this signal stops the run at the next check (reason `"aborted"`, at the last
   * recorded iterate): checked after every yield, so at most one evaluation of a problem function
   * plus `yieldInterval` ms after the abort.
   * @defaultValue none
   */
  signal?: AbortSignal;
  /**
   * Seed of the random start point (drawn from `new Rng(seed)` when no x0 is given) and of the
   * method's own randomness (perturbations, Lanczos start vectors), which comes from a stream
   * derived from the seed (`derivedRng(seed, solver name)`), so that it never repeats the draws
   * of a start point the caller made with `new Rng(seed)`.
   * @defaultValue 1
   */
  seed?: number;
  /**
   * The solver yields to the event loop when this many milliseconds of work have passed since it
   * last did, so pages and servers stay responsive and `signal` can fire. 0 yields at every check.
   * @defaultValue 8
   */
  yieldInterval?: number;
}

/** The common options after validation, with defaults filled in. */
export interface CommonOptions<P> {
  maxIterations: number;
  maxTime: number;
  gradientTolerance: number;
  onIteration: ((info: IterationInfo<P>) => boolean | "stop" | void) | undefined;
  signal: AbortSignal | undefined;
  seed: number;
  yieldInterval: number;
  /** `performance.now()` when the options were resolved, at the solver's call: `maxTime` counts from it. */
  startedAt: number;
}

/** The keys of {@link SolverOptions}, for `checkOptions`. */
export const COMMON_OPTION_KEYS = [
  "maxIterations", "maxTime", "gradientTolerance", "onIteration", "signal", "seed", "yieldInterval",
] as const;

/**
 * Validates `options` (unknown keys rejected: the allowed ones are the common keys plus `extraKeys`)
 * and returns the common options with defaults (`maxIterations` from the solver) and the time of
 * the call, from which `maxTime` counts.
 *
 * @throws TypeError / RangeError naming the bad option and its value.
 */
export function resolveCommonOptions<P>(
  options: SolverOptions<P>,
  defaults: { maxIterations: number },
  extraKeys: readonly string[] = [],
): CommonOptions<P> {
  const startedAt = performance.now();
  checkOptions("options", options, [...COMMON_OPTION_KEYS, ...extraKeys]);
  const maxTime = options.maxTime ?? Infinity;
  if (typeof maxTime !== "number" || !(maxTime >= 0)) {
    throw new (typeof maxTime === "number" ? RangeError : TypeError)(
      `invalid maxTime: expected a number of milliseconds ≥ 0 (or Infinity), got ${describe(maxTime)}`,
    );
  }
  const { onIteration, signal } = options;
  if (onIteration !== undefined && typeof onIteration !== "function") {
    throw new TypeError(`invalid onIteration: expected a function, got ${describe(onIteration)}`);
  }
  if (signal !== undefined && (signal === null || typeof signal !== "object" || typeof signal.aborted !== "boolean")) {
    throw new TypeError(`invalid signal: expected an AbortSignal, got ${describe(signal)}`);
  }
  return {
    maxIterations: checkInteger("maxIterations", options.maxIterations ?? defaults.maxIterations, 0),
    maxTime,
    gradientTolerance: checkFinite("gradientTolerance", options.gradientTolerance ?? 1e-6, 0),
    onIteration,
    signal,
    seed: checkInteger("seed", options.seed ?? 1, 0),
    yieldInterval: checkFinite("yieldInterval", options.yieldInterval ?? 8, 0),
    startedAt,
  };
}

/**
 * The options for a solver called inside another run resolved to `common`: the same settings, as
 * the public `SolverOptions` the solver validates again, with `maxTime` what remains of the outer
 * run's budget (counted from its `startedAt`).
 */
export function nestedSolverOptions<P>(common: CommonOptions<P>): SolverOptions<P> {
  const { startedAt, maxTime, ...settings } = common;
  return { ...settings, maxTime: Math.max(0, maxTime - (performance.now() - startedAt)) };
}
