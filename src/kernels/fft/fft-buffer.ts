// fftBuffer, rfftBuffer, irfftBuffer: the 1-D transforms on wasm buffers, for solver loops.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { kernels } from "../../runtime/init.js";
import { checkBoolean, checkOptions } from "../../validate.js";
import { checkDistinct, checkSignalBuffer } from "./buffer-checks.js";
import { checkLength } from "./check.js";
import type { FftOptions } from "./fft.js";
import type { FftKernels } from "./kernels.js";
import { withFftPlans } from "./plans.js";

/**
 * The complex DFT of {@link fft} on wasm buffers: `inp` and `out` hold n complex numbers as 2n
 * interleaved f64 (re, im); `out` may be `inp` (in place). The plan is cached per length (see
 * `clearFftPlans`). NaN and ±Infinity propagate.
 * @returns out
 */
export function fftBuffer(out: WasmBuffer<"f64">, inp: WasmBuffer<"f64">, options?: Pick<FftOptions, "inverse">): WasmBuffer<"f64"> {
  const length = checkSignalBuffer("inp", inp);
  if (length % 2 !== 0) {
    throw new RangeError(`invalid inp: expected an even length (n interleaved complex numbers), got length ${length}`);
  }
  checkBuffer("out", out, "f64", length);
  checkOptions("options", options, ["inverse"]);
  const inverse = options?.inverse === undefined ? false : checkBoolean("inverse", options.inverse);
  const n = length / 2;
  checkLength("inp", n);
  withFftPlans([{ kind: "complex", n }], [], ([plan]) => kernels<FftKernels>().fft(out.ptr, inp.ptr, plan, inverse ? 1 : 0));
  return out;
}

/**
 * The real DFT of {@link rfft} on wasm buffers: `x` holds n reals, `out` the ⌊n/2⌋ + 1 bins as
 * 2·(⌊n/2⌋ + 1) interleaved f64; `out` must be another buffer. NaN and ±Infinity propagate.
 * @returns out
 */
export function rfftBuffer(out: WasmBuffer<"f64">, x: WasmBuffer<"f64">): WasmBuffer<"f64"> {
  const n = checkSignalBuffer("x", x);
  checkLength("x", n);
  checkBuffer("out", out, "f64", 2 * ((n >> 1) + 1));
  checkDistinct(out, x, "x");
  withFftPlans([{ kind: "real", n }], [], ([plan]) => kernels<FftKernels>().rfft(out.ptr, x.ptr, plan));
  return out;
}

/**
 * The inverse real DFT of {@link irfft} on wasm buffers: `spectrum` holds the ⌊n/2⌋ + 1 bins
 * (interleaved, not modified), `out` receives the n reals, normalized by 1/n; n is `out`'s
 * length. The imaginary parts of bin 0 (and of bin n/2 for even n) are ignored. NaN and
 * ±Infinity propagate.
 * @returns out
 */
export function irfftBuffer(out: WasmBuffer<"f64">, spectrum: WasmBuffer<"f64">): WasmBuffer<"f64"> {
  const n = checkSignalBuffer("out", out);
  checkLength("out", n);
  checkBuffer("spectrum", spectrum, "f64", 2 * ((n >> 1) + 1));
  checkDistinct(out, spectrum, "spectrum");
  withFftPlans([{ kind: "real", n }], [], ([plan]) => kernels<FftKernels>().irfft(out.ptr, spectrum.ptr, plan));
  return out;
}

