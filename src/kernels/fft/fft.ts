// fft(re, im) / fft(re, im, { inverse: true }): the complex DFT of any length n ≥ 1.
import { kernels } from "../../runtime/init.js";
import { copyLengths, inputAddress, operand } from "../../runtime/operands.js";
import { checkBoolean, checkOptions } from "../../validate.js";
import { checkLength, checkSignal } from "./check.js";
import { checkComplexOut, complexOut, splitResult } from "./complex-out.js";
import type { FftKernels } from "./kernels.js";
import { withFftPlans } from "./plans.js";

/** A complex vector as two arrays of equal length. */
export interface ComplexArrays {
  re: Float64Array;
  im: Float64Array;
}

/** Options for {@link fft}. */
export interface FftOptions {
  /**
   * Compute the inverse transform x_j = (1/n)·Σ_k X_k·e^{+2πi·jk/n} (normalized by 1/n, as
   * numpy.fft.ifft) instead of the forward X_k = Σ_j x_j·e^{−2πi·jk/n}.
   * @defaultValue false
   */
  inverse?: boolean;
  /**
   * Write the result into these arrays (length n each, sharing no memory with each other; they
   * may be the inputs) instead of new ones, and return them. Arrays that are views of wasm memory
   * are written in place.
   * @defaultValue undefined (new arrays)
   */
  out?: ComplexArrays;
}

/**
 * The discrete Fourier transform of the complex vector re + i·im, for any length n ≥ 1:
 * forward X_k = Σ_j x_j·e^{−2πi·jk/n}; with `inverse`, x_j = (1/n)·Σ_k X_k·e^{+2πi·jk/n}.
 * A mixed-radix Stockham FFT (radix 4, 2, 3, 5, odd primes ≤ 61 by a symmetric butterfly) with
 * Rader's algorithm for larger prime factors, or Bluestein's chirp-z algorithm, whichever the
 * plan's cost model predicts cheaper (all O(n log n); per n·log2 n, a prime like 65537 whose
 * p − 1 is smooth costs ≈ 3× a power of two, Bluestein lengths ≈ 4–6×). The plan for n is
 * cached (see `clearFftPlans`). The arrays are copied into wasm memory with one bulk copy each
 * and interleaved there by a SIMD kernel (arrays that are views of wasm memory are read in
 * place); the result is split the same way. Returns new arrays, or `out`.
 * NaN and ±Infinity propagate (a single NaN input makes every output NaN).
 *
 * @example
 * ```js
 * import { init, fft } from "benign";
 * await init();
 * const { re, im } = fft(new Float64Array([1, 2, 3]), new Float64Array(3));  // any length, here 3
 * console.log(re, im);                       // [6, −1.5, −1.5] [0, 0.866…, −0.866…]
 * console.log(fft(re, im, { inverse: true }).re); // ≈ [1, 2, 3]
 * ```
 */
export function fft(re: Float64Array, im: Float64Array, options?: FftOptions): ComplexArrays {
  checkSignal("re", re);
  checkSignal("im", im, re.length);
  checkOptions("options", options, ["inverse", "out"]);
  const inverse = options?.inverse === undefined ? false : checkBoolean("inverse", options.inverse);
  const n = re.length;
  checkLength("re", n);
  const out = complexOut(checkComplexOut(options?.out, n));
  const [oRe, oIm] = [operand(re), operand(im)];
  const k = kernels<FftKernels>();
  return withFftPlans([{ kind: "complex", n }], [...copyLengths(oRe, oIm), 2 * n, 2 * n], ([plan], s) => {
    const pRe = inputAddress(s, oRe);
    const pIm = inputAddress(s, oIm);
    const pairs = s.f64Uninitialized(2 * n);
    const spectrum = s.f64Uninitialized(2 * n);
    k.interleaveComplex(pairs.ptr, pRe, pIm, n);
    // Out of place (no copy pass for an odd number of stages); the inverse is the forward
    // transform read backwards and scaled, x_j = X_{(n−j) mod n}/n, folded into the split.
    k.fft(spectrum.ptr, pairs.ptr, plan, 0);
    return splitResult(spectrum.ptr, n, out, inverse, pairs.ptr); // the input pairs are free now
  });
}
