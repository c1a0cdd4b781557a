// senseLowRank: recover a low-rank matrix from Gaussian linear measurements by Burer–Monteiro factorization.
import type { Matrix } from "../matrix.js";
import { Rng } from "../data/rng.js";
import { eigh } from "../kernels/linalg/eigh.js";
import { svd } from "../kernels/linalg/svd.js";
import { symInPlace } from "../manifolds/stiefel.js";
import type { Problem } from "../problems/problem.js";
import { gradientDescent } from "../solvers/gradient-descent.js";
import { COMMON_OPTION_KEYS, resolveCommonOptions, type SolverOptions } from "../solvers/options.js";
import type { SolverResult } from "../solvers/result.js";
import { trustRegions } from "../solvers/trust-regions.js";
import { checkAllFinite, checkBoolean, checkChoice, checkMatrix, checkOptions, describe } from "../validate.js";
import type { GaussianOperator } from "./gaussian-operator.js";
import { checkSensingArguments, sensingProblem, symmetricSensingProblem, type FactorPair } from "./problems.js";

/** The solvers {@link senseLowRank} can run. */
export type SensingMethod = "trust-regions" | "gradient-descent";

/** Given initial factors (V0 only in the general case). */
export interface InitialFactors {
  U0: Matrix;
  V0?: Matrix;
}

/** Options of {@link senseLowRank}: the problem, the method, the start, and the common solver options. */
export interface SenseLowRankOptions extends SolverOptions<unknown> {
  /** The measurement operator 𝒜 that produced the measurements. */
  operator: GaussianOperator;
  /** The rank r of the factors, 1 ≤ r ≤ min(m, n). */
  rank: number;
  /**
   * Solve the symmetric PSD problem in U (estimate UUᵀ) instead of the general one in (U, V).
   * @defaultValue operator.symmetric
   */
  symmetric?: boolean;
  /**
   * `"trust-regions"` (Riemannian trust regions with truncated CG, using the Hessian-vector
   * products; superlinear near the solution) or `"gradient-descent"` (Armijo backtracking).
   * @defaultValue "trust-regions"
   */
  method?: SensingMethod;
  /**
   * Nuclear-norm (trace, when symmetric) weight λ ≥ 0 of the factor regularizer (see {@link sensingProblem}).
   * @defaultValue 0
   */
  lambda?: number;
  /**
   * Weight β ≥ 0 of the balancing term (β/8)‖UᵀU − VᵀV‖²_F of the general problem.
   * @defaultValue 1
   */
  balance?: number;
  /**
   * `"spectral"`: the top-r eigenpairs (symmetric: U₀ = Q_r·Λ_r^{1/2}, negative eigenvalues
   * clipped to 0) or singular triplets (U₀ = U_r·Σ_r^{1/2}, V₀ = V_r·Σ_r^{1/2}) of 𝒜*(y), which
   * approximates X since E[𝒜*𝒜] = I (Zheng & Lafferty 2015; Tu et al. 2016, who refine it with a
   * few singular value projection steps, omitted here). `"random"`: Gaussian factors from `seed` with entries N(0, s²),
   * s² = ‖y‖/√(mnr), so that ‖U₀V₀ᵀ‖_F ≈ ‖y‖ ≈ ‖X‖_F. Or given factors `{ U0, V0 }` (copied).
   * @defaultValue "spectral"
   */
  init?: "spectral" | "random" | InitialFactors;
}

/** What {@link senseLowRank} returns. */
export interface SenseLowRankResult {
  /** The m×r factor. */
  U: Matrix;
  /** The n×r factor; the same object as U in the symmetric case (the estimate is UUᵀ). */
  V: Matrix;
  /** The solver's record (reason, iterations, history, time, evaluations); `point` is U or [U, V]. */
  result: SolverResult<unknown>;
  /** ‖𝒜(UVᵀ) − y‖ at the returned factors. */
  residualNorm: number;
}

const OWN_KEYS = ["operator", "rank", "symmetric", "method", "lambda", "balance", "init"] as const;

