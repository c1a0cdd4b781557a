// fft(re, im) / fft(re, im, { inverse: true }): the complex DFT of any length n ≥ 1.
import { kernels } from "../../runtime/init.js";
import { checkBoolean, checkOptions } from "../../validate.js";
import { checkLength, checkSignal } from "./check.js";
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
}

/**
 * The discrete Fourier transform of the complex vector re + i·im, for any length n ≥ 1:
 * forward X_k = Σ_j x_j·e^{−2πi·jk/n}; with `inverse`, x_j = (1/n)·Σ_k X_k·e^{+2πi·jk/n}.
 * A mixed-radix Stockham FFT (radix 4, 2, 3, 5, odd primes ≤ 61 by a symmetric butterfly) with
 * Rader's algorithm for larger prime factors, or Bluestein's chirp-z algorithm, whichever the
 * plan's cost model predicts cheaper (all O(n log n); per n·log2 n, a prime like 65537 whose
 * p − 1 is smooth costs ≈ 3× a power of two, Bluestein lengths ≈ 5–7×). The plan for n is
 * cached (see `clearFftPlans`). Returns new arrays.
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
  checkOptions("options", options, ["inverse"]);
  const inverse = options?.inverse === undefined ? false : checkBoolean("inverse", options.inverse);
  const n = re.length;
  checkLength("re", n);
  const k = kernels<FftKernels>();
  return withFftPlans([{ kind: "complex", n }], [2 * n], ([plan], s) => {
    const buf = s.f64(2 * n);
    const v = buf.view;
    for (let j = 0; j < n; j++) {
      v[2 * j] = re[j];
      v[2 * j + 1] = im[j];
    }
    k.fft(buf.ptr, buf.ptr, plan, inverse ? 1 : 0);
    const w = buf.view;
    const outRe = new Float64Array(n);
    const outIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      outRe[j] = w[2 * j];
      outIm[j] = w[2 * j + 1];
    }
    return { re: outRe, im: outIm };
  });
}

