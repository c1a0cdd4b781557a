// dot(x, y) = Σ xᵢ·yᵢ over the wasm `dot` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { checkVector } from "../../validate.js";

interface DotKernel {
  dot(n: number, x: number, incx: number, y: number, incy: number): number;
}

/** The inner product Σ xᵢ·yᵢ of two vectors of equal length. NaN and ±Infinity propagate. */
export function dot(x: Float64Array, y: Float64Array): number {
  checkVector("x", x);
  checkVector("y", y, x.length);
  const { dot } = kernels<DotKernel>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [x.length, y.length] });
    const xb = s.f64From(x);
    const yb = s.f64From(y);
    return dot(x.length, xb.ptr, 1, yb.ptr, 1);
  });
}