/**
 * Recovers a rank-r matrix X from measurements y = 𝒜(X) (+ noise) of a Gaussian operator by
 * minimizing a factored least-squares cost with a solver of the optimization core:
 * - symmetric (X ⪰ 0, X = UUᵀ): f(U) = ¼‖𝒜(UUᵀ) − y‖² + (λ/2)‖U‖²_F ({@link symmetricSensingProblem});
 * - general (X = UVᵀ): f(U, V) = ½‖𝒜(UVᵀ) − y‖² + (β/8)‖UᵀU − VᵀV‖²_F + (λ/2)(‖U‖²_F + ‖V‖²_F)
 *   ({@link sensingProblem}; Tu et al. 2016, Procrustes flow).
 *
 * With count ≳ C·r(m + n) Gaussian measurements 𝒜 has the rank-2r restricted isometry property
 * w.h.p. (Recht, Fazel & Parrilo 2010); then these landscapes have no spurious local minima and
 * every saddle is strict (Bhojanapalli, Neyshabur & Srebro 2016; Ge, Jin & Zheng 2017), so a
 * random start works as well as the spectral one. Below the r(m + n − r) degrees of freedom of
 * rank-r matrices (nr − r(r − 1)/2 in the PSD case) X is not identifiable and the recovered matrix
 * fits y without being X.
 *
 * Common solver options (maxIterations, maxTime, gradientTolerance — absolute, on the Riemannian
 * gradient norm —, onIteration, signal, seed, yieldInterval) are passed to the solver with its
 * defaults (maxIterations 1000, gradientTolerance 1e-6). The solver frees its wasm buffers on
 * return, throw and abort; the operator's stored matrix stays (dispose the operator yourself).
 * Evaluations are synchronous passes over the measurements (one for the cost, one more for the
 * gradient, two per Hessian-vector product); the solver yields and checks `signal` between
 * evaluations, so with a large streaming operator an abort waits for the pass in progress.
 *
 * @param measurements y, a finite Float64Array of operator.count values.
 * @returns a promise of the factors, the solver record and the residual norm.
 * @throws TypeError / RangeError before any work for a bad measurement vector, operator, rank
 *   (1 ≤ r ≤ min(m, n)), option, or initial factors (shape m×r / n×r, finite), naming it.
 *
 * @example
 * ```js
 * import { init, Rng, gaussianOperator, senseLowRank, relativeError } from "benign";
 * await init();
 * const U = { rows: 40, cols: 2, data: new Rng(1).normalArray(80) };   // X = UUᵀ ⪰ 0, rank 2
 * const A = gaussianOperator([40, 40], 480, { seed: 7, symmetric: true });
 * const fit = await senseLowRank(A.applyFactored(U, U), { operator: A, rank: 2, init: "random", gradientTolerance: 1e-10 });
 * console.log(fit.result.reason, relativeError(fit.U, fit.V, U, U));  // "gradient-tolerance" ≈ 1e-15
 * A.dispose();
 * ```
 */
