// The types of phaseTransition: grids, problems, options, records and the result.

/** A value of a grid axis: a number, a string or a boolean (sent to workers as is). */
export type GridValue = number | string | boolean;

/** The grid: one array of values per parameter; the cells are their Cartesian product. */
export type Grid = Readonly<Record<string, readonly GridValue[]>>;

/** The parameters of one cell: one value per grid axis (for a preset, its defaults fill the rest). */
export type TrialParameters = Readonly<Record<string, GridValue>>;

/** What a trial gets besides its parameters and seed. */
export interface TrialContext {
  /**
   * Aborted when the run stops (abort, `maxTime`, `onProgress` asking to stop) while this trial runs
   * in the calling thread; a long trial may pass it on (the solvers take `signal`). A trial in a
   * worker is stopped by terminating the worker, and its signal never fires.
   */
  readonly signal: AbortSignal;
}

/**
 * A trial: one seeded run at the given parameters, returning a record of plain data (it is
 * structured-cloned, also in the calling thread, so records do not depend on where they ran).
 * The same parameters and seed must give the same record.
 */
export type TrialFunction<R> = (params: TrialParameters, seed: number, context: TrialContext) => R | Promise<R>;

/** Whether a trial's record counts as a success. */
export type SuccessFunction<R> = (record: R) => boolean;

/**
 * A custom problem given as functions. Functions cannot be sent to a worker: this form runs in the
 * calling thread (`workers: 1`, its default); for a pool, give a {@link ModuleProblem}.
 */
export interface FunctionProblem<R> {
  trial: TrialFunction<R>;
  success?: SuccessFunction<R>;
}

/**
 * A custom problem as an ES module that exports `trial` (and optionally `success`) with the
 * signatures of {@link FunctionProblem}. Every worker imports it, and so does the calling thread
 * (for `success`, and to run the trials itself when `workers` is 1).
 */
export interface ModuleProblem {
  /** An absolute URL of the module, e.g. `new URL("./trial.mjs", import.meta.url)`. */
  module: string | URL;
}

/** The problem of {@link phaseTransition}: a preset's name or a custom problem. */
export type PhaseTransitionProblem<R> = "completion" | "orthogonal-dictionary" | "deconvolution" | FunctionProblem<R> | ModuleProblem;

/** Why a run stopped: all trials done, or stopped early (the result then holds the finished trials). */
export type PhaseTransitionReason = "complete" | "aborted" | "max-time" | "callback";

/** One finished trial. */
export interface TrialEntry<R> {
  /** The index of the cell in `rates` (cells in grid order, the last axis varying fastest). */
  readonly cell: number;
  /** The cell's parameters (for a preset, with its defaults filled in). */
  readonly params: TrialParameters;
  /** The trial's number within its cell, 0 … trials − 1. */
  readonly trial: number;
  /** The seed the trial ran with (the same for trial t of every cell; see {@link phaseTransition}). */
  readonly seed: number;
  /** What `success` said of the record. */
  readonly success: boolean;
  /** What the trial returned. */
  readonly record: R;
  /** Milliseconds the trial took, in the thread that ran it. */
  readonly time: number;
}

/**
 * One cell of the grid, flat and ready to plot: its parameters (grid axes and preset defaults) as
 * fields, then these (so no axis may be named `cell`, `rate`, `successes` or `trials`).
 */
export type CellRate = TrialParameters & {
  readonly cell: number;
  /** successes / trials (NaN when no trial of the cell finished). */
  readonly rate: number;
  readonly successes: number;
  /** The number of finished trials of the cell (less than asked when the run stopped early). */
  readonly trials: number;
};

/** What {@link PhaseTransitionOptions.onProgress} gets after each finished trial. */
export interface PhaseTransitionProgress<R> {
  /** Trials finished so far (this one included). */
  readonly completed: number;
  /** Trials in the whole grid. */
  readonly total: number;
  /** Milliseconds since the start. */
  readonly time: number;
  /** The trial that just finished. */
  readonly entry: TrialEntry<R>;
}

/** Options of {@link phaseTransition}. */
export interface PhaseTransitionOptions<R> {
  /** `"completion"`, `"orthogonal-dictionary"` or `"deconvolution"` (presets; see {@link phaseTransition}), or a custom problem. */
  problem: PhaseTransitionProblem<R>;
  /** The values of each parameter; a preset's parameters left out take their defaults. */
  grid: Grid;
  /**
   * Trials per cell.
   * @defaultValue 5
   */
  trials?: number;
  /**
   * Decides a record's success; overrides the problem's own (required when it has none).
   * @defaultValue the problem's own rule (a preset's, or a module's `success` export)
   */
  success?: SuccessFunction<R>;
  /**
   * The seed from which every trial's seed is derived: an integer in [0, 2³²).
   * @defaultValue 1
   */
  seed?: number;
  /**
   * How many threads run trials: 1 runs them in the calling thread, more start that many workers
   * (`worker_threads` in Node, module Web Workers in browsers and Deno), never more than there are
   * trials.
   * @defaultValue one per core (`navigator.hardwareConcurrency`, Node's `os.availableParallelism()`);
   * 1 for a {@link FunctionProblem}
   */
  workers?: number;
  /**
   * Called after each finished trial (in the order they finish); return `false` or `"stop"` to stop.
   * @defaultValue none
   */
  onProgress?: (progress: PhaseTransitionProgress<R>) => boolean | "stop" | void;
  /**
   * Aborting it stops the run (reason `"aborted"`): workers are terminated, a calling-thread trial gets the abort.
   * @defaultValue none
   */
  signal?: AbortSignal;
  /**
   * Stop after this many milliseconds (reason `"max-time"`), trials still running discarded.
   * @defaultValue Infinity
   */
  maxTime?: number;
}

/** The result of {@link phaseTransition}. */
export interface PhaseTransitionResult<R> {
  /** One entry per grid cell, in grid order. */
  rates: CellRate[];
  /** One entry per finished trial, ordered by cell, then trial. */
  records: TrialEntry<R>[];
  reason: PhaseTransitionReason;
  /** Finished trials (= records.length) and trials in the grid. */
  completed: number;
  total: number;
  /** The number of threads that ran trials (1: the calling thread). */
  workers: number;
  /** Milliseconds from start to return. */
  time: number;
}
