// ger(A, x, y, options) = A + alpha·x·yᵀ over the wasm `ger` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { copyInto, copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkFinite, checkMatrix, checkOptions, checkVector } from "../../validate.js";
import type { Matrix } from "../../matrix.js";
import { checkShape } from "./gemm.js";

/** The wasm ger kernel (assembly/blas/ger.ts). */
export interface GerKernel {
  ger(m: number, n: number, alpha: number, x: number, incx: number, y: number, incy: number, a: number, lda: number): void;
}

/** Options for {@link ger}. */
export interface GerOptions {
  /**
   * Scale of the rank-one term.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Write the result here (A's shape) instead of a new matrix, and return it; it may be A (an
   * in-place update). A {@link ResidentMatrix} is written in place, with no copy out of wasm memory.
   * @defaultValue undefined (a new matrix)
   */
  out?: Matrix;
}

/**
 * The rank-one update A + alpha·x·yᵀ as a new matrix (A is not modified unless it is `out`). x
 * has A.rows entries, y has A.cols. NaN and ±Infinity propagate (as BLAS, alpha = 0 returns a
 * copy of A).
 */
export function ger(a: Matrix, x: Float64Array, y: Float64Array, options: GerOptions = {}): Matrix {
  checkMatrix("A", a);
  checkVector("x", x);
  checkVector("y", y);
  checkOptions("ger options", options, ["alpha", "out"]);
  const { alpha = 1, out } = options;
  checkFinite("alpha", alpha);
  if (x.length !== a.rows) {
    throw new RangeError(`invalid x: expected length ${a.rows} to match A's ${a.rows} rows, got length ${x.length}`);
  }
  if (y.length !== a.cols) {
    throw new RangeError(`invalid y: expected length ${a.cols} to match A's ${a.cols} columns, got length ${y.length}`);
  }
  if (out !== undefined) checkShape("out", out, a.rows, a.cols);
  const { ger } = kernels<GerKernel>();
  const [oa, ox, oy, oo] = [operand(a.data), operand(x), operand(y), operand(out?.data)];
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [...copyLengths(ox, oy), resultScratchLength(oo, oa.length, [ox, oy])] });
    const px = inputAddress(s, ox);
    const py = inputAddress(s, oy);
    const target = resultTarget(s, oo, oa.length, [ox, oy]);
    copyInto(target.ptr, oa);
    ger(a.rows, a.cols, alpha, px, 1, py, 1, target.ptr, a.cols);
    const data = target.finish();
    return out ?? { rows: a.rows, cols: a.cols, data };
  });
}