export async function senseLowRank(measurements: Float64Array, options: SenseLowRankOptions): Promise<SenseLowRankResult> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected an object with operator and rank, got ${describe(options)}`);
  }
  checkOptions("options", options, [...COMMON_OPTION_KEYS, ...OWN_KEYS]);
  const common: SolverOptions<unknown> = {};
  for (const key of COMMON_OPTION_KEYS) {
    if (options[key] !== undefined) (common as Record<string, unknown>)[key] = options[key];
  }
  const { seed } = resolveCommonOptions(common, { maxIterations: 1000 });
  const symmetric = checkBoolean("symmetric", options.symmetric ?? (options.operator as { symmetric?: unknown } | undefined)?.symmetric ?? false);
  const { op, y, rank, lambda, balance } = checkSensingArguments(
    options.operator, measurements, { rank: options.rank, lambda: options.lambda, balance: options.balance }, symmetric, "measurements",
  );
  if (op.symmetric && !symmetric) {
    throw new RangeError("invalid symmetric: a symmetric operator measures only (X + Xᵀ)/2, so the general problem cannot identify X; got false");
  }
  const method = checkChoice("method", options.method ?? "trust-regions", ["trust-regions", "gradient-descent"]);
  const init = options.init ?? "spectral";
  const given = typeof init === "string" ? undefined : checkInitialFactors(init, op, rank, symmetric);
  if (typeof init === "string") checkChoice("init", init, ["spectral", "random"]);

  const start = given ?? (init === "spectral" ? spectralStart(op, y, rank, symmetric) : randomStart(op, y, rank, symmetric, seed));
  if (symmetric) {
    const problem = symmetricSensingProblem(op, y, { rank, lambda });
    const result = await solve(problem, start[0], method, common);
    const U = result.point;
    return { U, V: U, result, residualNorm: residualNorm(op, y, U, U) };
  }
  const problem = sensingProblem(op, y, { rank, lambda, balance });
  const result = await solve(problem, start, method, common);
  const [U, V] = result.point;
  return { U, V, result, residualNorm: residualNorm(op, y, U, V) };
}

function solve<P>(problem: Problem<P>, x0: P, method: SensingMethod, common: SolverOptions<unknown>): Promise<SolverResult<P>> {
  const options = common as SolverOptions<P>;
  return method === "trust-regions" ? trustRegions(problem, x0, options) : gradientDescent(problem, x0, options);
}

function residualNorm(op: GaussianOperator, y: Float64Array, U: Matrix, V: Matrix): number {
  const r = op.applyFactored(U, V);
  let s = 0;
  for (let k = 0; k < r.length; k++) s += (r[k] - y[k]) ** 2;
  return Math.sqrt(s);
}

function checkInitialFactors(init: unknown, op: GaussianOperator, rank: number, symmetric: boolean): FactorPair {
  if (init === null || typeof init !== "object") {
    throw new TypeError(`invalid init: expected "spectral", "random" or { U0, V0 }, got ${describe(init)}`);
  }
  checkOptions("init", init, symmetric ? ["U0"] : ["U0", "V0"]);
  const { U0, V0 } = init as Partial<InitialFactors>;
  const u = checkFactor("init.U0", U0, op.rows, rank);
  if (symmetric) return [u, u];
  return [u, checkFactor("init.V0", V0, op.cols, rank)];
}

function checkFactor(name: string, a: unknown, rows: number, cols: number): Matrix {
  const m = checkMatrix(name, a);
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(`invalid ${name}: expected a ${rows}×${cols} matrix, got a ${m.rows}×${m.cols} matrix`);
  }
  checkAllFinite(name, m.data);
  return { rows, cols, data: m.data.slice() };
}

/** Top-r eigen (symmetric) or singular (general) factors of 𝒜*(y), each column scaled by √value. */
function spectralStart(op: GaussianOperator, y: Float64Array, rank: number, symmetric: boolean): FactorPair {
  const M = op.adjoint(y);
  if (symmetric) {
    const n = M.rows;
    const { values, vectors } = eigh(symInPlace(M));
    // Ascending eigenvalues: the top r are the last r columns.
    const U = scaledColumns(vectors, (j) => n - 1 - j, (j) => Math.sqrt(Math.max(values[n - 1 - j], 0)), rank);
    return [U, U];
  }
  const { U, S, V } = svd(M);
  const root = (j: number): number => Math.sqrt(S[j]);
  return [scaledColumns(U, (j) => j, root, rank), scaledColumns(V, (j) => j, root, rank)];
}

/** The rows×r matrix whose column j is column `source(j)` of `a` times `scale(j)`. */
function scaledColumns(a: Matrix, source: (j: number) => number, scale: (j: number) => number, r: number): Matrix {
  const data = new Float64Array(a.rows * r);
  for (let j = 0; j < r; j++) {
    const c = source(j);
    const s = scale(j);
    for (let i = 0; i < a.rows; i++) data[i * r + j] = s * a.data[i * a.cols + c];
  }
  return { rows: a.rows, cols: r, data };
}

/** Gaussian factors with entries N(0, s²), s² = ‖y‖/√(mnr), so ‖U₀V₀ᵀ‖_F ≈ ‖y‖. */
function randomStart(op: GaussianOperator, y: Float64Array, rank: number, symmetric: boolean, seed: number): FactorPair {
  let norm = 0;
  for (let k = 0; k < y.length; k++) norm += y[k] * y[k];
  const s = Math.sqrt(Math.sqrt(norm) / Math.sqrt(op.rows * op.cols * rank));
  const rng = new Rng(seed);
  const factor = (rows: number): Matrix => {
    const data = rng.normalArray(rows * rank);
    for (let i = 0; i < data.length; i++) data[i] *= s;
    return { rows, cols: rank, data };
  };
  const U = factor(op.rows);
  return symmetric ? [U, U] : [U, factor(op.cols)];
}
