// Re-exports of this area's wrappers: proximal operators and projections.
export { softThreshold, softThresholdBuffer, type ProxOptions } from "./softThreshold.js";
export { hardThreshold, hardThresholdBuffer } from "./hardThreshold.js";
export { keepLargest, keepLargestBuffer } from "./keepLargest.js";
export { clamp, clampBuffer } from "./clamp.js";
export { projectSphere, projectSphereBuffer } from "./projectSphere.js";
export { projectBall, projectBallBuffer } from "./projectBall.js";
export {
  normalizeColumns,
  normalizeColumnsBuffer,
  type NormalizeColumnsOptions,
  type ZeroColumns,
} from "./normalizeColumns.js";
