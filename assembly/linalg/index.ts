// Re-exports of this area's kernels.
export { eigh, eighValues, eighWorkspaceSize } from "./eigh";
export { svd, svdValues, svdWorkspaceSize } from "./svd";
export { polar, polarWorkspaceSize } from "./polar";
