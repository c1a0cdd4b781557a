// Re-exports of this area's kernels.
export { fftPlanSize, fftPlanInit, rfftPlanSize, rfftPlanInit } from "./plan";
export { fft } from "./transform";
export { rfft, irfft } from "./real";
export { rfft2, irfft2, rfft2WorkspaceSize } from "./real2d";
export {
  circularConvolveDirect,
  circularConvolveDirectWorkspaceSize,
  circularConvolveFft,
  circularConvolveFftWorkspaceSize,
  circularConvolve2dFft,
  circularConvolve2dFftWorkspaceSize,
} from "./convolve";
