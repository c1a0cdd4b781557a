// procrustesAlign(U, U0): the rotation that best aligns a factor with a reference (orthogonal
// Procrustes), the symmetry of factorizations with orthonormal or balanced factors.
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { polar } from "../kernels/linalg/polar.js";
import { checkFactorMatrix, frobeniusDistance, ratio } from "./factors.js";

/** The result of {@link procrustesAlign}. */
export interface ProcrustesResult {
  /** The r×r orthogonal Q minimizing ‖U·Q − U₀‖_F. */
  readonly Q: Matrix;
  /** U·Q. */
  readonly aligned: Matrix;
  /** ‖U·Q − U₀‖_F, the distance from U to U₀ modulo rotations. */
  readonly distance: number;
  /** distance / ‖U₀‖_F (0 when both are 0, Infinity when only U₀ is 0). */
  readonly relative: number;
}

/**
 * Orthogonal Procrustes: the orthogonal Q (r×r) minimizing ‖U·Q − U₀‖_F for U, U₀ of one shape
 * m×r. Since ‖UQ − U₀‖² = ‖U‖² + ‖U₀‖² − 2·tr(Qᵀ·UᵀU₀), Q maximizes tr(Qᵀ·UᵀU₀): it is the
 * polar factor of the r×r matrix UᵀU₀ (Schönemann 1966; Higham 1986), computed from its SVD by
 * the library's `polar`. Unique when UᵀU₀ is nonsingular; otherwise one minimizer. This is the
 * right distance for the O(r) symmetry (U, V) → (UQ, VQ) of balanced factorizations; for the full
 * GL(r) symmetry use {@link alignFactors}.
 *
 * NaN policy: non-finite entries are rejected (RangeError). Call `init()` first.
 *
 * @throws TypeError if an argument is not a matrix; RangeError if the shapes differ.
 */
export function procrustesAlign(U: Matrix, U0: Matrix): ProcrustesResult {
  const u = checkFactorMatrix("U", U);
  const u0 = checkFactorMatrix("U0", U0, u.rows, "the rows of U", u.cols, "the columns of U");
  const Q = polar(gemm(u, u0, { transA: true })).Q;
  const aligned = gemm(u, Q);
  const distance = frobeniusDistance(aligned.data, u0.data);
  return { Q, aligned, distance, relative: ratio(distance, frobeniusDistance(u0.data)) };
}
