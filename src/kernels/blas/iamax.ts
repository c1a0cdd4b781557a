// iamax(x): index of the entry of largest magnitude, over the wasm `iamax` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { inputAddress, operand } from "../../runtime/operands.js";
import { checkVector } from "../../validate.js";

interface IamaxKernel {
  iamax(n: number, x: number, incx: number): number;
}

/**
 * The first index i (0-based) with |xᵢ| = maxⱼ |xⱼ|, or -1 for an empty vector. NaN entries
 * follow reference BLAS idamax: they are never selected, unless x[0] is NaN (then 0).
 */
export function iamax(x: Float64Array): number {
  checkVector("x", x);
  const { iamax } = kernels<IamaxKernel>();
  return runtime().arena.scope((s) => iamax(x.length, inputAddress(s, operand(x)), 1));
}
