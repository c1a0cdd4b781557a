// Re-exports of the BLAS kernels.
export * from "./dot";
