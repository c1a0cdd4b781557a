// spectralInit(observed, rank): balanced factors from the top-r SVD of the rescaled zero-filled
// matrix (1/p)·P_Ω(Y), the standard start of nonconvex matrix completion.
import type { Matrix } from "../matrix.js";
import { checkInteger, checkOptions } from "../validate.js";
import { checkObservedShape, type Observed } from "./observed.js";
import { expandRows, prepareObserved, type ObservedMatrix } from "./observed-matrix.js";
import { csrPairOperator } from "./linear-operator.js";
import { runSteps, type Steps } from "./steps.js";
import { resolveTruncatedSvdOptions, truncatedSvdSteps, type TruncatedSvdOptions } from "./truncated-svd.js";

/**
 * Options of {@link spectralInit}: those of the truncated SVD (without a warm start), with a
 * looser default tolerance.
 */
export interface SpectralInitOptions extends Omit<TruncatedSvdOptions, "start" | "tolerance"> {
  /**
   * The SVD's residual tolerance (see {@link TruncatedSvdOptions.tolerance}). A start point needs
   * no more: singular values come out to ≈ tolerance² relative and subspaces to ≈ tolerance/gap;
   * pass a smaller value for an accurate SVD.
   * @defaultValue 1e-4
   */
  tolerance?: number;
}

/** The result of {@link spectralInit}. */
export interface SpectralInit {
  /** m×r, Û·Σ^{1/2}. */
  readonly U: Matrix;
  /** n×r, V̂·Σ^{1/2}. */
  readonly V: Matrix;
  /** The r singular values Σ of (1/p)·P_Ω(Y), descending. */
  readonly singularValues: Float64Array;
  /** The SVD's final relative residual (see {@link truncatedSvd}). */
  readonly residual: number;
}

/**
 * The spectral initialization of matrix completion: with p = |Ω|/(mn), the top-r SVD
 * Û·Σ·V̂ᵀ of the rescaled zero-filled matrix (1/p)·P_Ω(Y) — an unbiased estimate of Y under
 * uniform sampling — returned as the balanced factors U = Û·Σ^{1/2}, V = V̂·Σ^{1/2}
 * (UᵀU = VᵀV = Σ), so UVᵀ is the best rank-r approximation of (1/p)·P_Ω(Y).
 * References: Keshavan, Montanari & Oh, "Matrix completion from a few entries", IEEE Trans. Inf.
 * Theory 56(6), 2010 (the trimming and rank-r projection steps of OptSpace); Chi, Lu & Chen,
 * "Nonconvex optimization meets low-rank matrix factorization: an overview", IEEE Trans. Signal
 * Process. 67(20), 2019 (arXiv:1809.09573, the section "Initialization via spectral methods").
 *
 * Trimming (Keshavan et al. zero the rows and columns with more than 2|Ω|/m, resp. 2|Ω|/n,
 * entries before the SVD) is not done: it serves the proofs in the sparsest regime
 * (|Ω| = O(n)) and Chi, Lu & Chen note the plain estimate suffices under uniform sampling with
 * |Ω| ≳ n·log n; with strongly non-uniform sampling, prefer a later solver's refinement.
 *
 * The SVD is the randomized subspace iteration of `truncatedSvd` on the sparse operator
 * (kept in wasm memory, freed on return or throw), over the rows and columns with entries (the
 * others get zero factor rows). Cost per iteration: 2·(r + p)·|Ω| flops for the products plus
 * O((m′ + n′)(r + p)²), m′ and n′ the non-empty rows and columns.
 *
 * @throws TypeError / RangeError for invalid `observed` (or no observed entry), rank outside
 * [1, min(m, n)], or bad options.
 */
export function spectralInit(observed: Observed, rank: number, options: SpectralInitOptions = {}): SpectralInit {
  const o = checkObservedShape("observed", observed);
  checkInteger("rank", rank, 1, Math.min(o.rows, o.cols));
  checkOptions("options", options, ["oversampling", "powerIterations", "tolerance", "threshold", "stopAbove", "seed"]);
  const resolved = resolveTruncatedSvdOptions({ ...options, tolerance: options.tolerance ?? 1e-4 });
  if (o.row.length === 0) throw new RangeError("invalid observed: expected at least one observed entry, got none");
  const matrix = prepareObserved("observed", o, { compact: true });
  try {
    const start = runSteps(spectralSteps(matrix, rank, resolved));
    return { ...start, U: expandRows(start.U, matrix.rowIds, o.rows), V: expandRows(start.V, matrix.colIds, o.cols) };
  } finally {
    matrix.dispose();
  }
}

/**
 * The steps of {@link spectralInit} on an {@link ObservedMatrix} (values as they are there, e.g.
 * after the baseline), with resolved SVD options. The factors are over its kept rows and columns;
 * when the rank exceeds their number, the extra columns are zero. `measureResidual: false` (a
 * start point needs only the factors) saves the SVD's last product (see `truncatedSvdSteps`);
 * `residual` is then NaN.
 */
export function* spectralSteps(
  matrix: ObservedMatrix, rank: number, options: Required<Omit<TruncatedSvdOptions, "start">>, measureResidual = true,
): Steps<SpectralInit> {
  const S = matrix.byRow;
  const k = Math.min(rank, S.rows, S.cols);
  const op = csrPairOperator(S, matrix.byColumn, (matrix.rows * matrix.cols) / matrix.nnz);
  const { U, S: sigma, V, residual } = yield* truncatedSvdSteps(op, k, options, undefined, measureResidual);
  const singularValues = new Float64Array(rank);
  singularValues.set(sigma);
  return { U: scaleColumns(U, singularValues), V: scaleColumns(V, singularValues), singularValues, residual };
}

/** A·diag(√s), padded with zero columns to the length of s. */
function scaleColumns(A: Matrix, s: Float64Array): Matrix {
  const r = s.length;
  const data = new Float64Array(A.rows * r);
  for (let i = 0; i < A.rows; i++) for (let k = 0; k < A.cols; k++) data[i * r + k] = A.data[i * A.cols + k] * Math.sqrt(s[k]);
  return { rows: A.rows, cols: r, data };
}
