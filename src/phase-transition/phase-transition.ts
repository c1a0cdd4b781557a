// phaseTransition: the front door — validation, the grid's cells and trials, the run (calling
// thread or worker pool), progress and stopping, and the rates.
import { runtime } from "../runtime/init.js";
import type { BinaryKind } from "../runtime/binaries.js";
import { checkInteger, checkOptions, describe } from "../validate.js";
import { checkGrid, gridCells } from "./grid.js";
import { runInThread, type Finished } from "./in-thread.js";
import { runInWorkers } from "./pool.js";
import { loadProblem, resolveProblem, type LoadedProblem } from "./problem.js";
import type { Task } from "./protocol.js";
import { trialSeed } from "./seeds.js";
import { availableCores, libraryUrl } from "./threads.js";
import type {
  CellRate, GridValue, TrialParameters, PhaseTransitionOptions, PhaseTransitionReason, PhaseTransitionResult, SuccessFunction, TrialEntry,
} from "./types.js";

const KEYS = ["problem", "grid", "trials", "success", "seed", "workers", "onProgress", "signal", "maxTime"];

/** The grid's cells, checked: a preset's defaults filled in, its required axes present, every cell valid. */
function cellsOf(grid: unknown, problem: ReturnType<typeof resolveProblem>): TrialParameters[] {
  if (problem.kind !== "preset") return gridCells(checkGrid(grid)).map((cell) => Object.freeze(cell));
  const { name, preset } = problem;
  const checked = checkGrid(grid, Object.keys(preset.defaults), `the "${name}" preset`);
  const defaults: Record<string, GridValue> = {};
  for (const [key, value] of Object.entries(preset.defaults)) {
    if (value !== undefined) defaults[key] = value;
    else if (!(key in checked)) throw new RangeError(`invalid grid: the "${name}" preset needs an axis ${key}, e.g. ${key}: [ … ]`);
  }
  const cells = gridCells(checked, defaults);
  for (const cell of cells) preset.check(cell);
  return cells.map((cell) => Object.freeze(cell));
}

function checkFunction<F>(name: string, value: unknown): F | undefined {
  if (value !== undefined && typeof value !== "function") throw new TypeError(`invalid ${name}: expected a function, got ${describe(value)}`);
  return value as F | undefined;
}

/** The build the caller runs (workers run the same one), or "auto" before `init()`. */
function callerBinary(): BinaryKind | "auto" {
  try {
    return runtime().features.binary;
  } catch {
    return "auto";
  }
}

