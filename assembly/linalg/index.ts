// Re-exports of this area's kernels.
export { eigh, eighWorkspaceSize } from "./eigh";
export { svd, svdWorkspaceSize } from "./svd";
export { polar, polarWorkspaceSize } from "./polar";
