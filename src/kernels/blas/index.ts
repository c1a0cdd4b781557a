// Re-exports of the BLAS wrappers.
export * from "./dot.js";
