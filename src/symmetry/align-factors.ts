// alignFactors(U, V, U0, V0): the invertible change of basis (U, V) → (UG, VG⁻ᵀ) that best
// matches a reference factorization, with the errors before and after.
import type { Matrix } from "../matrix.js";
import { transpose } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { leastSquares } from "../kernels/linalg/qr-least-squares.js";
import { rcond } from "../kernels/linalg/solve-rcond.js";
import { solve } from "../kernels/linalg/solve.js";
import { checkFactorMatrix, frobeniusDistance, orthonormalBasis, ratio } from "./factors.js";
import { checkedProductError } from "./product-error.js";

/** Relative errors of the two factors, ‖X − X₀‖_F / ‖X₀‖_F. */
export interface FactorErrors {
  readonly U: number;
  readonly V: number;
}

/** The result of {@link alignFactors}. */
export interface AlignedFactors {
  /** The r×r invertible G = argmin ‖U·G − U₀‖_F (least squares). */
  readonly G: Matrix;
  /** The reciprocal condition number of G (1-norm estimate); tiny means nearly singular. */
  readonly rcond: number;
  /** U·G. */
  readonly U: Matrix;
  /** V·G⁻ᵀ, so that (UG)(VG⁻ᵀ)ᵀ = UVᵀ exactly in exact arithmetic. */
  readonly V: Matrix;
  /** ‖UVᵀ − U₀V₀ᵀ‖_F / ‖U₀V₀ᵀ‖_F (from {@link productError}; unchanged by the alignment). */
  readonly productError: number;
  /** Relative errors of the aligned factors UG and VG⁻ᵀ against U₀ and V₀. */
  readonly alignedError: FactorErrors;
  /** Relative errors of the raw factors ‖U − U₀‖/‖U₀‖ and ‖V − V₀‖/‖V₀‖ (no alignment). */
  readonly naiveError: FactorErrors;
}

/**
 * Aligns a factorization UVᵀ (U m×r, V n×r) with a reference U₀V₀ᵀ (same shapes) modulo the
 * bilinear symmetry (U, V) → (UG, VG⁻ᵀ), G ∈ GL(r), which leaves UVᵀ unchanged: G is the least
 * squares solution of U·G ≈ U₀ (Householder QR), then V is mapped by G⁻ᵀ (LU solve). When the
 * products agree (UVᵀ = U₀V₀ᵀ, both of rank r), col(U) = col(U₀) and the aligned factors equal
 * the reference up to rounding although U − U₀ can be large: `productError` and `alignedError`
 * are small while `naiveError` is not. When the products differ, the alignment is the U-side
 * least-squares one (not a joint optimum) and `alignedError` measures both factors under it.
 *
 * NaN policy: non-finite entries are rejected (RangeError). Call `init()` first.
 *
 * @throws RangeError for mismatched shapes, U of rank < r (or m < r), or a singular G (U₀ of
 * rank < r or U₀ orthogonal to col(U)).
 */
export function alignFactors(U: Matrix, V: Matrix, U0: Matrix, V0: Matrix): AlignedFactors {
  const u = checkFactorMatrix("U", U);
  const v = checkFactorMatrix("V", V, undefined, undefined, u.cols, "the columns of U");
  const u0 = checkFactorMatrix("U0", U0, u.rows, "the rows of U", u.cols, "the columns of U");
  const v0 = checkFactorMatrix("V0", V0, v.rows, "the rows of V", u.cols, "the columns of U");
  if (u.rows < u.cols) {
    throw new RangeError(`invalid U: a ${u.rows}×${u.cols} factor has more columns than rows; alignment needs rank r = ${u.cols}`);
  }
  if (u.cols > 0) orthonormalBasis("U", u); // rank check: a rank-deficient U has no unique map
  const G = leastSquares(u, u0).X;
  const rc = u.cols === 0 ? 1 : rcond(G);
  if (!(rc > Number.EPSILON)) {
    throw new RangeError(`invalid U0: the least-squares map G from U to U0 is singular (rcond(G) = ${rc}); U0 has rank < r or is orthogonal to col(U)`);
  }
  const uG = gemm(u, G);
  const vG = transpose(solve(G, transpose(v)));
  const rel = (x: Matrix, x0: Matrix): number => ratio(frobeniusDistance(x.data, x0.data), frobeniusDistance(x0.data));
  return {
    G, rcond: rc, U: uG, V: vG,
    productError: checkedProductError(u, v, u0, v0).relative,
    alignedError: { U: rel(uG, u0), V: rel(vG, v0) },
    naiveError: { U: rel(u, u0), V: rel(v, v0) },
  };
}
