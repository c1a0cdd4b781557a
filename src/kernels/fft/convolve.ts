// circularConvolve(x, a) and circularCorrelate(y, a): 1-D circular convolution and its adjoint.
import { copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkChoice, checkOptions, checkVector } from "../../validate.js";
import { checkLength, checkSignal } from "./check.js";
import { convolution1d } from "./convolve-buffer.js";
import { withFftPlans } from "./plans.js";

/** Options for the circular convolutions and correlations, 1-D and 2-D. */
export interface CircularConvolveOptions {
  /**
   * `"direct"`: the O(n·na) sum (SIMD); `"fft"`: through real (1-D) or complex (2-D) FFTs,
   * O(n log n); `"auto"`: whichever a measured cost model predicts faster (direct for short
   * kernels, see bench/fft.mjs). All three agree up to rounding.
   * @defaultValue "auto"
   */
  method?: "auto" | "direct" | "fft";
}

/** Options of the copying 1-D circular convolution and correlation. */
export interface CircularConvolveOutOptions extends CircularConvolveOptions {
  /**
   * Write the result here (length n; it may be the signal) instead of a new array, and return it.
   * A view of wasm memory is written in place.
   * @defaultValue undefined (a new Float64Array)
   */
  out?: Float64Array;
}

const METHODS = ["auto", "direct", "fft"] as const;

/**
 * The circular convolution y = a ⊛ x, y_i = Σ_k a_k·x_{(i−k) mod n}, of a signal x of length
 * n ≥ 1 with a kernel a of length 1 … n (a shorter kernel is zero-padded: placed at the
 * origin). Returns a new array of length n. NaN and ±Infinity propagate (through the FFT path
 * a NaN anywhere makes every output NaN).
 */
export function circularConvolve(x: Float64Array, a: Float64Array, options?: CircularConvolveOutOptions): Float64Array {
  return run("x", x, a, options, 0);
}

/**
 * The circular correlation z_i = Σ_k a_k·y_{(i+k) mod n}, the adjoint of
 * {@link circularConvolve} in x: ⟨a ⊛ x, y⟩ = ⟨x, circularCorrelate(y, a)⟩. Same shapes,
 * options and NaN policy as `circularConvolve`.
 */
export function circularCorrelate(y: Float64Array, a: Float64Array, options?: CircularConvolveOutOptions): Float64Array {
  return run("y", y, a, options, 1);
}

function run(name: string, x: unknown, a: unknown, options: CircularConvolveOutOptions | undefined, correlate: number): Float64Array {
  const signal = checkSignal(name, x);
  const kernel = checkSignal("a", a);
  const n = signal.length;
  if (kernel.length > n) {
    throw new RangeError(`invalid a: kernel length ${kernel.length} exceeds the signal length ${n}`);
  }
  checkLength(name, n);
  checkOptions("options", options, ["method", "out"]);
  const method = options?.method === undefined ? "auto" : checkChoice("method", options.method, METHODS);
  const out = options?.out === undefined ? undefined : checkVector("out", options.out, n);
  const na = kernel.length;
  const c = convolution1d(n, na, method, correlate);
  const [ox, oa, oo] = [operand(signal), operand(kernel), operand(out)];
  const scratch = [...copyLengths(ox, oa), resultScratchLength(oo, n, [ox, oa]), c.workLength];
  return withFftPlans(c.plans, scratch, (plans, s) => {
    const px = inputAddress(s, ox);
    const pa = inputAddress(s, oa);
    const target = resultTarget(s, oo, n, [ox, oa]);
    c.run(target.ptr, px, pa, plans, s.f64(c.workLength).ptr);
    return target.finish();
  });
}
