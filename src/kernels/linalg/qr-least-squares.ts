// leastSquares(A, B): the minimum-norm least-squares solution by a rank-revealing, column-pivoted
// QR and a complete orthogonal decomposition (LAPACK xGELSY).
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkFinite, checkOptions } from "../../validate.js";
import type { QRKernels } from "./qr.js";
import { asRhsKind, checkFiniteMatrix, checkRhs, toColumnMajor } from "./solve-common.js";

interface PivotedQrKernels {
  qrPivotFactor(f: number, m: number, n: number, tau: number, jpvt: number, work: number): void;
  qrPivotRank(f: number, m: number, n: number, rcond: number, work: number): number;
  rzFactor(f: number, m: number, r: number, n: number, tauz: number, work: number): void;
  rzApplyZt(c: number, ldc: number, p: number, f: number, m: number, r: number, n: number, tauz: number): void;
}

/** Options for {@link leastSquares}. */
export interface LeastSquaresOptions {
  /**
   * The rank tolerance: the rank is the largest r for which the leading r×r triangle of the
   * pivoted QR's R has estimated condition number at most 1/rcond (so singular values below about
   * rcond·σ₁ count as zero). A number in [0, 1]; 0 keeps every column whose R is not exactly
   * singular.
   * @defaultValue max(m, n)·ε, ε = 2⁻⁵² (as numpy.linalg.lstsq and MATLAB's rank)
   */
  rcond?: number;
}

/** The result of {@link leastSquares}: the solution and the numerical rank it used. */
export interface LeastSquaresResult<X extends Matrix | Float64Array> {
  /** The minimum-norm least-squares solution, n×p (or length n for a vector B). */
  readonly X: X;
  /** The numerical rank of A under `rcond`: min(m, n) when A has full rank. */
  readonly rank: number;
}

/**
 * The minimum-norm least-squares solution of A·X ≈ B for any m×n matrix A: among the X that
 * minimize ‖A·X − B‖_F, the one of least norm, with A's numerically negligible directions (under
 * `rcond`) treated as exactly zero, and the numerical rank. For a full-rank A this is the ordinary
 * least-squares solution (m ≥ n) or the minimum-norm solution of A·X = B (m < n); for a
 * rank-deficient A it is the pseudo-inverse solution A⁺·B of the nearby matrix of rank `rank`,
 * where an unpivoted QR would return a huge, noise-dominated X.
 *
 * `B` is an m×p Matrix or a Float64Array of length m; X has the same kind (n×p or length n).
 *
 * Algorithm (LAPACK xGELSY): Householder QR with column pivoting A·P = Q·R (Businger & Golub
 * 1965); the rank r by incremental condition estimation on R (Bischof 1990); the RZ reduction of
 * R's first r rows, [R₁₁ R₁₂] = [T 0]·Z, so A·P ≈ Q·[T 0; 0 0]·Z (a complete orthogonal
 * decomposition, Golub & Van Loan, Matrix Computations 4th ed., §5.5.2 and §5.4.1); then
 * X = P·Zᵀ·[T⁻¹·(QᵀB)(0:r); 0]. Q and Z are applied reflector by reflector, never formed.
 * About 4mnk − 2k²(m + n) + 4k³/3 flops (k = min(m, n)) plus 4mkp for B.
 *
 * Accuracy: backward stable for the rank-r problem; for full rank, the forward error is about
 * u·(cond(A) + cond(A)²·‖r‖/(‖A‖‖X‖)) (Higham, ASNA 2nd ed., Thm 20.3 and §20.1). With a numerical
 * rank r < min(m, n), X is as sensitive as σ₁/σ_r. Incremental condition estimation can
 * misjudge the rank in rare, contrived cases (Kahan's matrix); the SVD (`svd`) decides it exactly.
 *
 * Non-finite entries are rejected with a RangeError naming `A` or `B`.
 */
export function leastSquares(A: Matrix, B: Float64Array, options?: LeastSquaresOptions): LeastSquaresResult<Float64Array>;
export function leastSquares(A: Matrix, B: Matrix, options?: LeastSquaresOptions): LeastSquaresResult<Matrix>;
export function leastSquares(
  A: Matrix, B: Matrix | Float64Array, options?: LeastSquaresOptions,
): LeastSquaresResult<Matrix | Float64Array> {
  checkFiniteMatrix("A", A);
  const { rows: m, cols: n } = A;
  const rhs = checkRhs("B", B, m);
  checkOptions("options", options, ["rcond"]);
  const rcond = options?.rcond ?? Math.max(m, n) * Number.EPSILON;
  checkFinite("rcond", rcond, 0);
  if (rcond > 1) throw new RangeError(`invalid rcond: expected a number in [0, 1], got ${rcond}`);
  const p = rhs.cols;
  const k = Math.min(m, n);
  const ld = Math.max(m, n, 1);
  const kern = kernels<QRKernels & PivotedQrKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [m * n, k, 2 * n + 1, ld * p, k], i32: [n] });
    const f = s.f64(m * n);
    const tau = s.f64(k);
    const work = s.f64(2 * n + 1);
    const c = s.f64(ld * p);
    const tauz = s.f64(k);
    const jpvt = s.i32(n);
    toColumnMajor(A.data, m, n, f.view);
    kern.qrPivotFactor(f.ptr, m, n, tau.ptr, jpvt.ptr, work.ptr);
    const rank = kern.qrPivotRank(f.ptr, m, n, rcond, work.ptr);
    const X = new Float64Array(n * p);
    if (rank > 0) {
      toColumnMajor(rhs.data, m, p, c.view, ld);
      kern.rzFactor(f.ptr, m, rank, n, tauz.ptr, work.ptr);
      kern.qrApplyQt(c.ptr, ld, p, f.ptr, m, n, tau.ptr);
      // T is nonsingular: its diagonal is at least |R₍ⱼⱼ₎| > 0 for j < rank.
      kern.qrSolveR(c.ptr, ld, p, f.ptr, m, rank);
      const cv = c.view;
      for (let q = 0; q < p; q++) cv.fill(0, q * ld + rank, q * ld + n);
      kern.rzApplyZt(c.ptr, ld, p, f.ptr, m, rank, n, tauz.ptr);
      const y = c.view;
      const perm = jpvt.view;
      for (let i = 0; i < n; i++) for (let q = 0; q < p; q++) X[perm[i] * p + q] = y[q * ld + i];
    }
    return { X: asRhsKind(rhs, n, X), rank };
  });
}
