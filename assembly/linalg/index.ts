// Re-exports of this area's kernels.
export * from "./qr";
export * from "./cholesky";
export * from "./lu";
