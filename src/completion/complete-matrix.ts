// completeMatrix: the front door of matrix completion — validation, baseline, start, method, model.
import type { Matrix } from "../matrix.js";
import { Rng } from "../data/rng.js";
import { runtime } from "../runtime/init.js";
import { COMMON_OPTION_KEYS, resolveCommonOptions, type CommonOptions, type SolverOptions } from "../solvers/options.js";
import type { IterationInfo } from "../solvers/result.js";
import { checkBoolean, checkChoice, checkFinite, checkInteger, checkMatrix, checkOptions, describe } from "../validate.js";
import {
  BIAS_KINDS, expandBaseline, fitBaselineSteps, NO_BASELINE, subtractBaselineSteps, type Baseline, type BiasKind,
} from "./baseline.js";
import { centeredMeanSquare, firstShortLine, pmfLambda, type ShortLine } from "./default-lambda.js";
import { completionModel, type CompletionModel } from "./model.js";
import { checkObservedShape, scanObserved, type Observed } from "./observed.js";
import { buildObservedMatrix, expandRows, keptRows, type ObservedMatrix } from "./observed-matrix.js";
import type { FactorPoint } from "./problem.js";
import { residualSumSquaresSteps } from "./row-blocks.js";
import { spectralSteps } from "./spectral-init.js";
import { Interrupted, Pacer, type Interruption } from "./steps.js";
import { csrPairOperator } from "./linear-operator.js";
import { resolveTruncatedSvdOptions, truncatedSvdSteps } from "./truncated-svd.js";
import { completeAls } from "./methods/als.js";
import { samplingRate, type CompletionSolverResult, type FactorFit } from "./methods/fit.js";
import { completeGd } from "./methods/gd.js";
import { completeRiemannian, RIEMANNIAN_SOLVERS } from "./methods/riemannian.js";
import { checkPath, softImpute, type SoftImputeOptions, type SoftImputePathEntry, type SoftImputePoint } from "./methods/soft-impute.js";

/** The completion methods (see {@link completeMatrix}). */
export type CompletionMethod = "als" | "gd" | "riemannian" | "soft-impute";
const METHODS: readonly CompletionMethod[] = ["als", "gd", "riemannian", "soft-impute"];

/** The options each method adds to the common ones. */
const METHOD_KEYS: Record<CompletionMethod, readonly string[]> = {
  als: ["costTolerance"],
  gd: ["balance"],
  riemannian: ["balance", "solver"],
  "soft-impute": ["path", "acceleration"],
};

/** The spectral start's SVD: a start needs few passes over Ω (each costs about a third of an ALS sweep at rank 10). */
const SPECTRAL_START = { oversampling: 5, powerIterations: 1, tolerance: 1e-4, threshold: 0, stopAbove: Infinity };

