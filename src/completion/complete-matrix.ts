// completeMatrix: the front door of matrix completion — validation, baseline, start, method, model.
import type { Matrix } from "../matrix.js";
import { Rng } from "../data/rng.js";
import { sampledResidual } from "../kernels/sparse/sampled.js";
import { COMMON_OPTION_KEYS, resolveCommonOptions, type SolverOptions } from "../solvers/options.js";
import type { SolverResult } from "../solvers/result.js";
import { checkBoolean, checkChoice, checkFinite, checkInteger, checkMatrix, checkOptions, describe } from "../validate.js";
import { fitBaseline, subtractBaseline, type BiasKind, type Baseline } from "./baseline.js";
import { completionModel, type CompletionModel } from "./model.js";
import { checkObserved, markValidated, nonFiniteValue, type Observed } from "./observed.js";
import { spectralInit } from "./spectral-init.js";
import { observedCounts } from "./structure.js";
import { completeAls } from "./methods/als.js";
import { completeGd } from "./methods/gd.js";
import { completeRiemannian } from "./methods/riemannian.js";
import { softImpute, type SoftImputePathEntry, type SoftImputeOptions } from "./methods/soft-impute.js";

/** The completion methods (see {@link completeMatrix}). */
export type CompletionMethod = "als" | "gd" | "riemannian" | "soft-impute";
const METHODS: readonly CompletionMethod[] = ["als", "gd", "riemannian", "soft-impute"];
const BIASES: readonly BiasKind[] = ["none", "rows", "columns", "both"];

/** The options each method adds to the common ones. */
const METHOD_KEYS: Record<CompletionMethod, readonly string[]> = {
  als: [],
  gd: ["balance"],
  riemannian: ["balance", "solver"],
  "soft-impute": ["path", "acceleration"],
};

/** Options of {@link completeMatrix}. */
export interface CompleteMatrixOptions extends SolverOptions<unknown> {
  /** r: the rank of the model, an integer in [1, min(m, n)] (for soft-impute: the maximal working rank). */
  rank: number;
  /**
   * λ ≥ 0, the weight of (λ/2)(‖U‖²_F + ‖V‖²_F) — the nuclear-norm weight: all methods minimize
   * ½Σ_Ω(⟨Uᵢ, Vⱼ⟩ − yᵢⱼ)² + (λ/2)(‖U‖² + ‖V‖²), soft-impute its convex twin ½‖P_Ω(Z − Y)‖² + λ‖Z‖_*
   * (which must have λ > 0). With λ = 0, ALS needs at least `rank` entries in every non-empty row
   * and column.
   * @defaultValue 0 (1e-3 times the largest singular value of P_Ω(Y) for soft-impute)
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
   * The start: `"spectral"` (top-r SVD of the rescaled zero-filled matrix (1/p)·P_Ω(Y − baseline)),
   * `"random"` (Gaussian factors scaled so the entries of UVᵀ are about 1/100 of the observed
   * values' RMS), or given factors `{ U, V }` (m×r and n×r). Soft-impute starts from Z = 0 unless
   * factors are given.
   * @defaultValue "spectral"
   */
  init?: "spectral" | "random" | { U: Matrix; V: Matrix };
  /**
   * Subtract the mean of the observed values before fitting (the model adds it back).
   * @defaultValue false
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
   * Method "gd" / "riemannian": the weight β ≥ 0 of the balancing term (β/8)‖UᵀU − VᵀV‖²_F
   * (see `completeGd`).
   * @defaultValue |Ω|/(m·n), the sampling rate
   */
  balance?: number;
  /**
   * Method "riemannian": `"trust-regions"` or `"gradient-descent"`.
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
  /** The λ used (for soft-impute: the last λ of the path). */
  lambda: number;
  /** √(Σ_Ω(prediction − y)²/|Ω|) on the observed entries. */
  trainRmse: number;
  /** The solver record of the method (iterations, reason, converged, history, time, evaluations). */
  result: SolverResult<unknown>;
  /** Soft-impute only: one entry per λ of the path. */
  path?: SoftImputePathEntry[];
}

/** Gaussian factors with E|(UVᵀ)ᵢⱼ| ≈ scale: entries N(0, s²) with √r·s² = scale. */
function randomFactors(m: number, n: number, r: number, scale: number, seed: number): { U: Matrix; V: Matrix } {
  const rng = new Rng(seed);
  const s = Math.sqrt(scale / Math.sqrt(r)) || 1e-3;
  const U = { rows: m, cols: r, data: rng.normalArray(m * r).map((v) => v * s) };
  const V = { rows: n, cols: r, data: rng.normalArray(n * r).map((v) => v * s) };
  return { U, V };
}

/** Soft-impute's default final λ: 1e-3·σ₁(P_Ω(Y)) (σ₁ is where its path starts, with Z = 0). */
function defaultSoftImputeLambda(target: Observed, seed: number): number {
  // spectralInit's SVD is of (1/p)·P_Ω(Y); rescale its top singular value by p.
  const p = target.value.length / (target.rows * target.cols);
  return 1e-3 * p * spectralInit(target, 1, { seed }).singularValues[0] || 1e-3;
}

/** Zeroes the factor rows of rows/columns with no observed entry (their prediction is the baseline). */
function zeroEmpty(f: Matrix, empty: Int32Array): void {
  for (const i of empty) f.data.fill(0, i * f.cols, (i + 1) * f.cols);
}

