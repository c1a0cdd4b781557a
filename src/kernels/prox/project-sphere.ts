// Projection onto the unit sphere: x/‖x‖.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkVector } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkVectorOut } from "./checks.js";
import { proxKernels } from "./kernels.js";
import type { ProxOptions } from "./soft-threshold.js";
import { proxOnCopy } from "./on-copy.js";

/**
 * Projects x onto the unit sphere: x/‖x‖.
 *
 * The norm is overflow- and underflow-safe (power-of-two scaling), so vectors with entries
 * near 1e308 or subnormal ones are normalized accurately; each entry is xᵢ/‖x‖ with about
 * n·2⁻⁵³ relative error, computed in the same order on every build (bit-identical results).
 * The zero vector (and the empty vector) has no projection: RangeError. A NaN or ±Infinity
 * entry makes every output entry NaN.
 *
 * @returns a new array, or `options.out` (which may be `x`).
 */
export function projectSphere(x: Float64Array, options?: ProxOptions): Float64Array {
  checkVector("x", x);
  const out = checkVectorOut(options, x.length);
  const k = proxKernels();
  return proxOnCopy(x, out, (p) => {
    if (k.projectSphere(p, p, x.length) === 0) throw zeroVector("x");
  });
}

/**
 * {@link projectSphere} on wasm buffers: out ← x/‖x‖; `out` may be `x`. The zero vector throws
 * (a RangeError) with `out` untouched.
 * @returns ‖x‖ (+Infinity if it overflows f64, though out is still the accurate direction;
 *   NaN or +Infinity for non-finite x, with out all NaN).
 */
export function projectSphereBuffer(out: WasmBuffer<"f64">, x: WasmBuffer<"f64">): number {
  checkBuffer("x", x, "f64");
  checkBuffer("out", out, "f64", x.length);
  const norm = proxKernels().projectSphere(out.ptr, x.ptr, x.length);
  if (norm === 0) throw zeroVector("x");
  return norm;
}

function zeroVector(name: string): RangeError {
  return new RangeError(`invalid ${name}: the zero vector has no projection onto the unit sphere`);
}