/** Options of {@link completeMatrix}. */
export interface CompleteMatrixOptions extends SolverOptions<unknown> {
  /** r: the rank of the model, an integer in [1, min(m, n)] (for soft-impute: the maximal working rank). */
  rank: number;
  /**
   * λ ≥ 0, the weight of (λ/2)(‖U‖²_F + ‖V‖²_F) — the nuclear-norm weight: all methods minimize
   * ½Σ_Ω(⟨Uᵢ, Vⱼ⟩ − yᵢⱼ)² + (λ/2)(‖U‖² + ‖V‖²), soft-impute its convex twin ½‖P_Ω(Z − Y)‖² + λ‖Z‖_*
   * (which must have λ > 0). With λ = 0, ALS needs at least `rank` entries in every non-empty row
   * and column. `result.lambda` reports the λ used.
   * @defaultValue 0 — the exact fit of recovery theory — when every non-empty row and column has
   * at least `rank` entries; otherwise (ratings data, where many users and items have few
   * ratings and λ = 0 has no unique solution) λ̂ = √(rank·v/2), v the mean square of the values
   * the factors model (after the baseline): the MAP weight of probabilistic matrix factorization
   * with the variance split evenly between signal and noise (see `pmfLambda`), a good first value
   * to refine by validation. For soft-impute: 1e-3 times the largest singular value of P_Ω(Y).
   */
  lambda?: number;
  /**
   * - `"als"`: alternating ridge solves (one r×r Cholesky per row and per column each sweep);
   * - `"gd"`: Riemannian gradient descent on (U, V) with the balancing term (option `balance`);
   * - `"riemannian"`: trust regions (or gradient descent: option `solver`) on the factor space;
   * - `"soft-impute"`: the convex nuclear-norm baseline (Mazumder, Hastie & Tibshirani 2010) along a
   *   decreasing λ path with warm starts (option `path`).
   * @defaultValue "als"
   */
  method?: CompletionMethod;
  /**
   * The start: `"spectral"` (top-r SVD of the rescaled zero-filled matrix (1/p)·P_Ω(Y − baseline),
   * by randomized subspace iteration with 2 power iterations: a start, not an accurate SVD),
   * `"random"` (Gaussian factors scaled so the entries of UVᵀ are about 1/100 of the observed
   * values' RMS), or given factors `{ U, V }` (m×r and n×r; their rows for rows and columns
   * without entries are ignored). Soft-impute starts from Z = 0 unless factors are given (then
   * Z₀ = UVᵀ truncated to the rank; U and V may have any number of columns).
   * @defaultValue "spectral"
   */
  init?: "spectral" | "random" | { U: Matrix; V: Matrix };
  /**
   * Subtract the mean of the observed values before fitting (the model adds it back).
   * @defaultValue true when `bias` fits offsets (they shrink toward 0, so they should not carry
   * the mean), false otherwise
   */
  center?: boolean;
  /**
   * Fit regularized row and/or column offsets before the factors (Koren 2008; see `fitBaseline`):
   * prediction = mean + rowBias[i] + colBias[j] + ⟨Uᵢ, Vⱼ⟩.
   * @defaultValue "none"
   */
  bias?: BiasKind;
  /**
   * λ_b ≥ 0, the ridge weight of the offsets.
   * @defaultValue 10
   */
  biasLambda?: number;
  /**
   * Method "als": ρ ≥ 0; the run stops, converged (reason `"cost-tolerance"`), once a sweep lowers
   * the cost F by at most ρ·F — on noisy data ‖∇F‖ may never reach `gradientTolerance` although
   * the fit no longer changes (see `completeAls`). 0 turns the test off.
   * @defaultValue 1e-6
   */
  costTolerance?: number;
  /**
   * Method "gd" / "riemannian": β ≥ 0, the weight of the balancing term (β/8)‖UᵀU − VᵀV‖²_F
   * (see `matrixCompletion`); 0 turns it off.
   * @defaultValue |Ω|/(m·n), the sampling rate (matching the term to the sampled data term)
   */
  balance?: number;
  /**
   * Method "riemannian": the trust-region method (second order) or Riemannian gradient descent.
   * @defaultValue "trust-regions"
   */
  solver?: "trust-regions" | "gradient-descent";
  /**
   * Method "soft-impute": the λ path (see `softImpute`): an array of λ values > 0, or a geometric
   * path from σ₁(P_Ω(Y)) down to λ in `count` steps or by the `ratio` q.
   * @defaultValue `{ count: 10 }`
   */
  path?: SoftImputeOptions["path"];
  /**
   * Method "soft-impute": momentum with restarts, or (`false`) the plain iteration (see `softImpute`).
   * @defaultValue true
   */
  acceleration?: boolean;
}

/** The result of {@link completeMatrix}: the model, its fit, and the solver record. */
export interface CompletionResult extends CompletionModel {
  method: CompletionMethod;
  /** The λ used (for soft-impute: the last λ of the path); NaN if the setup was stopped before λ was chosen. */
  lambda: number;
  /** √(Σ_Ω(prediction − y)²/|Ω|) on the observed entries (NaN if stopped during the setup). */
  trainRmse: number;
  /**
   * The solver record of the method (iterations, reason, converged, history, time, evaluations);
   * its times count from the call to `completeMatrix`.
   */
  result: CompletionSolverResult;
  /** Soft-impute only: one entry per λ of the path. */
  path?: SoftImputePathEntry[];
}

