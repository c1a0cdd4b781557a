// nrm2(x) = ‖x‖₂ over the wasm `nrm2` kernel (Blue's scaled sum of squares).
import { kernels, runtime } from "../../runtime/init.js";
import { inputAddress, operand } from "../../runtime/operands.js";
import { checkVector } from "../../validate.js";

interface Nrm2Kernel {
  nrm2(n: number, x: number, incx: number): number;
}

/**
 * The Euclidean norm sqrt(Σ xᵢ²), free of overflow and underflow for any finite entries
 * (e.g. entries near 1e±300), as LAPACK's dnrm2. 0 for an empty vector; NaN if any entry is
 * NaN, else Infinity if any entry is ±Infinity.
 */
export function nrm2(x: Float64Array): number {
  checkVector("x", x);
  const { nrm2 } = kernels<Nrm2Kernel>();
  return runtime().arena.scope((s) => nrm2(x.length, inputAddress(s, operand(x)), 1));
}
