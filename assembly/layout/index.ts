// Re-exports of the layout kernels.
export { interleaveComplex, deinterleaveComplex, deinterleaveComplexReversed } from "./complex";