/** Gaussian factors with E|(UVᵀ)ᵢⱼ| ≈ scale: entries N(0, s²) with √r·s² = scale. */
function randomFactors(m: number, n: number, r: number, scale: number, seed: number): FactorPoint {
  const rng = new Rng(seed);
  const s = Math.sqrt(scale / Math.sqrt(r)) || 1e-3;
  const U = { rows: m, cols: r, data: rng.normalArray(m * r).map((v) => v * s) };
  const V = { rows: n, cols: r, data: rng.normalArray(n * r).map((v) => v * s) };
  return [U, V];
}

/** Given start factors: m×r and n×r (soft-impute: m×c and n×c for any c ≥ 1, `r` null), finite. */
function checkStart(value: unknown, m: number, n: number, r: number | null): { U: Matrix; V: Matrix } {
  if (value === null || typeof value !== "object") {
    throw new TypeError(`invalid init: expected "spectral", "random" or { U, V }, got ${describe(value)}`);
  }
  const { U, V } = value as { U: unknown; V: unknown };
  const check = (name: string, f: unknown, rows: number, cols: number | null): Matrix => {
    const a = checkMatrix(name, f);
    if (a.rows !== rows || (cols !== null && a.cols !== cols) || a.cols < 1) {
      throw new RangeError(`invalid ${name}: expected a ${rows}×${cols ?? "c"} matrix${cols === null ? " (c ≥ 1, as init.U)" : ""}, got ${describe(a)}`);
    }
    for (let k = 0; k < a.data.length; k++) {
      if (!Number.isFinite(a.data[k])) throw new RangeError(`invalid ${name}: entry ${k} is ${a.data[k]}; expected finite values`);
    }
    return a;
  };
  const u = check("init.U", U, m, r);
  return { U: u, V: check("init.V", V, n, r ?? u.cols) };
}

/** The error for λ = 0 where a row or column has fewer entries than the rank. */
function tooFewEntries(line: ShortLine, rank: number, suggestion: number): RangeError {
  const { what, index, count } = line;
  return new RangeError(
    `invalid lambda: ${what} ${index} has ${count} observed ${count === 1 ? "entry" : "entries"}, fewer than rank = ${rank}, ` +
      `so its least-squares problem has no unique solution with lambda = 0; use lambda > 0 — omit it for the default, ` +
      `about ${suggestion.toPrecision(3)} here (√(rank·v/2), v the variance of the values), best refined by validation — ` +
      `or a smaller rank`,
  );
}

/** Everything of the options that can be checked before touching the entries. */
interface Resolved {
  method: CompletionMethod;
  rank: number;
  lambda: number | undefined;
  center: boolean;
  bias: BiasKind;
  biasLambda: number;
  init: "spectral" | "random" | { U: Matrix; V: Matrix };
  common: CommonOptions<unknown>;
  costTolerance: number;
  balance: number | undefined;
  solver: (typeof RIEMANNIAN_SOLVERS)[number];
  path: ReturnType<typeof checkPath>;
  acceleration: boolean;
}

