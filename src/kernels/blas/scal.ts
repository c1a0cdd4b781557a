// scal(alpha, x) = alpha·x over the wasm `scal` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { copyInto, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkFinite, checkVector } from "../../validate.js";
import { checkOut, type VectorOutOptions } from "./axpy.js";

interface ScalKernel {
  scal(n: number, alpha: number, x: number, incx: number): void;
}

/**
 * alpha·x as a new vector (or in `out`; x is not modified unless it is `out`). alpha must be
 * finite; NaN and ±Infinity in x propagate.
 */
export function scal(alpha: number, x: Float64Array, options?: VectorOutOptions): Float64Array {
  checkFinite("alpha", alpha);
  checkVector("x", x);
  const out = checkOut(options, x.length);
  const { scal } = kernels<ScalKernel>();
  const [ox, oo] = [operand(x), operand(out)];
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [resultScratchLength(oo, x.length, [])] });
    const target = resultTarget(s, oo, x.length, []);
    copyInto(target.ptr, ox);
    scal(x.length, alpha, target.ptr, 1);
    return target.finish();
  });
}
