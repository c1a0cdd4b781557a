// syrk(A, options) = alpha·AᵀA + beta·C over the wasm `syrk` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { copyInto, copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkFinite, checkMatrix, checkOptions } from "../../validate.js";
import type { Matrix } from "../../matrix.js";
import { checkProductC, checkShape } from "./gemm.js";

/** The wasm syrk kernel (assembly/blas/syrk.ts). */
export interface SyrkKernel {
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
   * upper triangle is read (as BLAS uplo = "U"). Not modified (unless it is also `out`).
   * @defaultValue none (not read when beta = 0)
   */
  C?: Matrix;
  /**
   * Write the result here (A.cols × A.cols) instead of a new matrix, and return it. It may be C.
   * A {@link ResidentMatrix} is written in place, with no copy out of wasm memory.
   * @defaultValue undefined (a new matrix)
   */
  out?: Matrix;
}

/**
 * The Gram matrix alpha·AᵀA + beta·C (A is k×n; the result is n×n) as a new, exactly
 * symmetric matrix: both triangles are filled. About half the work of the general product.
 * A resident A ({@link ResidentMatrix}) is read in place. NaN and ±Infinity propagate.
 */
export function syrk(a: Matrix, options: SyrkOptions = {}): Matrix {
  checkMatrix("A", a);
  checkOptions("syrk options", options, ["alpha", "beta", "C", "out"]);
  const { alpha = 1, beta = 0, C, out } = options;
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const n = a.cols;
  checkProductC(C, beta, n, n);
  if (out !== undefined) checkShape("out", out, n, n);
  const readC = C !== undefined && beta !== 0;
  const { syrk, syrkWorkspaceSize } = kernels<SyrkKernel>();
  const [oa, oc, oo] = [operand(a.data), operand(C?.data), operand(out?.data)];
  return runtime().arena.scope((s) => {
    const workLength = syrkWorkspaceSize(n, a.rows);
    s.reserve({ f64: [...copyLengths(oa), resultScratchLength(oo, n * n, [oa]), workLength] });
    const pa = inputAddress(s, oa);
    const target = resultTarget(s, oo, n * n, [oa]);
    if (readC) copyInto(target.ptr, oc!);
    const work = s.f64Uninitialized(workLength);
    syrk(1, n, a.rows, alpha, pa, a.cols, readC ? beta : 0, target.ptr, n, work.ptr);
    const data = target.finish();
    return out ?? { rows: n, cols: n, data };
  });
}