/** The options, checked before any work; the module problem imported (to check its exports). */
async function checkedOptions<R>(options: PhaseTransitionOptions<R>) {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected { problem, grid, … }, got ${describe(options)}`);
  }
  checkOptions("options", options, KEYS);
  const problem = resolveProblem(options.problem);
  const cells = cellsOf(options.grid, problem);
  const trials = checkInteger("trials", options.trials ?? 5, 1);
  const seed = checkInteger("seed", options.seed ?? 1, 0, 0xffffffff);
  const successOption = checkFunction<SuccessFunction<unknown>>("success", options.success);
  const onProgress = checkFunction<NonNullable<PhaseTransitionOptions<R>["onProgress"]>>("onProgress", options.onProgress);
  const { signal } = options;
  if (signal !== undefined && (signal === null || typeof signal !== "object" || typeof signal.aborted !== "boolean")) {
    throw new TypeError(`invalid signal: expected an AbortSignal, got ${describe(signal)}`);
  }
  const maxTime = options.maxTime ?? Infinity;
  if (typeof maxTime !== "number" || !(maxTime >= 0)) {
    throw new (typeof maxTime === "number" ? RangeError : TypeError)(`invalid maxTime: expected a number of milliseconds ≥ 0 (or Infinity), got ${describe(maxTime)}`);
  }
  const workers = options.workers === undefined ? undefined : checkInteger("workers", options.workers, 1, 1024);
  if (problem.kind === "functions" && workers !== undefined && workers > 1) {
    throw new TypeError(`invalid workers: a problem given as functions runs in the calling thread (workers: 1), got ${workers}; for a pool give { module: URL } exporting trial and success`);
  }
  if (problem.kind === "preset") runtime(); // throws "call `await init()` first" before any work
  const loaded: LoadedProblem = problem.kind === "functions" ? problem.problem : await loadProblem(problem.spec);
  const success = successOption ?? loaded.success;
  if (success === undefined) throw new TypeError("invalid success: the problem has no success rule, so options.success must give one");
  return { problem, cells, trials, seed, success, onProgress, signal, maxTime, requested: workers, loaded };
}


/**
 * Runs a grid of seeded trials — every cell of `grid` (the Cartesian product of its axes) `trials`
 * times — and returns the success rate of each cell and a record of each trial: the data of a
 * phase-transition diagram, e.g. exact recovery of matrix completion against rank and sampling
 * rate (Candès & Recht 2009; Donoho & Tanner 2009 for the methodology of such diagrams).
 *
 * **Problems.** `"completion"`: the grid gives `sampling` (the probability that an entry is
 * observed, in (0, 1]) and `rank`; the other parameters default to `rows`: 100, `cols`: 100,
 * `method`: "als" (or "gd", "riemannian"), `lambda`: 0, `condition`: 2 (σ₁/σᵣ of the truth),
 * `maxIterations`: 300, `tolerance`: 1e-9 (the gradient tolerance) — any of them may be an axis
 * too (a one-value axis fixes it). A trial draws X = UVᵀ (rows×cols, rank r, singular values
 * √(mn)·κ^(−k/(r−1)), incoherent), observes each entry with probability `sampling`, and fits
 * `completeMatrix` from the spectral start; its record is `{ relativeError, observed,
 * underdetermined, iterations, reason }` (a row or column with fewer than r entries cannot be
 * recovered by any method: such a trial is recorded as underdetermined, a failure, without a
 * run). Success: relative error ‖UVᵀ − X‖_F/‖X‖_F below 1e-4. `"orthogonal-dictionary"`: the grid
 * gives `theta` (the rate of nonzero codes, in (0, 1]) and `samples` (p ≥ n); `n`: 30, `method`:
 * "msp" (or "sphere", "subgradient") and `rounding`: true ("msp" only) may be axes too. A trial
 * draws A₀ Haar-distributed on O(n) and Bernoulli(θ)–Gaussian codes X₀ (n×p), and fits
 * `learnOrthogonalDictionary(A₀X₀)`; its record is `{ error, l4Error, iterations, reason }`, error
 * the signed-permutation error. Success: error below 1e-2. `"deconvolution"`: the grid gives
 * `theta` (the activation's rate) and `length` (m ≥ 3·kernelLength); the others default to
 * `kernelLength`: 30, `kind`: "gaussian" (or "smooth", of `randomKernel`), `activation`:
 * "bernoulli-gaussian" (or "bernoulli-rademacher"), `noise`: 0, `method`: "homotopy" (or "iadm",
 * "trust-region"), `lambda`: 0.01, `maxIterations`: 1000. A trial draws a random kernel and
 * y = a₀ ⊛ x₀ and fits `deconvolve`; its record is `{ correlation, iterations, reason }`. Success:
 * shiftCorrelation ≥ 0.99 (Lau et al. 2020, Fig. 4). A custom problem is
 * `{ trial(params, seed, { signal }) → record, success?(record) → boolean }` (records must be
 * plain, structured-cloneable data) — which runs in the calling thread, as functions cannot be
 * sent to a worker — or `{ module: url }` naming an ES module that exports `trial` and `success`,
 * which every worker imports.
 *
 * **Seeds and threads.** Trial t of every cell runs with the same seed, derived from (`seed`, t):
 * common random numbers (the completion truth is the same across sampling rates, whose masks are
 * nested). A trial's record depends only on its parameters and seed, never on the thread that
 * ran it: workers run the caller's build (`init({ binary })`) and get each trial's seed, so
 * `workers: 2` gives the records of `workers: 1`. Workers load the library itself
 * (`import.meta.url`: dist/benign.js) — `worker_threads` in Node, module Web Workers in browsers
 * and Deno — which needs the library as its own module (not bundled into an application) and, in
 * a browser, served from the page's origin. In Node, the idle workers of a finished run stay warm
 * for 30 s (unreferenced: they never keep the process alive) and serve the next run; elsewhere,
 * and after a stop or an error, the workers are terminated when the run ends.
 *
 * **Stopping.** `onProgress` is called after every finished trial (returning `false` or `"stop"`
 * stops the run), `signal` aborts it and `maxTime` bounds it: the run then resolves with the
 * trials finished so far (`reason` says why), terminating workers and discarding running trials.
 * The calling thread yields to the event loop between trials.
 *
 * **Non-finite values.** Grid values must be finite numbers, strings or booleans; records are
 * whatever the trial returns (the completion preset records `relativeError: Infinity` for an
 * underdetermined trial).
 *
 * @returns `rates` (one per cell, in grid order: the first axis varying slowest, the parameters as
 *   fields next to `rate`, `successes` and `trials`), `records` (one per finished trial, by cell
 *   then trial), `reason`, `completed`, `total`, `workers` and `time` (ms).
 * @throws TypeError / RangeError naming the bad option (and grid axis or value) before any trial
 *   runs; an Error naming the trial, its cell and seed when a trial throws (also in a worker), or
 *   when a worker cannot start; the presets need `await init()` first.
 */
export async function phaseTransition<R = unknown>(options: PhaseTransitionOptions<R>): Promise<PhaseTransitionResult<R>> {
  const { problem, cells, trials, seed, success, onProgress, signal, maxTime, requested, loaded } = await checkedOptions(options);
  const total = cells.length * trials;
  const seeds = Array.from({ length: trials }, (_, t) => trialSeed(seed, t));
  const tasks: Task[] = [];
  cells.forEach((params, cell) => {
    for (let trial = 0; trial < trials; trial++) tasks.push({ index: tasks.length, cell, trial, params, seed: seeds[trial] });
  });
  const workers = Math.min(requested ?? (problem.kind === "functions" ? 1 : await availableCores()), total);

  const started = performance.now();
  const stop = new AbortController();
  let reason: PhaseTransitionReason = "complete";
  const halt = (why: PhaseTransitionReason): void => {
    if (stop.signal.aborted) return;
    reason = why;
    stop.abort();
  };
  const onAbort = (): void => halt("aborted");
  signal?.addEventListener("abort", onAbort);
  if (signal?.aborted) halt("aborted");
  // Beyond setTimeout's 2³¹ − 1 ms the check after each trial is enough.
  const timer = maxTime < 2 ** 31 - 1 ? setTimeout(() => halt("max-time"), maxTime) : undefined;

  const entries: (TrialEntry<R> | undefined)[] = new Array(total);
  let completed = 0;
  const onFinished = ({ index, record, time }: Finished): void => {
    const task = tasks[index];
    const entry: TrialEntry<R> = { cell: task.cell, params: task.params, trial: task.trial, seed: task.seed, success: Boolean(success(record)), record: record as R, time };
    entries[index] = entry;
    completed++;
    const elapsed = performance.now() - started;
    const answer = onProgress?.({ completed, total, time: elapsed, entry });
    if (answer === false || answer === "stop") halt("callback");
    else if (elapsed >= maxTime) halt("max-time");
  };
  try {
    if (!stop.signal.aborted) {
      if (workers === 1) await runInThread(tasks, loaded, stop.signal, onFinished);
      else {
        const spec = problem.kind === "preset" || problem.kind === "module" ? problem.spec : undefined;
        await runInWorkers(tasks, { count: workers, url: libraryUrl(), binary: callerBinary(), problem: spec!, stop: stop.signal, onFinished });
      }
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }

  const records = entries.filter((entry): entry is TrialEntry<R> => entry !== undefined);
  const finished = new Array<number>(cells.length).fill(0);
  const successes = new Array<number>(cells.length).fill(0);
  for (const entry of records) {
    finished[entry.cell]++;
    if (entry.success) successes[entry.cell]++;
  }
  const rates = cells.map((params, cell): CellRate => {
    const rate = finished[cell] === 0 ? NaN : successes[cell] / finished[cell];
    return { ...params, cell, rate, successes: successes[cell], trials: finished[cell] } as CellRate;
  });
  return { rates, records, reason, completed: records.length, total, workers, time: performance.now() - started };
}
