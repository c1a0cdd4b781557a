// gemv(A, x, options) = alpha·op(A)·x + beta·y over the wasm `gemv` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { copyInto, copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkBoolean, checkFinite, checkMatrix, checkOptions, checkVector } from "../../validate.js";
import type { Matrix } from "../../matrix.js";

/** The wasm gemv kernel (assembly/blas/gemv.ts). */
export interface GemvKernel {
  gemv(
    trans: number, m: number, n: number, alpha: number, a: number, lda: number,
    x: number, incx: number, beta: number, y: number, incy: number,
  ): void;
}

/** Options for {@link gemv}. */
export interface GemvOptions {
  /**
   * Multiply by Aᵀ instead of A.
   * @defaultValue false
   */
  trans?: boolean;
  /**
   * Scale of the product.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of y. With beta = 0, y is not read (NaN in y does not propagate).
   * @defaultValue 0
   */
  beta?: number;
  /**
   * The vector added (times beta), of length op(A).rows; required when beta ≠ 0. Not modified
   * (unless it is also `out`).
   * @defaultValue none (not read when beta = 0)
   */
  y?: Float64Array;
  /**
   * Write the result here (length op(A).rows) instead of a new array, and return it; it may be y.
   * @defaultValue undefined (a new Float64Array)
   */
  out?: Float64Array;
}

/**
 * The matrix-vector product alpha·op(A)·x + beta·y as a new vector, op(A) = A or Aᵀ. x has
 * op(A).cols entries; the result has op(A).rows. A resident A ({@link ResidentMatrix}) is read in
 * place. NaN and ±Infinity in A, x and y propagate (as BLAS, alpha = 0 skips A and x).
 */
export function gemv(a: Matrix, x: Float64Array, options: GemvOptions = {}): Float64Array {
  checkMatrix("A", a);
  checkVector("x", x);
  checkOptions("gemv options", options, ["trans", "alpha", "beta", "y", "out"]);
  const { trans = false, alpha = 1, beta = 0, y, out } = options;
  checkBoolean("trans", trans);
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const rows = trans ? a.cols : a.rows;
  const cols = trans ? a.rows : a.cols;
  const aDim = trans ? "rows" : "columns";
  if (x.length !== cols) {
    throw new RangeError(`invalid x: expected length ${cols} to match A's ${cols} ${aDim}, got length ${x.length}`);
  }
  if (y !== undefined) {
    checkVector("y", y);
    if (y.length !== rows) {
      const yDim = trans ? "columns" : "rows";
      throw new RangeError(`invalid y: expected length ${rows} to match A's ${rows} ${yDim}, got length ${y.length}`);
    }
  } else if (beta !== 0) {
    throw new RangeError(`invalid y: required when beta is nonzero (beta = ${beta})`);
  }
  if (out !== undefined) checkVector("out", out, rows);
  const readY = y !== undefined && beta !== 0;
  const { gemv } = kernels<GemvKernel>();
  const [oa, ox, oy, oo] = [operand(a.data), operand(x), operand(y), operand(out)];
  return runtime().arena.scope((s) => {
    const inputs = [oa, ox];
    s.reserve({ f64: [...copyLengths(oa, ox), resultScratchLength(oo, rows, inputs)] });
    const pa = inputAddress(s, oa);
    const px = inputAddress(s, ox);
    const target = resultTarget(s, oo, rows, inputs);
    if (readY) copyInto(target.ptr, oy!);
    gemv(trans ? 1 : 0, a.rows, a.cols, alpha, pa, a.cols, px, 1, readY ? beta : 0, target.ptr, 1);
    return target.finish();
  });
}
