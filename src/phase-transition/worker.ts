// A pool worker's side: when this copy of the library was started by the phase-transition pool, it
// initializes the caller's build, loads the problem and runs the trials it is sent, one at a time.
import { init } from "../runtime/init.js";
import { loadProblem, type LoadedProblem } from "./problem.js";
import { errorInfo, type FromWorker, type ToWorker } from "./protocol.js";
import { poolPort, type PoolPort } from "./threads.js";

/** Never aborted: a worker's trial is stopped by terminating the worker. */
const NEVER = new AbortController().signal;

function serve(port: PoolPort): void {
  let problem: Promise<LoadedProblem> | undefined;
  const reply = (message: FromWorker): void => port.post(message);
  port.listen(async (data) => {
    const message = data as ToWorker;
    if (message.type === "start") {
      problem = init({ binary: message.binary }).then(() => loadProblem(message.problem));
      problem.then(() => reply({ type: "ready" }), (error: unknown) => reply({ type: "failed", error: errorInfo(error) }));
      return;
    }
    const { task } = message;
    const started = performance.now();
    try {
      const { trial } = await problem!;
      const record = await trial(task.params, task.seed, { signal: NEVER });
      reply({ type: "done", index: task.index, record, time: performance.now() - started });
    } catch (error) {
      // Also a record that cannot be cloned (postMessage throws a DataCloneError).
      reply({ type: "error", index: task.index, error: errorInfo(error) });
    }
  });
}

// Started by the pool? Then serve it (a no-op in every other thread).
void poolPort().then((port) => port !== undefined && serve(port));
