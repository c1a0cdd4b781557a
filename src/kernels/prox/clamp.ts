// Clamping, the projection onto the box [lo, hi]ⁿ.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkVector } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkBound, checkVectorOut } from "./checks.js";
import { proxKernels } from "./kernels.js";
import type { ProxOptions } from "./soft-threshold.js";
import { proxOnCopy } from "./on-copy.js";

/**
 * Clamps every entry to [lo, hi]: outᵢ = xᵢ < lo ? lo : xᵢ > hi ? hi : xᵢ, the projection onto
 * the box. lo and hi may be infinite (`clamp(x, 0, Infinity)` projects onto the nonnegative
 * orthant) but not NaN, and lo ≤ hi. NaN entries stay NaN. Entries inside the box are returned
 * as they are, so a −0 entry stays −0 even with lo = 0 (unlike Math.max(−0, 0) = +0). Exact and
 * identical on every build.
 *
 * @returns a new array, or `options.out` (which may be `x`).
 */
export function clamp(x: Float64Array, lo: number, hi: number, options?: ProxOptions): Float64Array {
  checkVector("x", x);
  checkBounds(lo, hi);
  const out = checkVectorOut(options, x.length);
  const k = proxKernels();
  return proxOnCopy(x, out, (p) => {
    k.clamp(p, p, lo, hi, x.length);
  });
}

/**
 * {@link clamp} on wasm buffers, for solver loops: out ← min(max(x, lo), hi). `out` may be `x`.
 * @returns out
 */
export function clampBuffer(out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, lo: number, hi: number): WasmBuffer<"f64"> {
  checkBuffer("x", x, "f64");
  checkBuffer("out", out, "f64", x.length);
  checkBounds(lo, hi);
  proxKernels().clamp(out.ptr, x.ptr, lo, hi, x.length);
  return out;
}

function checkBounds(lo: number, hi: number): void {
  checkBound("lo", lo);
  checkBound("hi", hi);
  if (lo > hi) throw new RangeError(`invalid hi: expected a number ≥ lo = ${lo}, got ${hi}`);
}
