// ‖UVᵀ − U₀V₀ᵀ‖_F without forming the m×n products: the distance modulo the factor symmetry.
import type { Matrix } from "../matrix.js";
import { qr } from "../kernels/linalg/qr.js";
import { gemm } from "../kernels/blas/gemm.js";
import { checkFactorMatrix, columns, frobeniusDistance, hstack, ratio } from "./factors.js";

/** The result of {@link productError}. */
export interface ProductError {
  /** ‖UVᵀ − U₀V₀ᵀ‖_F. */
  readonly absolute: number;
  /** ‖U₀V₀ᵀ‖_F. */
  readonly reference: number;
  /** absolute / reference (0 when both are 0, Infinity when only the reference is 0). */
  readonly relative: number;
}

/**
 * The distance between two factored matrices M = UVᵀ and M₀ = U₀V₀ᵀ (U m×r, V n×r, U₀ m×r₀,
 * V₀ n×r₀; r and r₀ may differ) in the Frobenius norm, in O((m + n)·(r + r₀)²) time and without
 * forming any m×n matrix. It is invariant under every (U, V) → (UG, VG⁻ᵀ), so it compares the
 * recovered matrix, not the factors.
 *
 * Accuracy. The Gram-matrix expansion ‖M − M₀‖² = tr(UᵀU·VᵀV) − 2·tr(U₀ᵀU·VᵀV₀) + tr(U₀ᵀU₀·V₀ᵀV₀)
 * subtracts numbers of size ‖M‖²: its rounding error is ≈ ε‖M‖², so any error below
 * ≈ √ε·‖M‖ ≈ 1e-8·‖M‖ is lost — exactly the regime of a converged solver. Instead, with the thin
 * QR factorizations [U U₀] = Q_a·R_a and [V −V₀] = Q_b·R_b (Householder, backward stable),
 * M − M₀ = [U U₀]·[V −V₀]ᵀ = Q_a·(R_a·R_bᵀ)·Q_bᵀ, and since Q_a, Q_b have orthonormal columns,
 * ‖M − M₀‖_F = ‖R_a·R_bᵀ‖_F, a (r + r₀)×(r + r₀) product. Its error is ≈ ε·‖U‖·‖V‖ (the same
 * floor as subtracting the dense products), so relative errors down to ≈ 1e-15 are resolved.
 * Likewise ‖M₀‖_F = ‖R_a[:, r:]·R_b[:, r:]ᵀ‖_F.
 *
 * NaN policy: every factor must be finite (RangeError naming the first bad entry). Call `init()`
 * first (it uses the library's QR and gemm).
 *
 * @throws TypeError if an argument is not a matrix; RangeError for mismatched shapes.
 */
export function productError(U: Matrix, V: Matrix, U0: Matrix, V0: Matrix): ProductError {
  const u = checkFactorMatrix("U", U);
  const v = checkFactorMatrix("V", V, undefined, undefined, u.cols, "the columns of U");
  const u0 = checkFactorMatrix("U0", U0, u.rows, "the rows of U");
  const v0 = checkFactorMatrix("V0", V0, v.rows, "the rows of V", u0.cols, "the columns of U0");
  return checkedProductError(u, v, u0, v0);
}

/** {@link productError} of factors already checked (finite, U, U₀ m×·, V, V₀ n×·, matching columns). */
export function checkedProductError(u: Matrix, v: Matrix, u0: Matrix, v0: Matrix): ProductError {
  const r = u.cols;
  const p = r + u0.cols;
  if (p === 0 || u.rows === 0 || v.rows === 0) return { absolute: 0, reference: 0, relative: 0 };
  const Ra = qr(hstack(u, u0)).R;
  const Rb = qr(hstack(v, v0, -1)).R;
  const absolute = frobeniusDistance(gemm(Ra, Rb, { transB: true }).data);
  const reference = u0.cols === 0 ? 0 : frobeniusDistance(gemm(columns(Ra, r, p), columns(Rb, r, p), { transB: true }).data);
  return { absolute, reference, relative: ratio(absolute, reference) };
}

/**
 * ‖UVᵀ − U₀V₀ᵀ‖_F / ‖U₀V₀ᵀ‖_F, the relative error of a recovered low-rank matrix modulo the
 * factor symmetry (0 when both products are 0, Infinity when only U₀V₀ᵀ is). See
 * {@link productError} for the algorithm and its accuracy (resolves relative errors down to
 * ≈ 1e-15, where the Gram-matrix formula stops at ≈ 1e-8).
 */
export function relativeError(U: Matrix, V: Matrix, U0: Matrix, V0: Matrix): number {
  return productError(U, V, U0, V0).relative;
}
