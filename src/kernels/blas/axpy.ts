// axpy(alpha, x, y) = alpha·x + y over the wasm `axpy` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { copyInto, copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkFinite, checkOptions, checkVector } from "../../validate.js";

interface AxpyKernel {
  axpy(n: number, alpha: number, x: number, incx: number, y: number, incy: number): void;
}

/** Options of the BLAS-1 calls that return a vector. */
export interface VectorOutOptions {
  /**
   * Write the result here (the inputs' length) instead of a new array, and return it; it may be
   * an input (an in-place update).
   * @defaultValue undefined (a new Float64Array)
   */
  out?: Float64Array;
}

/**
 * alpha·x + y as a new vector (or in `out`; x and y are not modified unless one is `out`).
 * alpha must be finite; NaN and ±Infinity in x or y propagate (except that alpha = 0 returns a
 * copy of y, as BLAS).
 */
export function axpy(alpha: number, x: Float64Array, y: Float64Array, options?: VectorOutOptions): Float64Array {
  checkFinite("alpha", alpha);
  checkVector("x", x);
  checkVector("y", y, x.length);
  const out = checkOut(options, x.length);
  const { axpy } = kernels<AxpyKernel>();
  const [ox, oy, oo] = [operand(x), operand(y), operand(out)];
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [...copyLengths(ox), resultScratchLength(oo, x.length, [ox])] });
    const px = inputAddress(s, ox);
    const target = resultTarget(s, oo, x.length, [ox]);
    copyInto(target.ptr, oy);
    axpy(x.length, alpha, px, 1, target.ptr, 1);
    return target.finish();
  });
}

/** Checks `{ out }` of a vector call: an options object whose `out`, if given, has `length` entries. */
export function checkOut(options: VectorOutOptions | undefined, length: number): Float64Array | undefined {
  checkOptions("options", options, ["out"]);
  const out = options?.out;
  return out === undefined ? undefined : checkVector("out", out, length);
}
