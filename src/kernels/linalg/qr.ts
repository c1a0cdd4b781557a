// qr(A) = { Q, R }: thin Householder QR over the wasm qrFactor / qrFormQ kernels.
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkFiniteMatrix, fromColumnMajor, toColumnMajor } from "./solve-common.js";

/** The factors of {@link qr}. */
export interface QrResult {
  /** m×k with orthonormal columns, k = min(m, n). */
  readonly Q: Matrix;
  /** k×n upper triangular (upper trapezoidal when m < n) with a non-negative diagonal. */
  readonly R: Matrix;
}

/** Kernel signatures used by the QR wrappers (byte pointers, column-major storage). */
export interface QRKernels {
  qrFactor(f: number, m: number, n: number, tau: number): void;
  qrFormQ(q: number, f: number, m: number, n: number, tau: number): void;
  qrApplyQt(c: number, ldc: number, p: number, f: number, m: number, n: number, tau: number): void;
  qrApplyQ(c: number, ldc: number, p: number, f: number, m: number, n: number, tau: number): void;
  qrSolveR(c: number, ldc: number, p: number, f: number, m: number, n: number): number;
}

/**
 * Thin QR factorization A = Q·R of an m×n matrix by Householder reflections (Golub & Van Loan,
 * Matrix Computations 4th ed., §5.2, Algorithm 5.2.1, reflectors as in Algorithm 5.1.1).
 *
 * With k = min(m, n): Q is m×k with orthonormal columns and R is k×n upper triangular. For
 * m ≥ n (tall or square) that is Q m×n and R n×n; for m < n (wide) Q is m×m orthogonal and R is
 * m×n upper trapezoidal. R's diagonal is made non-negative (the reflector maps each column to
 * +‖x‖·e₁), so for a full-column-rank A the factorization is unique (R₍ⱼⱼ₎ > 0).
 *
 * Accuracy: backward stable. The computed factors satisfy ‖A − Q·R‖_F ≲ c·m·n·u·‖A‖_F and
 * ‖QᵀQ − I‖ ≲ c·m·n·u (u = 2⁻⁵³), independently of the condition number of A; R itself is
 * accurate to about cond(A)·u in the normwise sense.
 *
 * Non-finite entries (NaN, ±Infinity) are rejected with a RangeError naming `A`.
 * Cost: 2mn² − 2n³/3 flops for the factorization plus about as much to form Q.
 */
export function qr(A: Matrix): QrResult {
  checkFiniteMatrix("A", A);
  const { rows: m, cols: n } = A;
  const k = Math.min(m, n);
  const { qrFactor, qrFormQ } = kernels<QRKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [m * n, k, m * k] });
    const f = s.f64(m * n);
    const tau = s.f64(k);
    const q = s.f64(m * k);
    toColumnMajor(A.data, m, n, f.view);
    qrFactor(f.ptr, m, n, tau.ptr);
    qrFormQ(q.ptr, f.ptr, m, n, tau.ptr);
    const fv = f.view;
    const r = new Float64Array(k * n);
    for (let i = 0; i < k; i++) for (let j = i; j < n; j++) r[i * n + j] = fv[j * m + i];
    return { Q: { rows: m, cols: k, data: fromColumnMajor(q.view, m, k) }, R: { rows: k, cols: n, data: r } };
  });
}
