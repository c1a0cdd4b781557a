// ger(A, x, y, options) = A + alpha·x·yᵀ over the wasm `ger` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { checkFinite, checkMatrix, checkOptions, checkVector } from "../../validate.js";
import type { Matrix } from "../../matrix.js";

interface GerKernel {
  ger(m: number, n: number, alpha: number, x: number, incx: number, y: number, incy: number, a: number, lda: number): void;
}

/** Options for {@link ger}. */
export interface GerOptions {
  /**
   * Scale of the rank-one term.
   * @defaultValue 1
   */
  alpha?: number;
}

/**
 * The rank-one update A + alpha·x·yᵀ as a new matrix (A is not modified). x has A.rows
 * entries, y has A.cols. NaN and ±Infinity propagate (as BLAS, alpha = 0 returns a copy of A).
 */
export function ger(a: Matrix, x: Float64Array, y: Float64Array, options: GerOptions = {}): Matrix {
  checkMatrix("A", a);
  checkVector("x", x);
  checkVector("y", y);
  checkOptions("ger options", options, ["alpha"]);
  const { alpha = 1 } = options;
  checkFinite("alpha", alpha);
  if (x.length !== a.rows) {
    throw new RangeError(`invalid x: expected length ${a.rows} to match A's ${a.rows} rows, got length ${x.length}`);
  }
  if (y.length !== a.cols) {
    throw new RangeError(`invalid y: expected length ${a.cols} to match A's ${a.cols} columns, got length ${y.length}`);
  }
  const { ger } = kernels<GerKernel>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [a.data.length, x.length, y.length] });
    const ab = s.f64From(a.data);
    const xb = s.f64From(x);
    const yb = s.f64From(y);
    ger(a.rows, a.cols, alpha, xb.ptr, 1, yb.ptr, 1, ab.ptr, a.cols);
    return { rows: a.rows, cols: a.cols, data: ab.toArray() };
  });
}
