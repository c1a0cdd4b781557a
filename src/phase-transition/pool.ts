// Running the trials on a pool of workers: each worker is handed the next trial as soon as it
// finishes one (so uneven trials balance), and every worker is terminated at the end.
import type { BinaryKind } from "../runtime/binaries.js";
import type { Finished } from "./in-thread.js";
import { errorFrom, trialFailed, type FromWorker, type ProblemSpec, type Task, type ToWorker } from "./protocol.js";
import { startWorker, type WorkerHandle } from "./threads.js";

export interface PoolOptions {
  /** Workers to start (≥ 2; never more than the tasks). */
  readonly count: number;
  /** The library's URL, which each worker loads. */
  readonly url: string;
  /** The build the workers initialize: the caller's, so their numbers are the caller's. */
  readonly binary: BinaryKind | "auto";
  readonly problem: ProblemSpec;
  /** Aborting it terminates the workers (running trials are discarded) and resolves. */
  readonly stop: AbortSignal;
  readonly onFinished: (finished: Finished) => void;
}

/**
 * Runs `tasks` on `count` workers until all are done or `stop` is aborted.
 *
 * @throws the error of {@link trialFailed} when a trial throws, or an Error when a worker cannot
 *   start, fails to load the problem or crashes.
 */
export function runInWorkers(tasks: readonly Task[], options: PoolOptions): Promise<void> {
  const { count, url, binary, problem, stop, onFinished } = options;
  if (url.endsWith(".ts")) {
    return Promise.reject(new Error(`phaseTransition: workers load the built library (dist/benign.js), but this copy runs from its source (${url}); use workers: 1`));
  }
  return new Promise((resolve, reject) => {
    const workers: WorkerHandle[] = [];
    let next = 0;
    let running = 0;
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      stop.removeEventListener("abort", onStop);
      for (const worker of workers) worker.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onStop = (): void => settle();
    stop.addEventListener("abort", onStop);

    /** Hands `worker` the next task, or ends the run when none is left and none is running. */
    const dispatch = (worker: WorkerHandle): void => {
      if (next < tasks.length) {
        running++;
        const message: ToWorker = { type: "trial", task: tasks[next++] };
        worker.post(message);
      } else if (running === 0) {
        settle();
      }
    };

    const receive = (worker: WorkerHandle, data: unknown): void => {
      if (settled) return;
      const message = data as FromWorker;
      try {
        if (message.type === "ready") dispatch(worker);
        else if (message.type === "failed") settle(new Error(`phaseTransition: a worker could not start: ${message.error.message}`, { cause: errorFrom(message.error) }));
        else if (message.type === "error") settle(trialFailed(tasks[message.index], errorFrom(message.error), "in a worker"));
        else {
          running--;
          onFinished({ index: message.index, record: message.record, time: message.time });
          if (!settled && !stop.aborted) dispatch(worker);
        }
      } catch (error) {
        settle(error as Error); // onFinished threw (a success or onProgress callback)
      }
    };

    const start: ToWorker = { type: "start", binary, problem };
    for (let k = 0; k < count; k++) {
      let handle: WorkerHandle | undefined;
      startWorker(url, (data) => receive(handle!, data), (error) => settle(error)).then(
        (worker) => {
          handle = worker;
          workers.push(worker);
          if (settled) worker.terminate();
          else worker.post(start);
        },
        (error: Error) => settle(error),
      );
    }
    if (stop.aborted) settle();
  });
}
