// Re-exports of the BLAS kernels.
export * from "./dot";
export * from "./axpy";
export * from "./scal";
export * from "./copy";
export * from "./nrm2";
export * from "./asum";
export * from "./iamax";
export * from "./gemv";
export * from "./ger";
export { gemm, gemmWorkspaceSize } from "./gemm";
export * from "./syrk";
export * from "./peak";
