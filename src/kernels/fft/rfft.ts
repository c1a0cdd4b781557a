// rfft(x): the n/2 + 1 non-redundant DFT bins of a real signal; irfft(bins, n): back.
import { kernels } from "../../runtime/init.js";
import { copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkInteger, checkOptions, checkVector, describe } from "../../validate.js";
import { checkLength, checkSignal } from "./check.js";
import { checkComplexOut, complexOut, splitResult, splitScratchLength } from "./complex-out.js";
import type { ComplexArrays } from "./fft.js";
import type { FftKernels } from "./kernels.js";
import { withFftPlans } from "./plans.js";

/** Options for {@link rfft}. */
export interface RfftOptions {
  /**
   * Write the ⌊n/2⌋ + 1 bins into these arrays (sharing no memory with each other) instead of new
   * ones, and return them. Arrays that are views of wasm memory are written in place.
   * @defaultValue undefined (new arrays)
   */
  out?: ComplexArrays;
}

/** Options for {@link irfft}. */
export interface IrfftOptions {
  /**
   * Write the n samples here instead of a new array, and return it.
   * @defaultValue undefined (a new Float64Array)
   */
  out?: Float64Array;
}

/**
 * The DFT X_k = Σ_j x_j·e^{−2πi·jk/n} of a real signal of any length n ≥ 1, for
 * k = 0 … ⌊n/2⌋ (the other bins are conj(X_{n−k})), as numpy.fft.rfft. Even n takes one
 * complex FFT of length n/2. The plan is cached (see `clearFftPlans`). x is copied into wasm
 * memory with one bulk copy (read in place when it is a view of wasm memory) and the bins are
 * split into re and im by a SIMD kernel. NaN and ±Infinity propagate.
 */
export function rfft(x: Float64Array, options?: RfftOptions): ComplexArrays {
  checkSignal("x", x);
  const n = x.length;
  checkLength("x", n);
  checkOptions("options", options, ["out"]);
  const bins = (n >> 1) + 1;
  const out = complexOut(checkComplexOut(options?.out, bins));
  const split = splitScratchLength(out, bins);
  const ox = operand(x);
  const k = kernels<FftKernels>();
  return withFftPlans([{ kind: "real", n }], [...copyLengths(ox), 2 * bins, split], ([plan], s) => {
    const px = inputAddress(s, ox);
    const pairs = s.f64Uninitialized(2 * bins);
    const scratch = s.f64Uninitialized(split);
    k.rfft(pairs.ptr, px, plan);
    return splitResult(pairs.ptr, bins, out, false, scratch.ptr);
  });
}

/**
 * The real signal of length n whose rfft is `spectrum` (⌊n/2⌋ + 1 bins), normalized by 1/n
 * as numpy.fft.irfft: x_j = (1/n)·Σ_{k<n} X_k·e^{+2πi·jk/n} with X_{n−k} = conj(X_k). The
 * imaginary parts of X_0 (and of X_{n/2} for even n) are ignored. The bins are interleaved in
 * wasm memory by a SIMD kernel. NaN and ±Infinity propagate.
 */
export function irfft(spectrum: ComplexArrays, n: number, options?: IrfftOptions): Float64Array {
  if (spectrum === null || typeof spectrum !== "object") {
    throw new TypeError(`invalid spectrum: expected { re, im } Float64Arrays, got ${describe(spectrum)}`);
  }
  checkInteger("n", n, 1);
  checkLength("n", n);
  const bins = (n >> 1) + 1;
  const re = checkVector("spectrum.re", spectrum.re, bins);
  const im = checkVector("spectrum.im", spectrum.im, bins);
  checkOptions("options", options, ["out"]);
  const out = options?.out === undefined ? undefined : checkVector("out", options.out, n);
  const k = kernels<FftKernels>();
  const [oRe, oIm, oo] = [operand(re), operand(im), operand(out)];
  const scratch = [...copyLengths(oRe, oIm), 2 * bins, resultScratchLength(oo, n, [])];
  return withFftPlans([{ kind: "real", n }], scratch, ([plan], s) => {
    const pRe = inputAddress(s, oRe);
    const pIm = inputAddress(s, oIm);
    const pairs = s.f64Uninitialized(2 * bins);
    k.interleaveComplex(pairs.ptr, pRe, pIm, bins);
    // The inputs are read before the kernel writes: `out` may be one of them.
    const target = resultTarget(s, oo, n, []);
    k.irfft(target.ptr, pairs.ptr, plan);
    return target.finish();
  });
}
