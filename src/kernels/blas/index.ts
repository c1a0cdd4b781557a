// Re-exports of the BLAS wrappers.
export { dot } from "./dot.js";
export { axpy, type VectorOutOptions } from "./axpy.js";
export { scal } from "./scal.js";
export { nrm2 } from "./nrm2.js";
export { asum } from "./asum.js";
export { iamax } from "./iamax.js";
export { gemv, type GemvOptions } from "./gemv.js";
export { ger, type GerOptions } from "./ger.js";
export { gemm, type GemmOptions } from "./gemm.js";
export { syrk, type SyrkOptions } from "./syrk.js";
export { dotBuffer, axpyBuffer, scalBuffer, nrm2Buffer, asumBuffer, iamaxBuffer } from "./level1-buffer.js";
export { gemvBuffer, gerBuffer, type GemvBufferOptions, type GerBufferOptions } from "./level2-buffer.js";
export { gemmBuffer, syrkBuffer, type GemmBufferOptions, type SyrkBufferOptions } from "./gemm-buffer.js";
