// scal(alpha, x) = alpha·x over the wasm `scal` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { checkFinite, checkVector } from "../../validate.js";

interface ScalKernel {
  scal(n: number, alpha: number, x: number, incx: number): void;
}

/** alpha·x as a new vector (x is not modified). alpha must be finite; NaN and ±Infinity in x propagate. */
export function scal(alpha: number, x: Float64Array): Float64Array {
  checkFinite("alpha", alpha);
  checkVector("x", x);
  const { scal } = kernels<ScalKernel>();
  return runtime().arena.scope((s) => {
    const xb = s.f64From(x);
    scal(x.length, alpha, xb.ptr, 1);
    return xb.toArray();
  });
}
