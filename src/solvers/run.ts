// SolverRun: the bookkeeping every solver shares (history, callback, stop tests, yielding, result).
import type { EvaluationCounts } from "../problems/cache.js";
import { HistoryRecorder } from "./history.js";
import type { CommonOptions } from "./options.js";
import type { IterationInfo, SolverResult, StopReason } from "./result.js";
import { yieldToEventLoop } from "./yield.js";

const now = (): number => performance.now();

/**
 * One run of a solver: it records the start point and every iterate, calls `onIteration`, applies
 * the common stopping criteria in a fixed order, yields to the event loop every `yieldInterval`
 * milliseconds of work, and assembles the {@link SolverResult}. The solver owns the math.
 *
 * Stop tests after each record, in order: gradient norm ≤ tolerance (unless `confirmConvergence`
 * vetoes it), the callback asked to stop,
 * iteration count, elapsed time, the abort signal (also re-checked after each yield).
 */
export class SolverRun<P> {
  readonly options: CommonOptions<P>;
  private readonly started = now();
  private lastYield = this.started;
  private readonly history = new HistoryRecorder();
  private iteration = -1;
  private lastCost = NaN;
  private lastGradientNorm = NaN;

  private readonly confirmConvergence: ((point: P) => boolean) | undefined;

  /**
   * @param confirmConvergence called when a recorded point meets the gradient tolerance; returning
   *   false vetoes the stop (second-order methods return false at a point with negative curvature,
   *   remember the direction, and escape along it in their next iteration).
   */
  constructor(options: CommonOptions<P>, confirmConvergence?: (point: P) => boolean) {
    this.options = options;
    this.confirmConvergence = confirmConvergence;
  }

  /** Milliseconds since the run started. */
  elapsed(): number {
    return now() - this.started;
  }

  /** The number of iterations recorded so far (0 after the start point). */
  get iterations(): number {
    return Math.max(0, this.iteration);
  }

  /**
   * Records the start point (iteration 0) and returns a reason to stop at once, if any.
   *
   * @throws RangeError if the cost or gradient norm at the start is not finite.
   */
  async begin(point: P, cost: number, gradientNorm: number): Promise<StopReason | undefined> {
    if (!Number.isFinite(cost) || !Number.isFinite(gradientNorm)) {
      throw new RangeError(`invalid start point: the cost is ${cost} and the gradient norm ${gradientNorm} there (expected finite values)`);
    }
    return this.record(point, cost, gradientNorm, 0);
  }

  /** Records the next iterate and returns the reason to stop, or undefined to go on. */
  async record(point: P, cost: number, gradientNorm: number, step: number): Promise<StopReason | undefined> {
    this.iteration++;
    this.lastCost = cost;
    this.lastGradientNorm = gradientNorm;
    const time = this.elapsed();
    this.history.record(cost, gradientNorm, step, time);
    let stop = false;
    const callback = this.options.onIteration;
    if (callback !== undefined) {
      const info: IterationInfo<P> = Object.freeze({ iteration: this.iteration, point, cost, gradientNorm, step, time });
      const answer = callback(info);
      stop = answer === false || answer === "stop";
    }
    if (gradientNorm <= this.options.gradientTolerance && (this.confirmConvergence?.(point) ?? true)) {
      return "gradient-tolerance";
    }
    if (stop) return "callback";
    if (this.iteration >= this.options.maxIterations) return "max-iterations";
    if (time >= this.options.maxTime) return "max-time";
    return (await this.pause()) ? "aborted" : undefined;
  }

  /**
   * Yields to the event loop if `yieldInterval` ms have passed since the last yield, then reports
   * whether the signal is aborted. Long inner loops (truncated CG, Lanczos, line searches) call it
   * so that an abort takes effect promptly.
   */
  async pause(): Promise<boolean> {
    const signal = this.options.signal;
    if (signal?.aborted) return true;
    if (now() - this.lastYield >= this.options.yieldInterval) {
      await yieldToEventLoop();
      this.lastYield = now();
    }
    return signal?.aborted === true;
  }

  /** The result for `point`, the last recorded iterate. */
  finish(point: P, reason: StopReason, evaluations: EvaluationCounts): SolverResult<P> {
    return {
      point,
      cost: this.lastCost,
      gradientNorm: this.lastGradientNorm,
      iterations: this.iterations,
      converged: reason === "gradient-tolerance",
      reason,
      history: this.history.finish(),
      time: this.elapsed(),
      evaluations: { ...evaluations },
    };
  }
}
