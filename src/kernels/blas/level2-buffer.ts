// gemvBuffer, gerBuffer: the BLAS-2 calls on resident operands, in place, for solver loops.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkNoOverlap, checkResidentMatrix } from "../../runtime/check-resident.js";
import { kernels } from "../../runtime/init.js";
import type { ResidentMatrix } from "../../runtime/resident-matrix.js";
import { checkBoolean, checkFinite, checkOptions } from "../../validate.js";
import type { GemvKernel } from "./gemv.js";
import type { GerKernel } from "./ger.js";

/** Options for {@link gemvBuffer}. */
export interface GemvBufferOptions {
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
   * Scale of the old `out`. With beta = 0, `out` is not read.
   * @defaultValue 0
   */
  beta?: number;
}

/**
 * {@link gemv} on resident operands, as BLAS dgemv: out ← alpha·op(A)·x + beta·out, with A a
 * {@link ResidentMatrix} and x, out f64 buffers of the active runtime (x of op(A).cols entries,
 * out of op(A).rows; out must not share memory with A or x). No copies. NaN and ±Infinity
 * propagate.
 * @returns out
 */
export function gemvBuffer(out: WasmBuffer<"f64">, a: ResidentMatrix, x: WasmBuffer<"f64">, options?: GemvBufferOptions): WasmBuffer<"f64"> {
  checkResidentMatrix("A", a);
  checkOptions("gemvBuffer options", options, ["trans", "alpha", "beta"]);
  const { trans = false, alpha = 1, beta = 0 } = options ?? {};
  checkBoolean("trans", trans);
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  checkBuffer("x", x, "f64", trans ? a.rows : a.cols);
  checkBuffer("out", out, "f64", trans ? a.cols : a.rows);
  checkNoOverlap("out", out, "A", a.buffer);
  checkNoOverlap("out", out, "x", x);
  kernels<GemvKernel>().gemv(trans ? 1 : 0, a.rows, a.cols, alpha, a.buffer.ptr, a.cols, x.ptr, 1, beta, out.ptr, 1);
  return out;
}

/** Options for {@link gerBuffer}. */
export interface GerBufferOptions {
  /**
   * Scale of the rank-one term.
   * @defaultValue 1
   */
  alpha?: number;
}

/**
 * {@link ger} on resident operands, as BLAS dger: A ← A + alpha·x·yᵀ in place, A a
 * {@link ResidentMatrix}, x (A.rows entries) and y (A.cols) f64 buffers of the active runtime
 * that do not share memory with A. NaN and ±Infinity propagate.
 * @returns A
 */
export function gerBuffer(a: ResidentMatrix, x: WasmBuffer<"f64">, y: WasmBuffer<"f64">, options?: GerBufferOptions): ResidentMatrix {
  checkResidentMatrix("A", a);
  checkBuffer("x", x, "f64", a.rows);
  checkBuffer("y", y, "f64", a.cols);
  checkOptions("gerBuffer options", options, ["alpha"]);
  const alpha = checkFinite("alpha", options?.alpha ?? 1);
  checkNoOverlap("A", a.buffer, "x", x);
  checkNoOverlap("A", a.buffer, "y", y);
  kernels<GerKernel>().ger(a.rows, a.cols, alpha, x.ptr, 1, y.ptr, 1, a.buffer.ptr, a.cols);
  return a;
}
