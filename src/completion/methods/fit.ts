// What a matrix completion method returns (FactorFit), the options every factor method takes,
// and the run of a solver on a matrix completion problem that is disposed however the run ends.
import type { Matrix } from "../../matrix.js";
import type { Observed } from "../observed.js";
import {
  matrixCompletion, type FactorPoint, type MatrixCompletionOptions, type MatrixCompletionProblem,
} from "../../problems/matrix-completion.js";
import { COMMON_OPTION_KEYS, resolveCommonOptions, type SolverOptions } from "../../solvers/options.js";
import type { SolverResult } from "../../solvers/result.js";
import { checkFinite, checkInteger, checkMatrix, checkOptions, describe } from "../../validate.js";

/** The result of a factor method: the factors (the prediction is U·Vᵀ) and the solver's record. */
export interface FactorFit {
  /** m×r. */
  U: Matrix;
  /** n×r. */
  V: Matrix;
  /** The solver record: iterations, reason, converged, history, time, evaluations. */
  result: SolverResult<unknown>;
}

/** The options every factor method takes: the model, the start, and the common solver options. */
export interface FactorMethodOptions extends SolverOptions<FactorPoint> {
  /** r, the number of columns of U and V, in [1, min(m, n)]. */
  rank: number;
  /** λ ≥ 0, the weight of (λ/2)(‖U‖²_F + ‖V‖²_F) (nuclear-norm weight). */
  lambda: number;
  /** The initial m×r factor (finite). */
  U0: Matrix;
  /** The initial n×r factor (finite). */
  V0: Matrix;
}

/** The validated model and start of a factor method, and the solver options to pass on. */
export interface ResolvedFactorOptions {
  observed: Observed;
  rank: number;
  lambda: number;
  start: FactorPoint;
  solverOptions: SolverOptions<FactorPoint>;
}

/** A finite matrix of the given shape, named in errors. */
function checkFactor(name: string, value: unknown, rows: number, cols: number, rowsFrom: string): Matrix {
  const f = checkMatrix(name, value);
  if (f.rows !== rows || f.cols !== cols) {
    throw new RangeError(`invalid ${name}: expected a ${rows}×${cols} matrix (${rowsFrom} × rank), got ${describe(f)}`);
  }
  for (let k = 0; k < f.data.length; k++) {
    if (!Number.isFinite(f.data[k])) {
      const i = Math.floor(k / cols);
      throw new RangeError(`invalid ${name}: ${name}[${i}, ${k - i * cols}] = ${f.data[k]}; expected finite values`);
    }
  }
  return f;
}

/** The dimensions of `observed` (its entries are validated by `matrixCompletion`, once). */
function checkShape(observed: unknown): { rows: number; cols: number } {
  if (observed === null || typeof observed !== "object") {
    throw new TypeError(`invalid observed: expected observed entries { rows, cols, row, col, value }, got ${describe(observed)}`);
  }
  const o = observed as Partial<Observed>;
  return { rows: checkInteger("observed.rows", o.rows, 1), cols: checkInteger("observed.cols", o.cols, 1) };
}

/**
 * Validates the options of a factor method (unknown keys rejected: rank, lambda, U0, V0, the
 * common solver keys, and `extraKeys`) against the shape of `observed`, copies U0 and V0 (the
 * solver never writes into them, but the caller may), and separates (and checks) the common
 * solver options.
 * The entries of `observed` are validated in full by `matrixCompletion` (in {@link fitFactors}),
 * before it allocates anything: validating 10⁶ entries costs ≈ 0.2 s, so it is done once.
 *
 * @throws TypeError / RangeError naming the bad argument and its value.
 */
export function resolveFactorOptions(
  observed: Observed, options: FactorMethodOptions, extraKeys: readonly string[],
): ResolvedFactorOptions {
  const obs = checkShape(observed);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected { rank, lambda, U0, V0, … }, got ${describe(options)}`);
  }
  checkOptions("options", options, ["rank", "lambda", "U0", "V0", ...COMMON_OPTION_KEYS, ...extraKeys]);
  const rank = checkInteger("rank", options.rank, 1, Math.max(1, Math.min(obs.rows, obs.cols)));
  const lambda = checkFinite("lambda", options.lambda, 0);
  const U0 = checkFactor("U0", options.U0, obs.rows, rank, "observed.rows");
  const V0 = checkFactor("V0", options.V0, obs.cols, rank, "observed.cols");
  const solverOptions: Record<string, unknown> = {};
  for (const key of COMMON_OPTION_KEYS) if (options[key] !== undefined) solverOptions[key] = options[key];
  // Checked now, so that a bad one throws before the problem copies the data into wasm.
  resolveCommonOptions(solverOptions, { maxIterations: 1000 });
  return {
    observed,
    rank,
    lambda,
    start: [{ rows: U0.rows, cols: rank, data: U0.data.slice() }, { rows: V0.rows, cols: rank, data: V0.data.slice() }],
    solverOptions: solverOptions as SolverOptions<FactorPoint>,
  };
}

/**
 * The weight β of the balancing term (β/8)‖UᵀU − VᵀV‖²_F: `balance` if given (a finite number
 * ≥ 0), else the sampling rate p = |Ω|/(mn), which matches it to the sampled data term
 * ≈ p·½‖UVᵀ − Y‖² (see `matrixCompletion`). An invalid `observed` gives p = 0 here and is
 * rejected by `matrixCompletion` before any work.
 */
export function resolveBalance(observed: Observed, balance: unknown): number {
  const count = ArrayBuffer.isView(observed.value) ? observed.value.length : 0;
  return checkFinite("balance", balance ?? count / (observed.rows * observed.cols), 0);
}

/** ‖A‖²_F. */
function squaredNorm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/**
 * The first trial step 1/L̂ of a gradient line search on `problem` from `start`, L̂ an upper
 * estimate of the curvature of F there: the data term's Hessian is about p·(‖U‖²₂ + ‖V‖²₂) on
 * incoherent data (p = |Ω|/(mn)), the ridge adds λ and the balancing term about
 * (β/2)(‖U‖²₂ + ‖V‖²₂). Frobenius norms bound the spectral ones, so 1/L̂ errs on the short side
 * and the step memory of `gradientDescent` doubles it while it is accepted at once (a step of 1
 * could need more backtracks than allowed on large, large-valued data). 1 without a scale (zero
 * start, λ = 0).
 */
export function initialStep(problem: MatrixCompletionProblem, start: FactorPoint): number {
  const p = problem.observedCount / (problem.rows * problem.cols);
  const s = squaredNorm(start[0].data) + squaredNorm(start[1].data);
  const L = (p + problem.balance / 2) * s + problem.lambda;
  return L > 0 && Number.isFinite(1 / L) ? 1 / L : 1;
}

/**
 * Builds the {@link matrixCompletion} problem, runs `solve` on it and returns the fit; the problem
 * (and its wasm memory) is disposed when `solve` returns, throws or is aborted.
 */
export async function fitFactors(
  observed: Observed, model: MatrixCompletionOptions,
  solve: (problem: MatrixCompletionProblem) => Promise<SolverResult<FactorPoint>>,
): Promise<FactorFit> {
  const problem = matrixCompletion(observed, model);
  try {
    const result = await solve(problem);
    const [U, V] = result.point;
    return { U, V, result };
  } finally {
    problem.dispose();
  }
}
