// gemv(A, x, options) = alpha·op(A)·x + beta·y over the wasm `gemv` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { checkBoolean, checkFinite, checkMatrix, checkOptions, checkVector } from "../../validate.js";
import type { Matrix } from "../../matrix.js";

interface GemvKernel {
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
   * The vector added (times beta), of length op(A).rows; required when beta ≠ 0. Not modified.
   * @defaultValue none (not read when beta = 0)
   */
  y?: Float64Array;
}

/**
 * The matrix-vector product alpha·op(A)·x + beta·y as a new vector, op(A) = A or Aᵀ. x has
 * op(A).cols entries; the result has op(A).rows. NaN and ±Infinity in A, x and y propagate (as
 * BLAS, alpha = 0 skips A and x).
 */
export function gemv(a: Matrix, x: Float64Array, options: GemvOptions = {}): Float64Array {
  checkMatrix("A", a);
  checkVector("x", x);
  checkOptions("gemv options", options, ["trans", "alpha", "beta", "y"]);
  const { trans = false, alpha = 1, beta = 0, y } = options;
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
  const { gemv } = kernels<GemvKernel>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [a.data.length, x.length, rows] });
    const ab = s.f64From(a.data);
    const xb = s.f64From(x);
    const yb = y !== undefined && beta !== 0 ? s.f64From(y) : s.f64(rows);
    gemv(trans ? 1 : 0, a.rows, a.cols, alpha, ab.ptr, a.cols, xb.ptr, 1, beta, yb.ptr, 1);
    return yb.toArray();
  });
}
