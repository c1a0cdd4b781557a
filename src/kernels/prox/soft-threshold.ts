// Soft-thresholding, the proximal operator of t‖·‖₁ (and of the weighted ℓ1 norm Σ tᵢ|xᵢ|).
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkVector, describe } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkThreshold, checkThresholdArray, checkVectorOut, invalidThresholdEntry } from "./checks.js";
import { proxKernels } from "./kernels.js";
import { proxOnCopy } from "./on-copy.js";

/** Options of the copying prox wrappers. */
export interface ProxOptions {
  /**
   * Write the result here instead of a new array (same length as `x`; may be `x` itself for
   * an in-place update, since the input is copied into wasm memory first).
   * @defaultValue undefined (a new Float64Array)
   */
  out?: Float64Array;
}

/**
 * Soft-thresholding: outᵢ = sign(xᵢ)·max(|xᵢ| − tᵢ, 0), the minimizer of
 * ½‖z − x‖² + Σ tᵢ|zᵢ| (the proximal operator of the ℓ1 norm, or of the weighted ℓ1 norm when
 * `t` is an array).
 *
 * @param x the point.
 * @param t a threshold ≥ 0 (finite), or a Float64Array of per-entry thresholds of x's length.
 * @returns a new array, or `options.out`.
 *
 * Entries with |xᵢ| ≤ tᵢ (ties included) become +0 (never −0). NaN entries of x stay NaN;
 * ±Infinity stays ±Infinity. The result is exact (one subtraction per entry) and identical on
 * every build.
 */
export function softThreshold(x: Float64Array, t: number | Float64Array, options?: ProxOptions): Float64Array {
  checkVector("x", x);
  const weighted = t instanceof Float64Array;
  if (weighted) checkThresholdArray("t", t, x.length);
  else if (typeof t === "number") checkThreshold("t", t);
  else throw new TypeError(`invalid t: expected a finite number ≥ 0 or a Float64Array, got ${describe(t)}`);
  const out = checkVectorOut(options, x.length);
  const k = proxKernels();
  return proxOnCopy(
    x,
    out,
    (p, s) => {
      if (weighted) k.softThresholdWeighted(p, p, s.f64From(t).ptr, x.length);
      else k.softThreshold(p, p, t, x.length);
    },
    weighted ? [x.length] : [],
  );
}

/**
 * Soft-thresholding on wasm buffers, for solver loops: out ← sign(x)·max(|x| − t, 0) with no
 * copy in or out of wasm memory. `out` may be `x` (in place). `t` is a number ≥ 0 or a buffer of
 * per-entry thresholds (checked in wasm before any write: finite and ≥ 0). All buffers must be
 * live f64 buffers of the active runtime with x's length. Same NaN/zero rules as
 * {@link softThreshold}.
 * @returns out
 */
export function softThresholdBuffer(
  out: WasmBuffer<"f64">,
  x: WasmBuffer<"f64">,
  t: number | WasmBuffer<"f64">,
): WasmBuffer<"f64"> {
  checkBuffer("x", x, "f64");
  checkBuffer("out", out, "f64", x.length);
  const k = proxKernels();
  if (typeof t === "number") {
    checkThreshold("t", t);
    k.softThreshold(out.ptr, x.ptr, t, x.length);
    return out;
  }
  if (typeof t !== "object" || t === null) {
    throw new TypeError(`invalid t: expected a finite number ≥ 0 or a WasmBuffer<"f64">, got ${describe(t)}`);
  }
  checkBuffer("t", t, "f64", x.length);
  const bad = k.firstInvalidThreshold(t.ptr, t.length);
  if (bad >= 0) throw invalidThresholdEntry("t", bad, t.view[bad]);
  k.softThresholdWeighted(out.ptr, x.ptr, t.ptr, x.length);
  return out;
}
