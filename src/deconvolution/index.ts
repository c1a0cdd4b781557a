// The convolutional family: short-and-sparse blind deconvolution (1-D and 2-D), its generators
// and landscape slices.
export {
  deconvolve, type DeconvolveOptions, type DeconvolutionResult, type DeconvolutionMethod,
} from "./deconvolve.js";
export {
  randomKernel, convolutionalData, type RandomKernelOptions, type ConvolutionalDataOptions, type ConvolutionalData,
} from "./generators.js";
export { landscapeSlice, type LandscapeSliceOptions, type CircleSlice, type SphereSlice } from "./landscape.js";
