// rfft(x): the n/2 + 1 non-redundant DFT bins of a real signal; irfft(bins, n): back.
import { kernels } from "../../runtime/init.js";
import { checkInteger, checkVector, describe } from "../../validate.js";
import { checkLength, checkSignal } from "./check.js";
import type { ComplexArrays } from "./fft.js";
import type { FftKernels } from "./kernels.js";
import { withFftPlans } from "./plans.js";

/**
 * The DFT X_k = Σ_j x_j·e^{−2πi·jk/n} of a real signal of any length n ≥ 1, for
 * k = 0 … ⌊n/2⌋ (the other bins are conj(X_{n−k})), as numpy.fft.rfft. Even n takes one
 * complex FFT of length n/2. The plan is cached (see `clearFftPlans`). NaN and ±Infinity
 * propagate.
 */
export function rfft(x: Float64Array): ComplexArrays {
  checkSignal("x", x);
  const n = x.length;
  checkLength("x", n);
  const bins = (n >> 1) + 1;
  const k = kernels<FftKernels>();
  return withFftPlans([{ kind: "real", n }], [n, 2 * bins], ([plan], s) => {
    const xb = s.f64From(x);
    const out = s.f64(2 * bins);
    k.rfft(out.ptr, xb.ptr, plan);
    const w = out.view;
    const re = new Float64Array(bins);
    const im = new Float64Array(bins);
    for (let j = 0; j < bins; j++) {
      re[j] = w[2 * j];
      im[j] = w[2 * j + 1];
    }
    return { re, im };
  });
}

/**
 * The real signal of length n whose rfft is `spectrum` (⌊n/2⌋ + 1 bins), normalized by 1/n
 * as numpy.fft.irfft: x_j = (1/n)·Σ_{k<n} X_k·e^{+2πi·jk/n} with X_{n−k} = conj(X_k). The
 * imaginary parts of X_0 (and of X_{n/2} for even n) are ignored. NaN and ±Infinity propagate.
 */
export function irfft(spectrum: ComplexArrays, n: number): Float64Array {
  if (spectrum === null || typeof spectrum !== "object") {
    throw new TypeError(`invalid spectrum: expected { re, im } Float64Arrays, got ${describe(spectrum)}`);
  }
  checkInteger("n", n, 1);
  checkLength("n", n);
  const bins = (n >> 1) + 1;
  const re = checkVector("spectrum.re", spectrum.re, bins);
  const im = checkVector("spectrum.im", spectrum.im, bins);
  const k = kernels<FftKernels>();
  return withFftPlans([{ kind: "real", n }], [2 * bins, n], ([plan], s) => {
    const inp = s.f64(2 * bins);
    const v = inp.view;
    for (let j = 0; j < bins; j++) {
      v[2 * j] = re[j];
      v[2 * j + 1] = im[j];
    }
    const out = s.f64(n);
    k.irfft(out.ptr, inp.ptr, plan);
    return out.toArray();
  });
}
