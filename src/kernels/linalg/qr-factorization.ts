// qrFactorization(A): the Householder QR of A kept in factored form, to apply Q or Qᵀ without
// forming Q (wasm qrFactor / qrApplyQ / qrApplyQt / qrFormQ).
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import type { QRKernels } from "./qr.js";
import { asRhsKind, checkFiniteMatrix, checkRhs, fromColumnMajor, toColumnMajor } from "./solve-common.js";

/**
 * A Householder QR factorization A = Q·R in factored form (LAPACK dgeqrf layout: R and the
 * Householder vectors, plus their scalars τ), from {@link qrFactorization}. It holds plain
 * JavaScript copies, so it needs no disposal and stays valid across `init()` calls.
 *
 * Q here is the full m×m orthogonal matrix H₀·H₁·…·H_{k−1} (k = min(m, n)); its first k columns
 * are the thin Q of {@link qr}.
 */
export interface QrFactorization {
  readonly rows: number;
  readonly cols: number;
  /**
   * Qᵀ·B for an m×p Matrix or a length-m Float64Array (same kind returned), applying the k
   * reflectors in turn: 4mkp − 2k²p flops, no Q formed. The first k rows are the thin Qᵀ·B;
   * for m > n the remaining m − k rows are the components of B outside range(A) (their norm is
   * the least-squares residual norm).
   */
  applyQt(B: Float64Array): Float64Array;
  applyQt(B: Matrix): Matrix;
  /** Q·B for an m×p Matrix or a length-m Float64Array (same kind returned). */
  applyQ(B: Float64Array): Float64Array;
  applyQ(B: Matrix): Matrix;
  /** The thin Q, m×k with orthonormal columns. */
  Q(): Matrix;
  /** R, k×n upper triangular (trapezoidal for m < n) with a non-negative diagonal. */
  R(): Matrix;
}

/**
 * Householder QR of an m×n matrix (any shape) kept in factored form; see {@link qr} for the
 * algorithm and accuracy. Use it to apply Q or Qᵀ to many right-hand sides without forming Q.
 * Non-finite entries of A are rejected with a RangeError naming `A`; of B with one naming `B`.
 */
export function qrFactorization(A: Matrix): QrFactorization {
  checkFiniteMatrix("A", A);
  const { rows: m, cols: n } = A;
  const k = Math.min(m, n);
  const { qrFactor } = kernels<QRKernels>();
  const { f, tau } = runtime().arena.scope((s) => {
    s.reserve({ f64: [m * n, k] });
    const fb = s.f64(m * n);
    const taub = s.f64(k);
    toColumnMajor(A.data, m, n, fb.view);
    qrFactor(fb.ptr, m, n, taub.ptr);
    return { f: fb.toArray(), tau: taub.toArray() };
  });
  const apply = (B: Matrix | Float64Array, transposed: boolean): Matrix | Float64Array => {
    const rhs = checkRhs("B", B, m);
    const p = rhs.cols;
    const { qrApplyQ, qrApplyQt } = kernels<QRKernels>();
    return runtime().arena.scope((s) => {
      s.reserve({ f64: [f.length, tau.length, m * p] });
      const fb = s.f64From(f);
      const taub = s.f64From(tau);
      const c = s.f64(m * p);
      toColumnMajor(rhs.data, m, p, c.view);
      (transposed ? qrApplyQt : qrApplyQ)(c.ptr, m, p, fb.ptr, m, n, taub.ptr);
      return asRhsKind(rhs, m, fromColumnMajor(c.view, m, p));
    });
  };
  return {
    rows: m,
    cols: n,
    applyQt: ((B: Matrix | Float64Array) => apply(B, true)) as QrFactorization["applyQt"],
    applyQ: ((B: Matrix | Float64Array) => apply(B, false)) as QrFactorization["applyQ"],
    Q(): Matrix {
      const { qrFormQ } = kernels<QRKernels>();
      return runtime().arena.scope((s) => {
        s.reserve({ f64: [f.length, tau.length, m * k] });
        const fb = s.f64From(f);
        const taub = s.f64From(tau);
        const q = s.f64(m * k);
        qrFormQ(q.ptr, fb.ptr, m, n, taub.ptr);
        return { rows: m, cols: k, data: fromColumnMajor(q.view, m, k) };
      });
    },
    R(): Matrix {
      const r = new Float64Array(k * n);
      for (let i = 0; i < k; i++) for (let j = i; j < n; j++) r[i * n + j] = f[j * m + i];
      return { rows: k, cols: n, data: r };
    },
  };
}
