// Re-exports of this area's wrappers.
export {};
export { eigh, type EighOptions, type EighResult } from "./eigh.js";
export { eighValues } from "./eigh-values.js";
export { svd, type SvdResult } from "./svd.js";
export { svdValues } from "./svd-values.js";
export { polar, type PolarOptions, type PolarResult } from "./polar.js";