function checkStart(value: unknown, m: number, n: number, r: number): { U: Matrix; V: Matrix } {
  if (value === null || typeof value !== "object") {
    throw new TypeError(`invalid init: expected "spectral", "random" or { U, V }, got ${describe(value)}`);
  }
  const { U, V } = value as { U: unknown; V: unknown };
  const check = (name: string, f: unknown, rows: number): Matrix => {
    const a = checkMatrix(name, f);
    if (a.rows !== rows || a.cols !== r) throw new RangeError(`invalid ${name}: expected a ${rows}×${r} matrix, got ${describe(a)}`);
    for (let k = 0; k < a.data.length; k++) {
      if (!Number.isFinite(a.data[k])) throw new RangeError(`invalid ${name}: entry ${k} is ${a.data[k]}; expected finite values`);
    }
    return { rows: a.rows, cols: r, data: a.data.slice() };
  };
  return { U: check("init.U", U, m), V: check("init.V", V, n) };
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
 * Behaviour at the edges: rows or columns with no observed entry get zero factors and predict the
 * baseline (0 without one) — never NaN; duplicates and non-finite values are rejected by
 * {@link checkObserved} (the builders offer `duplicates: "sum" | "mean" | "last"`); a rank above
 * min(m, n) is a RangeError. Every check runs before any work. Wasm memory taken by a method is
 * freed on return, throw and abort.
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
  const o = checkObserved("observed", observed);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected { rank, … }, got ${describe(options)}`);
  }
  const method = checkChoice("method", options.method ?? "als", METHODS);
  checkOptions("options", options, [
    "rank", "lambda", "method", "init", "center", "bias", "biasLambda", ...COMMON_OPTION_KEYS, ...METHOD_KEYS[method],
  ]);
  const { rows: m, cols: n } = o;
  const rank = checkInteger("rank", options.rank, 1, Math.min(m, n));
  if (options.lambda !== undefined) checkFinite("lambda", options.lambda, 0);
  const center = checkBoolean("center", options.center ?? false);
  const bias = checkChoice("bias", options.bias ?? "none", BIASES);
  const biasLambda = checkFinite("biasLambda", options.biasLambda ?? 10, 0);
  const init = options.init ?? "spectral";
  const given = init === "spectral" || init === "random" ? undefined : checkStart(init, m, n, rank);
  const common = resolveCommonOptions(options, { maxIterations: 1000 }, [
    "rank", "lambda", "method", "init", "center", "bias", "biasLambda", ...METHOD_KEYS[method],
  ]);
  if (o.value.length === 0) throw new RangeError("invalid observed: expected at least one observed entry, got none");

  const baseline: Baseline = fitBaseline(o, center, bias, biasLambda);
  const value = subtractBaseline(o, baseline);
  // The baseline can overflow huge values: reject them as the methods' own check would.
  for (let k = 0; k < value.length; k++) if (!Number.isFinite(value[k])) throw nonFiniteValue("observed.value", k, value[k]);
  // Entries checked above: spectralInit, observedCounts and the method need not check them again.
  const target = markValidated({ rows: m, cols: n, row: o.row, col: o.col, value });
  const counts = observedCounts(target);
  const solverOptions: Record<string, unknown> = {};
  for (const key of [...COMMON_OPTION_KEYS, ...METHOD_KEYS[method]]) {
    const value = (options as unknown as Record<string, unknown>)[key];
    if (value !== undefined) solverOptions[key] = value;
  }

  let fit: { U: Matrix; V: Matrix; result: SolverResult<unknown>; path?: SoftImputePathEntry[] };
  let lambda = options.lambda ?? 0;
  if (method === "soft-impute") {
    const start = given === undefined ? {} : { U0: given.U, V0: given.V };
    if (options.lambda === undefined) lambda = defaultSoftImputeLambda(target, common.seed);
    else if (lambda === 0) throw new RangeError("invalid lambda: soft-impute needs lambda > 0 (the nuclear-norm weight), got 0");
    fit = await softImpute(target, { rank, lambda, ...start, ...solverOptions });
  } else {
    let start = given;
    if (start === undefined) {
      if (init === "spectral") start = spectralInit(target, rank, { seed: common.seed });
      else {
        let ss = 0;
        for (const v of target.value) ss += v * v;
        start = randomFactors(m, n, rank, Math.sqrt(ss / target.value.length) / 100, common.seed);
      }
    }
    zeroEmpty(start.U, counts.emptyRows);
    zeroEmpty(start.V, counts.emptyCols);
    const methodOptions = { rank, lambda, U0: start.U, V0: start.V, ...solverOptions };
    fit = method === "als" ? await completeAls(target, methodOptions)
      : method === "gd" ? await completeGd(target, methodOptions)
      : await completeRiemannian(target, methodOptions);
  }
  const residual = sampledResidual(fit.U, fit.V, target);
  let ss = 0;
  for (const v of residual) ss += v * v;
  return {
    ...completionModel(fit.U, fit.V, baseline),
    method,
    lambda,
    trainRmse: Math.sqrt(ss / residual.length),
    result: fit.result,
    ...(fit.path === undefined ? {} : { path: fit.path }),
  };
}
