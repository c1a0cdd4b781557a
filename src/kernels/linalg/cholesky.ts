// cholesky(A) = L with A = L·Lᵀ, over the wasm choleskyFactor kernel.
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkFiniteSquare } from "./solve-common.js";

/** Kernel signatures used by the Cholesky wrappers (byte pointers, row-major storage). */
export interface CholeskyKernels {
  choleskyFactor(a: number, n: number, lda: number): number;
  choleskySolve(b: number, p: number, ldb: number, l: number, n: number, ldl: number): void;
}

/**
 * Cholesky factor of a symmetric positive-definite matrix: the lower triangular L with a
 * positive diagonal such that A = L·Lᵀ.
 *
 * Only the lower triangle of A (with the diagonal) is used; the strict upper triangle is
 * ignored, so A need not be exactly symmetric (pass the lower half you trust), although every
 * entry must still be finite. L is returned as an n×n matrix with zeros above the diagonal.
 *
 * Algorithm: row-oriented Cholesky–Crout (Cholesky–Banachiewicz), Golub & Van Loan 4th ed.
 * §4.2: each entry of L is one dot product of two row prefixes. Accuracy: backward stable,
 * L·Lᵀ = A + E with ‖E‖₂ ≲ n·u·‖A‖₂ (Higham, ASNA 2nd ed., Thm 10.3), so solving with L has
 * forward error about cond(A)·u.
 *
 * @throws RangeError naming `A` if it is not square, has a NaN or ±Infinity entry, or is not
 * positive definite: the message names the 0-based pivot index i where A(i,i) − Σₖ L(i,k)² ≤ 0
 * (the leading (i+1)×(i+1) minor is not positive definite in floating point). Matrices with
 * cond(A) ≳ 1/u may fail this way even if positive definite in exact arithmetic.
 */
export function cholesky(A: Matrix): Matrix {
  checkFiniteSquare("A", A);
  const n = A.rows;
  const { choleskyFactor } = kernels<CholeskyKernels>();
  return runtime().arena.scope((s) => {
    const a = s.f64From(A.data);
    const info = choleskyFactor(a.ptr, n, n);
    if (info > 0) throw notPositiveDefinite(a.view, n, info - 1);
    return { rows: n, cols: n, data: a.toArray() };
  });
}

function notPositiveDefinite(l: Float64Array, n: number, i: number): RangeError {
  // Row i holds L(i, 0:i) and the untouched A(i, i): recompute the pivot for the message.
  let d = l[i * n + i];
  for (let k = 0; k < i; k++) d -= l[i * n + k] * l[i * n + k];
  return new RangeError(
    `invalid A: not positive definite, pivot ${i} is ${d} ≤ 0 (the leading ${i + 1}×${i + 1} minor is not positive definite)`,
  );
}
