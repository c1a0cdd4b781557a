// dot(x, y) = Σ xᵢ·yᵢ over the wasm `dot` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { copyLengths, inputAddress, operand } from "../../runtime/operands.js";
import { checkVector } from "../../validate.js";

interface DotKernel {
  dot(n: number, x: number, incx: number, y: number, incy: number): number;
}

/**
 * The inner product Σ xᵢ·yᵢ of two vectors of equal length. A vector that is a view of wasm
 * memory (a WasmBuffer's `view`) is read in place. NaN and ±Infinity propagate.
 */
export function dot(x: Float64Array, y: Float64Array): number {
  checkVector("x", x);
  checkVector("y", y, x.length);
  const { dot } = kernels<DotKernel>();
  const [ox, oy] = [operand(x), operand(y)];
  return runtime().arena.scope((s) => {
    s.reserve({ f64: copyLengths(ox, oy) });
    return dot(x.length, inputAddress(s, ox), 1, inputAddress(s, oy), 1);
  });
}
