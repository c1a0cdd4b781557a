// leastSquares(A, B): min ‖A·X − B‖_F via Householder QR, without forming Q.
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import type { QRKernels } from "./qr.js";
import { asRhsKind, checkFiniteMatrix, checkRhs, fromColumnMajor, toColumnMajor } from "./solve-common.js";

/**
 * Least-squares solution of A·X ≈ B for an m×n matrix A of full rank min(m, n).
 *
 * - m ≥ n (square or overdetermined): X minimizes ‖A·X − B‖ column by column. Computed as
 *   A = Q·R (Householder, Golub & Van Loan §5.2), then R·X = (QᵀB)(0:n) by back substitution;
 *   Qᵀ is applied reflector by reflector and never formed (Golub & Van Loan §5.3.3).
 * - m < n (underdetermined): X is the minimum-norm solution of A·X = B, from the QR
 *   factorization of Aᵀ = Q·R: Rᵀ·Y = B (forward substitution), X = Q·[Y; 0].
 *
 * `B` is an m×p Matrix or a Float64Array of length m; X has the same kind (n×p or length n).
 *
 * Accuracy: backward stable (Higham, ASNA 2nd ed., Thm 20.3). For m > n the forward error is
 * about u·(cond(A) + cond(A)²·‖r‖/(‖A‖‖X‖)) with r the residual, the intrinsic sensitivity of
 * least squares. A rank-deficient A whose R has an exactly zero diagonal entry gives a
 * RangeError naming the column; a nearly rank-deficient A gives a large, noise-dominated X
 * (there is no rank detection: use a truncated SVD for that).
 *
 * Non-finite entries are rejected with a RangeError naming `A` or `B`.
 */
export function leastSquares(A: Matrix, B: Float64Array): Float64Array;
export function leastSquares(A: Matrix, B: Matrix): Matrix;
export function leastSquares(A: Matrix, B: Matrix | Float64Array): Matrix | Float64Array {
  checkFiniteMatrix("A", A);
  const { rows: m, cols: n } = A;
  const rhs = checkRhs("B", B, m);
  const p = rhs.cols;
  const { qrFactor, qrApplyQt, qrApplyQ, qrSolveR, qrSolveRt } = kernels<QRKernels>();
  return runtime().arena.scope((s) => {
    const f = s.f64(m * n);
    const tau = s.f64(Math.min(m, n));
    if (m >= n) {
      const c = s.f64(m * p);
      toColumnMajor(A.data, m, n, f.view);
      toColumnMajor(rhs.data, m, p, c.view);
      qrFactor(f.ptr, m, n, tau.ptr);
      qrApplyQt(c.ptr, m, p, f.ptr, m, n, tau.ptr);
      const info = qrSolveR(c.ptr, m, p, f.ptr, m, n);
      if (info > 0) throw rankError(info - 1);
      return asRhsKind(rhs, n, fromColumnMajor(c.view, n, p, m));
    }
    // Aᵀ (n×m) in column-major storage is A's row-major data as it is.
    const c = s.f64(n * p);
    f.view.set(A.data);
    toColumnMajor(rhs.data, m, p, c.view, n);
    qrFactor(f.ptr, n, m, tau.ptr);
    const info = qrSolveRt(c.ptr, n, p, f.ptr, n, m);
    if (info > 0) throw rankError(info - 1, "row");
    qrApplyQ(c.ptr, n, p, f.ptr, n, m, tau.ptr);
    return asRhsKind(rhs, n, fromColumnMajor(c.view, n, p, n));
  });
}

function rankError(j: number, what = "column"): RangeError {
  return new RangeError(
    `invalid A: rank deficient, R[${j}][${j}] = 0 in its QR factorization (${what} ${j} depends on the previous ones)`,
  );
}
