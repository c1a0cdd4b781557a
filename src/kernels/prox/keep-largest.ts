// Keeping the k entries largest in magnitude: the Euclidean projection onto k-sparse vectors.
import { runtime } from "../../runtime/init.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkInteger, checkVector } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkVectorOut } from "./checks.js";
import { proxKernels } from "./kernels.js";
import type { ProxOptions } from "./soft-threshold.js";
import { proxOnCopy } from "./on-copy.js";

/**
 * Keeps the k entries of x largest in magnitude and sets the others to +0 (a projection onto
 * the set of k-sparse vectors, as used by iterative hard thresholding and sparse coding).
 *
 * Ties at the k-th largest magnitude keep the lowest indices, so exactly min(k, n) entries are
 * kept (some may be zeros of x). k ≥ n keeps everything. x must not contain NaN (magnitudes
 * would have no order): a NaN entry is a RangeError naming its index. ±Infinity is allowed.
 * Expected O(n) time (quickselect).
 *
 * @param x the point.
 * @param k how many entries to keep, an integer ≥ 0.
 * @returns a new array, or `options.out` (which may be `x`).
 */
export function keepLargest(x: Float64Array, k: number, options?: ProxOptions): Float64Array {
  checkVector("x", x);
  checkInteger("k", k, 0);
  const out = checkVectorOut(options, x.length);
  checkNoNaN("x", x);
  const kernel = proxKernels();
  const n = x.length;
  const workLength = kernel.keepLargestWorkspaceSize(n);
  return proxOnCopy(
    x,
    out,
    (p, s) => kernel.keepLargest(p, p, n, Math.min(k, n), s.f64(workLength).ptr),
    [workLength],
  );
}

/**
 * {@link keepLargest} on wasm buffers: out ← x with all but the k largest magnitudes zeroed.
 * `out` may be `x`. Allocates (and frees) an n-entry workspace in the arena on each call.
 * @returns out
 */
export function keepLargestBuffer(out: WasmBuffer<"f64">, x: WasmBuffer<"f64">, k: number): WasmBuffer<"f64"> {
  checkBuffer("x", x, "f64");
  checkBuffer("out", out, "f64", x.length);
  checkInteger("k", k, 0);
  checkNoNaN("x", x.view);
  const kernel = proxKernels();
  const n = x.length;
  runtime().arena.scope((s) => {
    const ws = s.f64(kernel.keepLargestWorkspaceSize(n));
    kernel.keepLargest(out.ptr, x.ptr, n, Math.min(k, n), ws.ptr);
  });
  return out;
}

function checkNoNaN(name: string, x: Float64Array): void {
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i])) {
      throw new RangeError(`invalid ${name}: entry ${i} is NaN; keepLargest needs comparable magnitudes`);
    }
  }
}
