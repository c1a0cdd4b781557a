// Running the trials in the calling thread (workers: 1), one after another, yielding in between.
import { yieldToEventLoop } from "../solvers/yield.js";
import type { LoadedProblem } from "./problem.js";
import { trialFailed, type Task } from "./protocol.js";

/** A finished trial as a runner reports it. */
export interface Finished {
  readonly index: number;
  readonly record: unknown;
  readonly time: number;
}

/**
 * Runs `tasks` in order until done or `stop` is aborted; a trial that was running when `stop`
 * fired is discarded. Records are structured-cloned, as a worker's would be.
 *
 * @throws the error of {@link trialFailed} when a trial throws (or returns what cannot be cloned).
 */
export async function runInThread(tasks: readonly Task[], problem: LoadedProblem, stop: AbortSignal, onFinished: (finished: Finished) => void): Promise<void> {
  for (const task of tasks) {
    if (stop.aborted) return;
    const started = performance.now();
    let record: unknown;
    try {
      record = structuredClone(await problem.trial(task.params, task.seed, { signal: stop }));
    } catch (error) {
      if (stop.aborted) return;
      throw trialFailed(task, error, "in the calling thread");
    }
    if (stop.aborted) return;
    onFinished({ index: task.index, record, time: performance.now() - started });
    await yieldToEventLoop();
  }
}
