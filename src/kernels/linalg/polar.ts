// polar(A): the polar decomposition A = Q·H over the wasm `polar` kernel.
import type { Matrix } from "../../matrix.js";
import { kernels, runtime } from "../../runtime/init.js";
import { checkAllFinite, checkBoolean, checkMatrix, checkOptions } from "../../validate.js";

interface PolarKernel {
  polar(q: number, h: number, m: number, n: number, a: number, lda: number, work: number): number;
  polarWorkspaceSize(m: number, n: number): number;
}

/** Options for {@link polar}. */
export interface PolarOptions {
  /**
   * Also return the symmetric positive semidefinite factor H = V·Σ·Vᵀ.
   * @defaultValue false
   */
  withH?: boolean;
}

/** The result of {@link polar}: A = Q·H. */
export interface PolarResult {
  /** m×n: orthonormal columns when m ≥ n (orthogonal when square), orthonormal rows when m < n. */
  Q: Matrix;
  /** n×n symmetric positive semidefinite, (AᵀA)^½; present only with `withH: true`. */
  H?: Matrix;
}

/**
 * The polar decomposition A = Q·H of an m×n matrix: Q = U·Vᵀ from the thin SVD A = U·Σ·Vᵀ is
 * the nearest matrix with orthonormal columns (m ≥ n) to A in the Frobenius norm — the solution
 * of the orthogonal Procrustes problem min ‖Q − A‖_F — and H = V·Σ·Vᵀ (Higham, "Computing the
 * polar decomposition — with applications", SIAM J. Sci. Stat. Comput. 7, 1986). For m < n, Q
 * has orthonormal rows and A = Q·H still holds.
 *
 * Accuracy: as {@link svd} (backward stable). When A has full rank k = min(m, n), Q is unique
 * and accurate to ≈ ε·σ₁/σ_k; for rank-deficient A, Q is one of the nearest partial isometries
 * (not unique). H is exactly symmetric.
 *
 * Non-finite input (NaN, ±Infinity) is rejected with a RangeError.
 *
 * @throws TypeError if `a` is not a matrix or an option has the wrong type.
 * @throws RangeError if `a` has a non-finite entry.
 * @throws Error if the SVD does not converge.
 */
export function polar(a: Matrix, options: PolarOptions = {}): PolarResult {
  checkMatrix("a", a);
  checkOptions("options", options, ["withH"]);
  const { withH = false } = options;
  checkBoolean("withH", withH);
  checkAllFinite("a", a.data);
  const { rows: m, cols: n } = a;
  const kern = kernels<PolarKernel>();
  return runtime().arena.scope((s) => {
    const workLength = kern.polarWorkspaceSize(m, n);
    s.reserve({ f64: withH ? [m * n, m * n, n * n, workLength] : [m * n, m * n, workLength] });
    const ab = s.f64From(a.data);
    const q = s.f64(m * n);
    const h = withH ? s.f64(n * n) : null;
    const work = s.f64(workLength);
    const info = kern.polar(q.ptr, h === null ? 0 : h.ptr, m, n, ab.ptr, n, work.ptr);
    if (info !== 0) {
      throw new Error(`polar: the SVD did not converge (${info} of ${Math.min(m, n)} singular values left)`);
    }
    const result: PolarResult = { Q: { rows: m, cols: n, data: q.toArray() } };
    if (h !== null) result.H = { rows: n, cols: n, data: h.toArray() };
    return result;
  });
}
