// Threads for the phase-transition pool: the one place that tells Web Workers (browsers, Deno) from
// Node's worker_threads — starting a worker, counting cores, and the worker's end of the channel.
//
// A worker runs this very module's bundle (its own `import.meta.url`, i.e. dist/benign.js): a copy
// started by the pool is recognized by a mark the pool gives it (a Web Worker's `name`; in Node an
// extra argv entry, confirmed by `workerData`) and then answers the pool's messages (worker.ts).
// Imported anywhere else, the library does nothing of the sort.

const WORKER_NAME = "benign:phase-transition";
const NODE_FLAG = "--benign-phase-transition-worker";

/** The pool's handle on one worker. */
export interface WorkerHandle {
  post(message: unknown): void;
  /** Where its replies and its failures (failing to load, a crash, an unexpected exit) go from now on. */
  listen(onMessage: (message: unknown) => void, onError: (error: Error) => void): void;
  /**
   * Lets the worker wait idle without keeping the program alive (Node: `unref()`); false where
   * that is impossible (a Web Worker keeps Deno running), and the worker must then be terminated.
   */
  park(): boolean;
  /** Undoes `park()` before new work. */
  resume(): void;
  terminate(): void;
}

/** The worker's end: messages from the pool, and replies. */
export interface PoolPort {
  post(message: unknown): void;
  listen(handler: (message: unknown) => void): void;
}

interface NodeWorkerThreads {
  Worker: new (url: URL, options: object) => {
    postMessage(message: unknown): void;
    terminate(): Promise<number>;
    on(event: string, listener: (value: never) => void): void;
    ref(): void;
    unref(): void;
  };
  isMainThread: boolean;
  workerData: unknown;
  parentPort: { postMessage(message: unknown): void; on(event: "message", listener: (message: unknown) => void): void } | null;
}

/** A Node built-in, imported by a specifier bundlers leave alone (the bundle is platform-neutral). */
function nodeBuiltin<T>(name: string): Promise<T> {
  return import(/* @vite-ignore */ name) as Promise<T>;
}

const hasWebWorkers = (): boolean => typeof (globalThis as { Worker?: unknown }).Worker === "function";

/** The URL a worker loads: the library itself. */
export function libraryUrl(): string {
  return import.meta.url;
}

/** The number of logical cores (`navigator.hardwareConcurrency`, in Node `os.availableParallelism()`), at least 1. */
export async function availableCores(): Promise<number> {
  const reported = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  if (typeof reported === "number" && reported >= 1) return reported;
  if (!hasWebWorkers() && (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined) {
    const os = await nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>("node:os");
    return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  }
  return 1;
}

/** Starts a worker running the library at `url`, marked as a pool worker; `listen` before posting to it. */
export async function startWorker(url: string): Promise<WorkerHandle> {
  let onMessage: (message: unknown) => void = () => {};
  let onError: (error: Error) => void = () => {};
  const listen = (message: (m: unknown) => void, error: (e: Error) => void): void => {
    [onMessage, onError] = [message, error];
  };
  if (hasWebWorkers()) {
    const worker = new Worker(url, { type: "module", name: WORKER_NAME });
    worker.onmessage = (event) => onMessage(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      onError(new Error(`a phase-transition worker failed (${url}): ${event.message || "it could not load or crashed"}`));
    };
    worker.onmessageerror = () => onError(new Error("a phase-transition worker sent a message that could not be deserialized"));
    return { post: (message) => worker.postMessage(message), listen, park: () => false, resume: () => {}, terminate: () => worker.terminate() };
  }
  const threads = await nodeBuiltin<NodeWorkerThreads>("node:worker_threads");
  const worker = new threads.Worker(new URL(url), { argv: [NODE_FLAG], workerData: { benign: WORKER_NAME } });
  let terminated = false;
  worker.on("message", (message: never) => onMessage(message));
  worker.on("error", (error: never) => onError(error as Error));
  worker.on("exit", (code: never) => {
    if (!terminated) onError(new Error(`a phase-transition worker exited unexpectedly with code ${code}`));
  });
  return {
    post: (message) => worker.postMessage(message),
    listen,
    park: () => (worker.unref(), true),
    resume: () => worker.ref(),
    terminate: () => {
      terminated = true;
      void worker.terminate();
    },
  };
}

/** The channel to the pool when this thread is a pool worker, else undefined. */
export async function poolPort(): Promise<PoolPort | undefined> {
  const scope = globalThis as { WorkerGlobalScope?: abstract new () => unknown; name?: string };
  if (scope.WorkerGlobalScope !== undefined && globalThis instanceof scope.WorkerGlobalScope) {
    if (scope.name !== WORKER_NAME) return undefined;
    const self = globalThis as unknown as { postMessage(message: unknown): void; onmessage: ((event: { data: unknown }) => void) | null };
    return {
      post: (message) => self.postMessage(message),
      listen: (handler) => (self.onmessage = (event) => handler(event.data)),
    };
  }
  const argv = (globalThis as { process?: { argv?: unknown } }).process?.argv;
  if (!Array.isArray(argv) || !argv.includes(NODE_FLAG)) return undefined;
  const threads = await nodeBuiltin<NodeWorkerThreads>("node:worker_threads");
  const data = threads.workerData as { benign?: unknown } | null;
  const port = threads.parentPort;
  if (threads.isMainThread || port === null || data?.benign !== WORKER_NAME) return undefined;
  return {
    post: (message) => port.postMessage(message),
    listen: (handler) => port.on("message", handler),
  };
}
