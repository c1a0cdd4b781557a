// syrk(A, options) = alpha·AᵀA + beta·C over the wasm `syrk` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { checkFinite, checkMatrix, checkOptions } from "../../validate.js";
import type { Matrix } from "../../matrix.js";
import { checkProductC } from "./gemm.js";

interface SyrkKernel {
  syrk(
    trans: number, n: number, k: number, alpha: number, a: number, lda: number,
    beta: number, c: number, ldc: number, work: number,
  ): void;
  syrkWorkspaceSize(n: number, k: number): number;
}

/** Options for {@link syrk}. */
export interface SyrkOptions {
  /**
   * Scale of AᵀA.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of C. With beta = 0, C is not read.
   * @defaultValue 0
   */
  beta?: number;
  /**
   * The symmetric A.cols × A.cols matrix added (times beta); required when beta ≠ 0. Only its
   * upper triangle is read (as BLAS uplo = "U"). Not modified.
   * @defaultValue none (not read when beta = 0)
   */
  C?: Matrix;
}

/**
 * The Gram matrix alpha·AᵀA + beta·C (A is k×n; the result is n×n) as a new, exactly
 * symmetric matrix: both triangles are filled. About half the work of the general product.
 * NaN and ±Infinity propagate.
 */
export function syrk(a: Matrix, options: SyrkOptions = {}): Matrix {
  checkMatrix("A", a);
  checkOptions("syrk options", options, ["alpha", "beta", "C"]);
  const { alpha = 1, beta = 0, C } = options;
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const n = a.cols;
  checkProductC(C, beta, n, n);
  const { syrk, syrkWorkspaceSize } = kernels<SyrkKernel>();
  return runtime().arena.scope((s) => {
    const workLength = syrkWorkspaceSize(n, a.rows);
    s.reserve({ f64: [a.data.length, n * n, workLength] });
    const ab = s.f64From(a.data);
    const cb = C !== undefined && beta !== 0 ? s.f64From(C.data) : s.f64(n * n);
    const work = s.f64(workLength);
    syrk(1, n, a.rows, alpha, ab.ptr, a.cols, beta, cb.ptr, n, work.ptr);
    return { rows: n, cols: n, data: cb.toArray() };
  });
}
