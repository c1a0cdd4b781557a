// Re-exports of this area's kernels.
export { fftPlanSize, fftPlanInit, rfftPlanSize, rfftPlanInit } from "./plan";
export { fft } from "./transform";
export { rfft, irfft } from "./real";
export {
  circularConvolveDirect,
  circularConvolveDirectWorkspaceSize,
  circularConvolveFft,
  circularConvolveFftWorkspaceSize,
  circularConvolve2dFft,
  circularConvolve2dFftWorkspaceSize,
} from "./convolve";
