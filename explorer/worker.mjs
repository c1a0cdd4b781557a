// The explorer's Web Worker: runs one catalog entry at a time off the page's main thread. It
// posts progress in batches, aborts through the solver's AbortSignal when the page says "stop",
// and answers every "run" with exactly one of "done", "stopped" or "error".
//
// Page → worker: { type: "run", runId, id, params } · { type: "stop", runId }
// Worker → page: { type: "ready", features } · { type: "failed", message }   (once, at start)
//                { type: "setup", runId, view } · { type: "progress", runId, records }
//                { type: "done", runId, summary } · { type: "stopped", runId } · { type: "error", runId, message }
import * as benign from "../dist/benign.js";
import { entry } from "./catalog.mjs";

/** Milliseconds between two progress messages. */
const PROGRESS_INTERVAL = 50;

let current = null; // { runId, controller } of the run in progress

const ready = benign.init().then(
  (features) => {
    self.postMessage({ type: "ready", features });
    return true;
  },
  (error) => {
    self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    return false;
  },
);

/**
 * The progress of a run: `observe(measure)` is the solver's onIteration, recording
 * { iteration, cost, gradientNorm, time, ...measure(point) } at every iteration and posting the
 * records in batches at most every PROGRESS_INTERVAL ms; `flush()` posts what is left.
 */
function progress(runId) {
  let batch = [];
  let last = performance.now();
  const flush = () => {
    if (batch.length > 0) self.postMessage({ type: "progress", runId, records: batch });
    batch = [];
    last = performance.now();
  };
  const observe = (measure) => (info) => {
    const { iteration, cost, gradientNorm, time } = info;
    batch.push({ iteration, cost, gradientNorm, time, ...measure(info.point) });
    if (performance.now() - last >= PROGRESS_INTERVAL) flush();
  };
  return { observe, flush };
}

async function run({ runId, id, params }) {
  current?.controller.abort();
  const controller = new AbortController();
  const job = { runId, controller };
  current = job;
  const { signal } = controller;
  try {
    if (!(await ready)) throw new Error("the library failed to initialize");
    const module = entry(id);
    let message;
    if (module.kind === "problem") {
      const setup = (view) => self.postMessage({ type: "setup", runId, view });
      const { observe, flush } = progress(runId);
      const summary = await module.run(benign, params, { signal, observe, setup });
      flush();
      message = summary.reason === "aborted" ? { type: "stopped", runId, summary } : { type: "done", runId, summary };
    } else {
      message = { type: "done", runId, summary: await module.compute(benign, params, { signal }) };
    }
    self.postMessage(message);
  } catch (error) {
    if (signal.aborted) self.postMessage({ type: "stopped", runId });
    else self.postMessage({ type: "error", runId, message: String(error?.message ?? error) });
  } finally {
    if (current === job) current = null;
  }
}

self.onmessage = ({ data }) => {
  if (data.type === "run") run(data);
  else if (data.type === "stop" && current?.runId === data.runId) current.controller.abort();
};
