// What a matrix completion method is given (FactorRun) and returns (FactorFit), and the run of a
// solver on the matrix completion problem over the shared observations.
import type { Matrix } from "../../matrix.js";
import type { SolverOptions } from "../../solvers/options.js";
import type { SolverResult, StopReason } from "../../solvers/result.js";
import type { ObservedMatrix } from "../observed-matrix.js";
import { factorProblem, type FactorPoint, type MatrixCompletionProblem } from "../problem.js";

/**
 * Why a completion method stopped: the solvers' reasons (see `StopReason`) and, for ALS,
 * `"cost-tolerance"`: a sweep lowered the cost by at most `costTolerance` times the cost (a
 * converged fit, as `"gradient-tolerance"`).
 */
export type CompletionStopReason = StopReason | "cost-tolerance";

/** A solver record whose reason may also be ALS's {@link CompletionStopReason}. */
export type CompletionSolverResult = Omit<SolverResult<unknown>, "reason"> & { reason: CompletionStopReason };

/** The result of a factor method: the factors (the prediction is U·Vᵀ) and the solver's record. */
export interface FactorFit {
  /** m×r. */
  U: Matrix;
  /** n×r. */
  V: Matrix;
  /** The solver record: iterations, reason, converged, history, time, evaluations. */
  result: CompletionSolverResult;
}

/**
 * What `completeMatrix` hands a factor method, all validated: the model, the start over the
 * kept rows and columns of the shared {@link ObservedMatrix} (fresh copies the method may own),
 * and the common solver options (their `maxTime` already the time left).
 */
export interface FactorRun {
  rank: number;
  lambda: number;
  start: FactorPoint;
  solverOptions: SolverOptions<FactorPoint>;
}

/** The sampling rate p = |Ω|/(mn) of the full matrix (also the default balancing weight β of "gd" and "riemannian"). */
export function samplingRate(matrix: { rows: number; cols: number; nnz: number }): number {
  return matrix.nnz / (matrix.rows * matrix.cols);
}

/** ‖A‖²_F. */
function squaredNorm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/**
 * The first trial step 1/L̂ of a gradient line search from `start`, L̂ an upper estimate of the
 * curvature of F there: the data term's Hessian is about p·(‖U‖²₂ + ‖V‖²₂) on incoherent data
 * (p = |Ω|/(mn), the sampling rate of the full matrix), the ridge adds λ and the balancing term
 * about (β/2)(‖U‖²₂ + ‖V‖²₂). Frobenius norms bound the spectral ones, so 1/L̂ errs on the short
 * side and the step memory of `gradientDescent` doubles it while it is accepted at once (a step
 * of 1 could need more backtracks than allowed on large, large-valued data). 1 without a scale
 * (zero start, λ = 0).
 */
export function initialStep(p: number, problem: MatrixCompletionProblem, start: FactorPoint): number {
  const s = squaredNorm(start[0].data) + squaredNorm(start[1].data);
  const L = (p + problem.balance / 2) * s + problem.lambda;
  return L > 0 && Number.isFinite(1 / L) ? 1 / L : 1;
}

/**
 * Builds the matrix completion problem on the shared observations (borrowed: the problem frees
 * only its own workspaces), runs `solve` on it and returns the fit; the problem is disposed
 * when `solve` returns, throws or is aborted.
 */
export async function fitFactors(
  matrix: ObservedMatrix, model: { rank: number; lambda: number; balance: number },
  solve: (problem: MatrixCompletionProblem) => Promise<SolverResult<FactorPoint>>,
): Promise<FactorFit> {
  const problem = factorProblem(matrix.byRow, model, () => {});
  try {
    const result = await solve(problem);
    const [U, V] = result.point;
    return { U, V, result };
  } finally {
    problem.dispose();
  }
}