function resolveOptions(o: Observed, options: CompleteMatrixOptions): Resolved {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected { rank, … }, got ${describe(options)}`);
  }
  const method = checkChoice("method", options.method ?? "als", METHODS);
  const own = ["rank", "lambda", "method", "init", "center", "bias", "biasLambda", ...METHOD_KEYS[method]];
  checkOptions("options", options, [...own, ...COMMON_OPTION_KEYS]);
  const { rows: m, cols: n } = o;
  if (o.row.length === 0) {
    throw new RangeError(`invalid observed: no entries (${m}×${n} with nnz = 0: an empty or header-only ratings file?); expected at least one observed entry`);
  }
  const rank = checkInteger("rank", options.rank, 1, Math.min(m, n));
  const lambda = options.lambda === undefined ? undefined : checkFinite("lambda", options.lambda, 0);
  if (method === "soft-impute" && lambda === 0) throw new RangeError("invalid lambda: soft-impute needs lambda > 0 (the nuclear-norm weight), got 0");
  const bias = checkChoice("bias", options.bias ?? "none", BIAS_KINDS);
  const center = checkBoolean("center", options.center ?? bias !== "none");
  const biasLambda = checkFinite("biasLambda", options.biasLambda ?? 10, 0);
  const init = options.init ?? "spectral";
  const given = init === "spectral" || init === "random" ? init : checkStart(init, m, n, method === "soft-impute" ? null : rank);
  const common = resolveCommonOptions(options, { maxIterations: method === "als" ? 100 : 1000 }, own);
  return {
    method, rank, lambda, center, bias, biasLambda, init: given, common,
    costTolerance: checkFinite("costTolerance", options.costTolerance ?? 1e-6, 0),
    balance: options.balance === undefined ? undefined : checkFinite("balance", options.balance, 0),
    solver: checkChoice("solver", options.solver ?? "trust-regions", RIEMANNIAN_SOLVERS),
    path: checkPath(options.path),
    acceleration: checkBoolean("acceleration", options.acceleration ?? true),
  };
}

/**
 * Completes a partially observed m×n matrix with a rank-r model by one of four methods (see
 * {@link CompleteMatrixOptions.method}); all minimize the same objective (up to the convex
 * relaxation of soft-impute), ½Σ_Ω(⟨Uᵢ, Vⱼ⟩ − yᵢⱼ)² + (λ/2)(‖U‖²_F + ‖V‖²_F) — the issue's
 * Σ_Ω(…)² + λ/2(…) with the data term halved, so that λ is exactly soft-impute's nuclear-norm
 * weight and both share their solutions once the rank is large enough (Srebro et al. 2005;
 * Mazumder et al. 2010, §6). Optionally a baseline (mean, row/column offsets) is fitted first
 * and the factors model what it leaves.
 *
 * Order of work: the options and the shapes (O(1)); one pass over the entries (indices, finite
 * values, counts per row and column) and the checks that need only the counts (λ = 0 with too
 * few entries); then the entries are stored once in wasm memory by rows and by columns (a repeated
 * position is found there) — the one validation, whose result every later phase trusts; the
 * baseline; the start; the method; the training RMSE. Rows and columns without entries are left
 * out of all of it (their factor rows are zero and they predict the baseline), so the work grows
 * with |Ω| and (m + n)·r, never with m·n.
 *
 * Event loop and time: every phase, the setup included, works in chunks of a few milliseconds
 * (ALS even within a sweep) and yields to the event loop every `yieldInterval` ms, checks
 * `signal`, and counts `maxTime` from this call. Stopped during the setup, the result has
 * reason `"aborted"` or `"max-time"`, 0 iterations, zero factors, the baseline if it was fitted,
 * and NaN cost, gradient norm and training RMSE (nothing was evaluated); stopped later, the last
 * iterate the method recorded. The other methods' solvers (gd, riemannian, soft-impute) yield
 * between evaluations; one evaluation is a few passes over Ω.
 *
 * Behaviour at the edges: rows or columns with no observed entry get zero factors and predict the
 * baseline (0 without one) — never NaN; duplicates and non-finite values are rejected (the
 * builders offer `duplicates: "sum" | "mean" | "last"`); no entries at all, or a rank above
 * min(m, n), is a RangeError. Every check runs before any work. Wasm memory is freed on return,
 * throw and abort.
 *
 * @returns the fitted model (`predict`, `predictAll`, U, V, baseline), the training RMSE and the
 *   solver record (with `path` for soft-impute).
 * @throws TypeError / RangeError naming the bad argument and its value.
 *
 * @example
 * ```js
 * import { init, randomLowRank, uniformMask, observedFromMask, completeMatrix, relativeError } from "benign";
 * await init();
 * const truth = randomLowRank(300, 200, 4, { seed: 1, dense: true });
 * const observed = observedFromMask(truth.matrix, uniformMask(300, 200, 0.25, 2));  // 25% of the entries
 * const fit = await completeMatrix(observed, { rank: 4, method: "als", gradientTolerance: 1e-9 });
 * console.log(fit.result.reason, relativeError(fit.U, fit.V, truth.U, truth.V));  // "gradient-tolerance" ≈ 1e-9
 * console.log(fit.predict(0, 0) - truth.matrix.data[0]);                           // ≈ 0
 * ```
 */
export async function completeMatrix(observed: Observed, options: CompleteMatrixOptions): Promise<CompletionResult> {
  const started = performance.now();
  const o = checkObservedShape("observed", observed);
  const opts = resolveOptions(o, options);
  const { method, rank, common } = opts;
  const { rows: m, cols: n } = o;
  const pacer = new Pacer(common.signal, common.yieldInterval, started + common.maxTime);
  let matrix: ObservedMatrix | undefined;
  let baseline: Baseline = NO_BASELINE;
  let lambda = opts.lambda;
  try {
    const scan = await pacer.run(scanObserved("observed", o));
    const short = firstShortLine(scan, rank);
    if (short !== null && lambda === 0 && method === "als") throw tooFewEntries(short, rank, pmfLambda(rank, centeredMeanSquare(o.value)));
    matrix = await pacer.run(buildObservedMatrix("observed", o, scan, true));
    const { byRow: S, byColumn: St, rowIds, colIds, entryIndex } = matrix;
    const fitted = await pacer.run(fitBaselineSteps(S, St, opts.center, opts.bias, opts.biasLambda));
    const entryOf = (p: number): number => (entryIndex === null ? p : entryIndex[p]);
    const meanSquare = await pacer.run(subtractBaselineSteps(S, fitted, false, entryOf));
    await pacer.run(subtractBaselineSteps(St, fitted, true, entryOf));
    baseline = expandBaseline(fitted, rowIds, colIds, m, n);

    if (lambda === undefined && method === "soft-impute") {
      // σ₁(P_Ω(Y − baseline)): where soft-impute's path starts (Z = 0 is optimal above it).
      const top = await pacer.run(truncatedSvdSteps(csrPairOperator(S, St, 1), 1, resolveTruncatedSvdOptions({ tolerance: 1e-3, seed: common.seed })));
      lambda = 1e-3 * top.S[0] || 1e-3;
    } else if (lambda === undefined) {
      lambda = short === null ? 0 : pmfLambda(rank, meanSquare);
      if (!Number.isFinite(lambda)) throw new RangeError("invalid observed: the values are too large for the default lambda (their square overflows); pass lambda");
    }

    // The start, over the kept rows and columns.
    let start: FactorPoint | undefined;
    if (typeof opts.init === "object") start = [keptRows(opts.init.U, rowIds), keptRows(opts.init.V, colIds)];
    else if (method !== "soft-impute") {
      start = opts.init === "spectral"
        ? await spectralStart(matrix, rank, common.seed, pacer)
        : randomFactors(S.rows, S.cols, rank, Math.sqrt(meanSquare) / 100, common.seed);
    }

    const offset = performance.now() - started;
    const solverOptions = methodSolverOptions(options, common, offset, matrix);
    let fit: FactorFit & { path?: SoftImputePathEntry[] };
    if (method === "soft-impute") {
      fit = await softImpute(matrix, {
        rank, lambda, path: opts.path, acceleration: opts.acceleration, solverOptions,
        ...(start === undefined ? {} : { start: { U0: start[0], V0: start[1] } }),
      });
    } else {
      const run = { rank, lambda, start: start as FactorPoint, solverOptions };
      const balance = opts.balance ?? samplingRate(matrix);
      fit = method === "als" ? await completeAls(matrix, { ...run, costTolerance: opts.costTolerance, pacer })
        : method === "gd" ? await completeGd(matrix, { ...run, balance })
        : await completeRiemannian(matrix, { ...run, balance, solver: opts.solver });
    }
    const rss = await residualSquares(matrix, fit.U, fit.V);
    const U = expandRows(fit.U, rowIds, m), V = expandRows(fit.V, colIds, n);
    const point = method === "soft-impute" ? { U, V } : [U, V];
    return {
      ...completionModel(U, V, baseline),
      method,
      lambda,
      trainRmse: Math.sqrt(rss / matrix.nnz),
      result: { ...shiftClock(fit.result, offset), point },
      ...(fit.path === undefined ? {} : { path: fit.path }),
    };
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    return stoppedInSetup(error.reason, m, n, rank, baseline, method, lambda, performance.now() - started);
  } finally {
    matrix?.dispose();
  }
}

/** The spectral start over the kept rows and columns (see `spectralInit`). */
function spectralStart(matrix: ObservedMatrix, rank: number, seed: number, pacer: Pacer): Promise<FactorPoint> {
  return pacer.run(spectralSteps(matrix, rank, { ...SPECTRAL_START, seed }, false)).then((s) => [s.U, s.V]);
}

/**
 * The common options as the method gets them: `maxTime` the time left, and `onIteration` called
 * with the full-size point and the time since the call.
 */
function methodSolverOptions(
  options: CompleteMatrixOptions, common: CommonOptions<unknown>, offset: number, matrix: ObservedMatrix,
): SolverOptions<FactorPoint | SoftImputePoint> {
  const out: Record<string, unknown> = {};
  for (const key of COMMON_OPTION_KEYS) if (options[key] !== undefined) out[key] = options[key];
  out.maxTime = Math.max(0, common.maxTime - offset);
  const callback = common.onIteration;
  if (callback !== undefined) {
    out.onIteration = (info: IterationInfo<FactorPoint | SoftImputePoint>) => {
      const p = info.point;
      const point = Array.isArray(p)
        ? [expandRows(p[0], matrix.rowIds, matrix.rows), expandRows(p[1], matrix.colIds, matrix.cols)]
        : { U: expandRows((p as SoftImputePoint).U, matrix.rowIds, matrix.rows), V: expandRows((p as SoftImputePoint).V, matrix.colIds, matrix.cols) };
      return callback(Object.freeze({ ...info, point, time: info.time + offset }));
    };
  }
  return out as SolverOptions<FactorPoint | SoftImputePoint>;
}

/** The record with its times counted from the call (the method's clock started `offset` ms later). */
function shiftClock(result: CompletionSolverResult, offset: number): CompletionSolverResult {
  const time = result.history.time;
  for (let k = 0; k < time.length; k++) time[k] += offset;
  return { ...result, time: result.time + offset };
}

/** ‖P_Ω(UVᵀ) − (Y − baseline)‖² on the kept rows and columns, in row blocks. */
async function residualSquares(matrix: ObservedMatrix, U: Matrix, V: Matrix): Promise<number> {
  const { arena } = runtime();
  const u = arena.f64From(U.data);
  try {
    const v = arena.f64From(V.data);
    try {
      // Not stopped by the signal or the deadline: the model is complete, only its RMSE is left.
      return await new Pacer(undefined, 8, Infinity).run(residualSumSquaresSteps(u, v, matrix.byRow, U.cols));
    } finally {
      v.dispose();
    }
  } finally {
    u.dispose();
  }
}

/** The result of a call stopped before its method could evaluate a start (see {@link completeMatrix}). */
function stoppedInSetup(
  reason: Interruption, m: number, n: number, rank: number, baseline: Baseline, method: CompletionMethod,
  lambda: number | undefined, time: number,
): CompletionResult {
  const U = { rows: m, cols: rank, data: new Float64Array(m * rank) };
  const V = { rows: n, cols: rank, data: new Float64Array(n * rank) };
  const empty = new Float64Array(0);
  return {
    ...completionModel(U, V, baseline),
    method,
    lambda: lambda ?? NaN,
    trainRmse: NaN,
    result: {
      point: method === "soft-impute" ? { U, V } : [U, V],
      cost: NaN, gradientNorm: NaN, iterations: 0, converged: false, reason,
      history: { cost: empty, gradientNorm: empty, step: empty, time: empty },
      time,
      evaluations: { cost: 0, gradient: 0, hessian: 0 },
    },
  };
}
