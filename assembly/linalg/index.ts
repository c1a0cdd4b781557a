// Re-exports of this area's kernels.
export * from "./qr";
export * from "./cholesky";
export * from "./lu";
export { eigh, eighWorkspaceSize } from "./eigh";
export { svd, svdWorkspaceSize } from "./svd";
export { polar, polarWorkspaceSize } from "./polar";
