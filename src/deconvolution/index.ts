// The convolutional family: short-and-sparse blind deconvolution (1-D and 2-D), convolutional
// dictionary learning, blind image deblurring, their generators and landscape slices.
export {
  deconvolve, type DeconvolveOptions, type DeconvolutionResult, type DeconvolutionMethod,
} from "./deconvolve.js";
export {
  randomKernel, convolutionalData, type RandomKernelOptions, type ConvolutionalDataOptions, type ConvolutionalData,
} from "./generators.js";
export { landscapeSlice, type LandscapeSliceOptions, type CircleSlice, type SphereSlice } from "./landscape.js";
export {
  learnConvolutionalDictionary, type LearnConvolutionalDictionaryOptions, type ConvolutionalDictionary,
} from "./learn-convolutional-dictionary.js";
export type { HomotopyOptions } from "./iadm-options.js";
export type { SampleMask } from "./signals.js";
export { estimateBlurKernel, type EstimateBlurKernelOptions, type BlurKernelEstimate } from "./estimate-blur-kernel.js";
export { deblurImage, type DeblurImageOptions } from "./deblur-image.js";
export { motionBlurKernel, blurImage, type MotionBlurKernelOptions, type BlurImageOptions } from "./blur-generators.js";
