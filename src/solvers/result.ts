// What a solver reports: the per-iteration record, the stop reasons, the final result.
import type { EvaluationCounts } from "../problems/cache.js";
import type { History } from "./history.js";

/**
 * Why a solver stopped:
 * - `"gradient-tolerance"`: the gradient norm reached `gradientTolerance` (the only converged case);
 * - `"max-iterations"`, `"max-time"`: the budget ran out;
 * - `"callback"`: `onIteration` returned `false` or `"stop"`;
 * - `"aborted"`: the `signal` was aborted;
 * - `"step-too-small"`: the method could not make progress (line search failed, trust region collapsed).
 */
export type StopReason =
  | "gradient-tolerance"
  | "max-iterations"
  | "max-time"
  | "callback"
  | "aborted"
  | "step-too-small";

/** The immutable record passed to `onIteration` (iteration 0 is the start point). */
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
}
