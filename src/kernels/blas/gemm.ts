// gemm(A, B, options) = alpha·op(A)·op(B) + beta·C over the wasm `gemm` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { checkBoolean, checkFinite, checkMatrix, checkOptions } from "../../validate.js";
import type { Matrix } from "../../matrix.js";

interface GemmKernel {
  gemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  gemmWorkspaceSize(m: number, n: number, k: number): number;
}

/** Options for {@link gemm}. */
export interface GemmOptions {
  /**
   * Use Aᵀ in place of A.
   * @defaultValue false
   */
  transA?: boolean;
  /**
   * Use Bᵀ in place of B.
   * @defaultValue false
   */
  transB?: boolean;
  /**
   * Scale of the product.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of C. With beta = 0, C is not read (NaN in C does not propagate), as BLAS.
   * @defaultValue 0
   */
  beta?: number;
  /**
   * The matrix added (times beta), op(A).rows × op(B).cols; required when beta ≠ 0. Not modified.
   * @defaultValue none (not read when beta = 0)
   */
  C?: Matrix;
}

/**
 * The matrix product alpha·op(A)·op(B) + beta·C as a new matrix, op(X) = X or Xᵀ; C is an
 * input only. Runs the cache-blocked, packed SIMD kernel. NaN and ±Infinity in A, B and C
 * propagate (as BLAS, alpha = 0 or an inner dimension of 0 skips A and B).
 *
 * @example
 * ```js
 * import { init, gemm, fromRows, toRows } from "benign";
 * await init();
 * const A = fromRows([[1, 2], [3, 4]]), B = fromRows([[5, 6], [7, 8]]);
 * console.log(toRows(gemm(A, B)));                                // [[19, 22], [43, 50]]
 * console.log(toRows(gemm(A, B, { transA: true, alpha: 2 })));   // 2·AᵀB = [[52, 60], [76, 88]]
 * ```
 */
export function gemm(a: Matrix, b: Matrix, options: GemmOptions = {}): Matrix {
  checkMatrix("A", a);
  checkMatrix("B", b);
  checkOptions("gemm options", options, ["transA", "transB", "alpha", "beta", "C"]);
  const { transA = false, transB = false, alpha = 1, beta = 0, C } = options;
  checkBoolean("transA", transA);
  checkBoolean("transB", transB);
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const bk = transB ? b.cols : b.rows;
  const n = transB ? b.rows : b.cols;
  if (bk !== k) {
    const aDim = transA ? "rows" : "columns";
    const bDim = transB ? "columns" : "rows";
    throw new RangeError(`invalid B: expected ${k} ${bDim} to match A's ${k} ${aDim}, got ${bk}`);
  }
  checkProductC(C, beta, m, n);
  const { gemm, gemmWorkspaceSize } = kernels<GemmKernel>();
  return runtime().arena.scope((s) => {
    const workLength = gemmWorkspaceSize(m, n, k);
    s.reserve({ f64: [a.data.length, b.data.length, m * n, workLength] });
    const ab = s.f64From(a.data);
    const bb = s.f64From(b.data);
    const cb = C !== undefined && beta !== 0 ? s.f64From(C.data) : s.f64(m * n);
    const work = s.f64(workLength);
    gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, ab.ptr, a.cols, bb.ptr, b.cols, beta, cb.ptr, n, work.ptr);
    return { rows: m, cols: n, data: cb.toArray() };
  });
}

/** Checks the optional C of a product with an m×n result. */
export function checkProductC(c: Matrix | undefined, beta: number, m: number, n: number): void {
  if (c !== undefined) {
    checkMatrix("C", c);
    if (c.rows !== m || c.cols !== n) {
      throw new RangeError(`invalid C: expected a ${m}×${n} matrix, got a ${c.rows}×${c.cols} matrix`);
    }
  } else if (beta !== 0) {
    throw new RangeError(`invalid C: required when beta is nonzero (beta = ${beta})`);
  }
}
