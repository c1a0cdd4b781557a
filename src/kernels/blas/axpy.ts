// axpy(alpha, x, y) = alpha·x + y over the wasm `axpy` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { checkFinite, checkVector } from "../../validate.js";

interface AxpyKernel {
  axpy(n: number, alpha: number, x: number, incx: number, y: number, incy: number): void;
}

/**
 * alpha·x + y as a new vector (x and y are not modified). alpha must be finite; NaN and
 * ±Infinity in x or y propagate (except that alpha = 0 returns a copy of y, as BLAS).
 */
export function axpy(alpha: number, x: Float64Array, y: Float64Array): Float64Array {
  checkFinite("alpha", alpha);
  checkVector("x", x);
  checkVector("y", y, x.length);
  const { axpy } = kernels<AxpyKernel>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [x.length, y.length] });
    const xb = s.f64From(x);
    const yb = s.f64From(y);
    axpy(x.length, alpha, xb.ptr, 1, yb.ptr, 1);
    return yb.toArray();
  });
}
