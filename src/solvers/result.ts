// What a solver reports: the per-iteration record, the stop reasons, the final result.
import type { EvaluationCounts } from "../problems/cache.js";
import type { NonFiniteFunction } from "../problems/non-finite.js";
import type { History } from "./history.js";

/**
 * Why a solver stopped:
 * - `"gradient-tolerance"`: the gradient norm reached `gradientTolerance` (the only converged case);
 * - `"max-iterations"`, `"max-time"`: the budget ran out;
 * - `"callback"`: `onIteration` returned `false` or `"stop"`;
 * - `"aborted"`: the `signal` was aborted;
 * - `"step-too-small"`: the method could not make progress (line search failed, trust region collapsed);
 * - `"non-finite"`: a problem function returned NaN or ±Infinity during the run (see
 *   {@link SolverResult.nonFinite}); the result is the last recorded point, where every value was finite.
 */
export type StopReason =
  | "gradient-tolerance"
  | "max-iterations"
  | "max-time"
  | "callback"
  | "aborted"
  | "step-too-small"
  | "non-finite";

/** Which function returned a non-finite value, and when (reason `"non-finite"`). */
export interface NonFiniteInfo {
  /**
   * The problem function: `"cost"`, `"egrad"` (also for `costAndGrad`'s gradient), `"ehessVec"`;
   * for `proximalGradient` also `"regularizer.value"` and `"regularizer.prox"`; for
   * `alternatingMinimization` `"cost"`, `"gradientNorm"` and `"update"` (with `block`).
   */
  function: NonFiniteFunction;
  /** The block whose `update` returned it (`alternatingMinimization` only). */
  block?: string;
  /**
   * The iteration in progress: k + 1 while the solver computed the next iterate after the
   * recorded iterate k (trial points, inner solves, the new point's gradient), or k while it
   * certified iterate k (the Lanczos run of a second-order stop test).
   */
  iteration: number;
  /** What was found: `"NaN"`, `"Infinity"` for a number, `"entry 3 is NaN"` for an array. */
  value: string;
}

/**
 * The record passed to `onIteration` (iteration 0 is the start point): frozen, and its `point` is
 * a copy, so that nothing the callback does can change the run.
 */
export interface IterationInfo<P> {
  readonly iteration: number;
  readonly point: P;
  readonly cost: number;
  readonly gradientNorm: number;
  /** The length of the step that led here (0 at the start). */
  readonly step: number;
  /** Milliseconds since the solver started. */
  readonly time: number;
}

/** The result of every solver. */
export interface SolverResult<P> {
  /** The final point (the best accepted iterate). */
  point: P;
  cost: number;
  gradientNorm: number;
  /** The number of iterations performed. */
  iterations: number;
  /** True when the run stopped because the gradient tolerance was met. */
  converged: boolean;
  reason: StopReason;
  /** Per-iteration cost, gradient norm, step and time, entry 0 being the start point. */
  history: History;
  /** Milliseconds from start to return. */
  time: number;
  /** How often the cost, gradient and Hessian-vector product were evaluated. */
  evaluations: EvaluationCounts;
  /** With reason `"non-finite"` only: the function that returned a NaN or ±Infinity, and when. */
  nonFinite?: NonFiniteInfo;
}
