// Re-exports of the FFT wrappers.
export { fft, type ComplexArrays, type FftOptions } from "./fft.js";
export { rfft, irfft, type RfftOptions, type IrfftOptions } from "./rfft.js";
export { circularConvolve, circularCorrelate, type CircularConvolveOptions, type CircularConvolveOutOptions } from "./convolve.js";
export { circularConvolve2d, circularCorrelate2d, type CircularConvolve2dOptions } from "./convolve2d.js";
export { clearFftPlans, fftPlanStats, setFftPlanCacheBytes, type FftPlanKind, type FftPlanStats } from "./plans.js";
export { fftBuffer, rfftBuffer, irfftBuffer } from "./fft-buffer.js";
export { rfft2Buffer, irfft2Buffer, rfft2Length } from "./rfft2-buffer.js";
export {
  circularConvolveBuffer, circularCorrelateBuffer, circularConvolve2dBuffer, circularCorrelate2dBuffer,
} from "./convolve-buffer.js";
