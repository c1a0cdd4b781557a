// Running the trials on a pool of workers: each worker is handed the next trial as soon as it
// finishes one (so uneven trials balance). After a run its idle workers are parked, warm (their
// code compiled and optimized), for the next run — where the host lets them wait without keeping
// the program alive (Node); elsewhere, and after a stop or an error, workers are terminated.
import type { BinaryKind } from "../runtime/binaries.js";
import type { Finished } from "./in-thread.js";
import { errorFrom, trialFailed, type FromWorker, type ProblemSpec, type Task, type ToWorker } from "./protocol.js";
import { startWorker, type WorkerHandle } from "./threads.js";

export interface PoolOptions {
  /** Workers to use (≥ 2; never more than the tasks). */
  readonly count: number;
  /** The library's URL, which each worker loads. */
  readonly url: string;
  /** The build the workers initialize: the caller's, so their numbers are the caller's. */
  readonly binary: BinaryKind | "auto";
  readonly problem: ProblemSpec;
  /** Aborting it terminates the workers with a trial out (their trials are discarded) and resolves. */
  readonly stop: AbortSignal;
  readonly onFinished: (finished: Finished) => void;
}

/** How long a parked worker waits for the next run before it is terminated. */
const IDLE_MS = 30_000;

interface Parked {
  readonly worker: WorkerHandle;
  readonly url: string;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Workers parked by earlier runs. */
const parked: Parked[] = [];

function unpark(entry: Parked): void {
  parked.splice(parked.indexOf(entry), 1);
  clearTimeout(entry.timer);
}

/** Up to `count` parked workers of the library at `url`, resumed. */
function takeParked(url: string, count: number): WorkerHandle[] {
  const taken = parked.filter((entry) => entry.url === url).slice(0, count);
  for (const entry of taken) {
    unpark(entry);
    entry.worker.resume();
  }
  return taken.map((entry) => entry.worker);
}

/** Parks an idle worker for the next run, or terminates it where it cannot wait unreferenced. */
function park(worker: WorkerHandle, url: string): void {
  if (!worker.park()) {
    worker.terminate();
    return;
  }
  const retire = (): void => {
    unpark(entry);
    worker.terminate();
  };
  const entry: Parked = { worker, url, timer: setTimeout(retire, IDLE_MS) };
  (entry.timer as { unref?: () => void }).unref?.(); // the timer must not keep Node running either
  worker.listen(() => {}, retire);
  parked.push(entry);
}

/**
 * Runs `tasks` on `count` workers (parked ones first, then new ones) until all are done or `stop`
 * is aborted.
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
    const ready = new Set<WorkerHandle>();
    const busy = new Set<WorkerHandle>();
    let next = 0;
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      stop.removeEventListener("abort", onStop);
      for (const worker of workers) {
        if (error === undefined && ready.has(worker) && !busy.has(worker)) park(worker, url);
        else worker.terminate();
      }
      if (error === undefined) resolve();
      else reject(error);
    };
    const onStop = (): void => settle();
    stop.addEventListener("abort", onStop);

    /** Hands `worker` the next task, or ends the run when none is left and none is out. */
    const dispatch = (worker: WorkerHandle): void => {
      if (next < tasks.length) {
        busy.add(worker);
        const message: ToWorker = { type: "trial", task: tasks[next++] };
        worker.post(message);
      } else if (busy.size === 0) {
        settle();
      }
    };

    const receive = (worker: WorkerHandle, data: unknown): void => {
      if (settled) return;
      const message = data as FromWorker;
      try {
        if (message.type === "ready") {
          ready.add(worker);
          dispatch(worker);
        } else if (message.type === "failed") {
          settle(new Error(`phaseTransition: a worker could not start: ${message.error.message}`, { cause: errorFrom(message.error) }));
        } else if (message.type === "error") {
          settle(trialFailed(tasks[message.index], errorFrom(message.error), "in a worker"));
        } else {
          busy.delete(worker);
          onFinished({ index: message.index, record: message.record, time: message.time });
          if (!settled && !stop.aborted) dispatch(worker);
        }
      } catch (error) {
        settle(error as Error); // onFinished threw (a success or onProgress callback)
      }
    };

    const start: ToWorker = { type: "start", binary, problem };
    const enlist = (worker: WorkerHandle): void => {
      workers.push(worker);
      if (settled) {
        worker.terminate();
        return;
      }
      worker.listen((data) => receive(worker, data), (error) => settle(error));
      worker.post(start);
    };
    const warm = takeParked(url, count);
    warm.forEach(enlist);
    for (let k = warm.length; k < count; k++) startWorker(url).then(enlist, (error: Error) => settle(error));
    if (stop.aborted) settle();
  });
}
