// Re-exports of the BLAS wrappers.
export * from "./dot.js";
export * from "./axpy.js";
export * from "./scal.js";
export * from "./nrm2.js";
export * from "./asum.js";
export * from "./iamax.js";
export * from "./gemv.js";
export * from "./ger.js";
export { gemm, type GemmOptions } from "./gemm.js";
export * from "./syrk.js";
