// Projection onto the closed unit ball.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkVector } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkVectorOut } from "./checks.js";
import { proxKernels } from "./kernels.js";
import type { ProxOptions } from "./soft-threshold.js";
import { proxOnCopy } from "./on-copy.js";

/**
 * Projects x onto the closed unit ball: x itself if ‖x‖ ≤ 1 (copied exactly), else x/‖x‖
 * (as {@link projectSphere}, overflow-safe). The zero vector maps to itself. A NaN or ±Infinity
 * entry makes every output entry NaN.
 *
 * @returns a new array, or `options.out` (which may be `x`).
 */
export function projectBall(x: Float64Array, options?: ProxOptions): Float64Array {
  checkVector("x", x);
  const out = checkVectorOut(options, x.length);
  const k = proxKernels();
  return proxOnCopy(x, out, (p) => {
    k.projectBall(p, p, x.length);
  });
}

/**
 * {@link projectBall} on wasm buffers: out ← x/max(1, ‖x‖); `out` may be `x`.
 * @returns ‖x‖ (NaN or +Infinity for non-finite x).
 */
export function projectBallBuffer(out: WasmBuffer<"f64">, x: WasmBuffer<"f64">): number {
  checkBuffer("x", x, "f64");
  checkBuffer("out", out, "f64", x.length);
  return proxKernels().projectBall(out.ptr, x.ptr, x.length);
}
