// SolverRun: the bookkeeping every solver shares (history, callback, stop tests, yielding, result).
import type { EvaluationCounts } from "../problems/cache.js";
import { NonFiniteValueError } from "../problems/non-finite.js";
import { HistoryRecorder } from "./history.js";
import type { CommonOptions } from "./options.js";
import type { IterationInfo, NonFiniteInfo, SolverResult, StopReason } from "./result.js";
import { yieldToEventLoop } from "./yield.js";

const now = (): number => performance.now();

/**
 * Thrown by {@link SolverRun.checkpoint} when the run must stop inside an iteration (the signal
 * was aborted, or `maxTime` has passed); {@link SolverRun.interrupted} turns it into the result.
 */
export class RunInterrupted extends Error {
  readonly reason: "aborted" | "max-time";

  constructor(reason: "aborted" | "max-time") {
    super(`the run was interrupted: ${reason}`);
    this.name = "RunInterrupted";
    this.reason = reason;
  }
}

/**
 * One run of a solver: it records the start point and every iterate, calls `onIteration`, applies
 * the common stopping criteria in a fixed order, yields to the event loop every `yieldInterval`
 * milliseconds of work, and assembles the {@link SolverResult}. The solver owns the math.
 *
 * Stop tests after each record, in order: gradient norm ≤ tolerance (unless `confirmConvergence`
 * vetoes it), the callback asked to stop,
 * iteration count, elapsed time, the abort signal (also re-checked after each yield).
 *
 * Inside an iteration the solver calls {@link checkpoint} between evaluations (line-search
 * trials, truncated-CG and Lanczos steps): it yields when due and throws {@link RunInterrupted} on
 * an abort or when `maxTime` has passed. The solver catches that, and the
 * {@link NonFiniteValueError} of a problem function, with {@link interrupted}, which returns the
 * last recorded iterate. Times count from `options.startedAt`, the call of the solver.
 */
export class SolverRun<P> {
  readonly options: CommonOptions<P>;
  private readonly started: number;
  private lastYield: number;
  private readonly history = new HistoryRecorder();
  private iteration = -1;
  private lastCost = NaN;
  private lastGradientNorm = NaN;
  private lastPoint: P | undefined;
  private certifying = false;

  private readonly confirmConvergence: ((point: P) => boolean | Promise<boolean>) | undefined;
  private readonly copy: ((point: P) => P) | undefined;

  /**
   * @param confirmConvergence called when a recorded point meets the gradient tolerance; returning
   *   false vetoes the stop (second-order methods return false at a point with negative curvature,
   *   remember the direction, and escape along it in their next iteration). It may be async and
   *   call {@link checkpoint}.
   * @param copy makes the copy of a point `onIteration` gets (called only when there is a
   *   callback); without it the callback gets the solver's own point.
   */
  constructor(options: CommonOptions<P>, confirmConvergence?: (point: P) => boolean | Promise<boolean>, copy?: (point: P) => P) {
    this.options = options;
    this.started = options.startedAt;
    this.lastYield = this.started;
    this.confirmConvergence = confirmConvergence;
    this.copy = copy;
  }

  /** Milliseconds since the run started (the solver's call). */
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
    this.lastPoint = point;
    const time = this.elapsed();
    this.history.record(cost, gradientNorm, step, time);
    let stop = false;
    const callback = this.options.onIteration;
    if (callback !== undefined) {
      const shown = this.copy === undefined ? point : this.copy(point);
      const info: IterationInfo<P> = Object.freeze({ iteration: this.iteration, point: shown, cost, gradientNorm, step, time });
      const answer = callback(info);
      stop = answer === false || answer === "stop";
    }
    if (gradientNorm <= this.options.gradientTolerance && (await this.confirm(point))) return "gradient-tolerance";
    if (stop) return "callback";
    if (this.iteration >= this.options.maxIterations) return "max-iterations";
    if (time >= this.options.maxTime) return "max-time";
    return (await this.pause()) ? "aborted" : undefined;
  }

  /**
   * Yields to the event loop if `yieldInterval` ms have passed since the last yield, then reports
   * whether the signal is aborted.
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

  /**
   * {@link pause}, for the middle of an iteration: throws {@link RunInterrupted} when the signal
   * is aborted or `maxTime` has passed. Solvers call it between evaluations, so that the event
   * loop is never blocked for much more than one evaluation plus `yieldInterval`. Before the start
   * point is recorded (work a solver does to record it) it only yields: `begin` then stops the run.
   */
  async checkpoint(): Promise<void> {
    const aborted = await this.pause();
    // Before the start point is recorded there is no iterate to return: the stop waits for `begin`.
    if (this.lastPoint === undefined) return;
    if (aborted) throw new RunInterrupted("aborted");
    if (this.elapsed() >= this.options.maxTime) throw new RunInterrupted("max-time");
  }

  /** The result for `point`, the last recorded iterate. */
  finish(point: P, reason: StopReason, evaluations: EvaluationCounts, nonFinite?: NonFiniteInfo): SolverResult<P> {
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
      ...(nonFinite === undefined ? {} : { nonFinite }),
    };
  }

  /**
   * The result of a run that `error` ended inside an iteration: a {@link RunInterrupted} gives
   * reason "aborted" or "max-time", a {@link NonFiniteValueError} reason "non-finite" (with
   * `nonFinite`), both at the last recorded iterate. Any other error is rethrown.
   *
   * @param start the name of the start argument, for a non-finite value before the start point
   *   was recorded: then the result is a RangeError naming it (`invalid x0: at the start, …`).
   * @throws `error` itself when it is neither; the RangeError above.
   */
  interrupted(error: unknown, evaluations: EvaluationCounts, start = "x0"): SolverResult<P> {
    const point = this.lastPoint;
    if (error instanceof NonFiniteValueError) {
      if (point === undefined) throw new RangeError(`invalid ${start}: at the start, ${error.message}`);
      return this.finish(point, "non-finite", evaluations, {
        function: error.function,
        ...(error.block === undefined ? {} : { block: error.block }),
        iteration: this.certifying ? this.iteration : this.iteration + 1,
        value: error.value,
      });
    }
    if (error instanceof RunInterrupted) return this.finish(point!, error.reason, evaluations); // thrown only after `begin`
    throw error;
  }

  /** Runs `confirmConvergence` at `point` (true without one), marking the run as certifying it. */
  private async confirm(point: P): Promise<boolean> {
    if (this.confirmConvergence === undefined) return true;
    this.certifying = true; // left set when it throws: `interrupted` reads it
    const confirmed = await this.confirmConvergence(point);
    this.certifying = false;
    return confirmed;
  }
}
