// asum(x) = Σ |xᵢ| over the wasm `asum` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { inputAddress, operand } from "../../runtime/operands.js";
import { checkVector } from "../../validate.js";

interface AsumKernel {
  asum(n: number, x: number, incx: number): number;
}

/** The 1-norm Σ |xᵢ| (0 for an empty vector). NaN and ±Infinity propagate. */
export function asum(x: Float64Array): number {
  checkVector("x", x);
  const { asum } = kernels<AsumKernel>();
  return runtime().arena.scope((s) => asum(x.length, inputAddress(s, operand(x)), 1));
}
