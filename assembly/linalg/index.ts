// Re-exports of this area's kernels.
export * from "./qr";
export { qrPivotFactor } from "./qr-pivoted";
export { qrPivotRank } from "./rank";
export { rzFactor, rzApplyZt } from "./rz";
export * from "./cholesky";
export * from "./lu";
export { eigh, eighValues, eighWorkspaceSize } from "./eigh";
export { svd, svdValues, svdWorkspaceSize } from "./svd";
export { polar, polarWorkspaceSize } from "./polar";
