// Hard-thresholding, the proximal operator of the ℓ0 penalty (t²/2)·‖·‖₀.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkVector } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkThreshold, checkVectorOut } from "./checks.js";
import { proxKernels } from "./kernels.js";
import type { ProxOptions } from "./soft-threshold.js";
import { proxOnCopy } from "./on-copy.js";

/**
 * Hard-thresholding: outᵢ = xᵢ if |xᵢ| > t, else 0.
 *
 * Tie rule: an entry with |xᵢ| = t exactly is set to 0 (the comparison is strict), so t = 0
 * keeps every nonzero entry. Zeros of the output are +0. NaN entries stay NaN (they are not
 * "≤ t"); ±Infinity is kept. Exact and identical on every build.
 *
 * @param x the point.
 * @param t a threshold ≥ 0 (finite).
 * @returns a new array, or `options.out` (which may be `x`).
 */
export function hardThreshold(x: Float64Array, t: number, options?: ProxOptions): Float64Array {
  checkVector("x", x);
  checkThreshold("t", t);
  const out = checkVectorOut(options, x.length);
  const k = proxKernels();
  return proxOnCopy(x, out, (p) => {
    k.hardThreshold(p, p, t, x.length);
  });
}

/**
 * Hard-thresholding on wasm buffers, for solver loops: out ← x where |x| > t, else 0 (ties give
 * 0). `out` may be `x`. Both must be live f64 buffers of the active runtime, of equal length.
 * @returns out
 */
export function hardThresholdBuffer(out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, t: number): WasmBuffer<"f64"> {
  checkBuffer("x", x, "f64");
  checkBuffer("out", out, "f64", x.length);
  checkThreshold("t", t);
  proxKernels().hardThreshold(out.ptr, x.ptr, t, x.length);
  return out;
}
