// svd(A): the thin singular value decomposition over the wasm `svd` kernel.
import type { Matrix } from "../../matrix.js";
import { kernels, runtime } from "../../runtime/init.js";
import { checkFiniteMatrix } from "./solve-common.js";

interface SvdKernel {
  svd(u: number, s: number, v: number, m: number, n: number, a: number, lda: number, work: number): number;
  svdWorkspaceSize(m: number, n: number): number;
}

/** The result of {@link svd}: A = U·diag(S)·Vᵀ with k = min(m, n). */
export interface SvdResult {
  /** m×k, orthonormal columns (the left singular vectors). */
  U: Matrix;
  /** The k singular values, descending and ≥ 0. */
  S: Float64Array;
  /** n×k, orthonormal columns (the right singular vectors). */
  V: Matrix;
}

/**
 * The thin singular value decomposition A = U·diag(S)·Vᵀ of an m×n matrix, k = min(m, n).
 *
 * Sign convention: column j of U has its largest-magnitude entry positive (the first such entry
 * on ties), and column j of V carries the matching sign, so uⱼσⱼvⱼᵀ is unchanged. Singular
 * vectors of repeated singular values are any orthonormal basis of their subspace.
 *
 * Algorithm: exact power-of-two scaling, Golub–Kahan Householder bidiagonalization (of Aᵀ when
 * m < n), accumulation of the thin factors, then the implicit Wilkinson-shift bidiagonal QR
 * iteration of LINPACK dsvdc (Golub & Van Loan, *Matrix Computations*, §5.4.8, §8.6; Golub &
 * Reinsch 1970). Flops: 4mnk − 4k³/3 for the bidiagonalization, about as many to form U and V,
 * and ≈ 5k²(m + n) for the rotations (measured ≈ 0.9k² of them for random matrices).
 *
 * Accuracy: backward stable — the exact SVD of A + E with ‖E‖₂ ≈ ε‖A‖₂ — so every singular value
 * has absolute error ≈ ε·σ₁ (tiny ones are not relatively accurate) and singular vectors are
 * accurate to ≈ ε·σ₁ / gap. U and V have orthonormal columns to ≈ kε.
 *
 * Non-finite input (NaN, ±Infinity) is rejected with a RangeError.
 *
 * @throws TypeError if `a` is not a matrix.
 * @throws RangeError if `a` has a non-finite entry.
 * @throws Error if the QR iteration does not converge within 6k² + 100 rotations (LAPACK’s cap; random matrices need ≈ 0.9k²).
 */
export function svd(a: Matrix): SvdResult {
  checkFiniteMatrix("a", a);
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const kern = kernels<SvdKernel>();
  return runtime().arena.scope((s) => {
    const workLength = kern.svdWorkspaceSize(m, n);
    s.reserve({ f64: [m * n, m * k, k, n * k, workLength] });
    const ab = s.f64From(a.data);
    const u = s.f64(m * k);
    const sv = s.f64(k);
    const v = s.f64(n * k);
    const work = s.f64(workLength);
    const info = kern.svd(u.ptr, sv.ptr, v.ptr, m, n, ab.ptr, n, work.ptr);
    if (info !== 0) {
      throw new Error(`svd: the bidiagonal QR iteration did not converge (${info} of ${k} singular values left)`);
    }
    return {
      U: { rows: m, cols: k, data: u.toArray() },
      S: sv.toArray(),
      V: { rows: n, cols: k, data: v.toArray() },
    };
  });
}
