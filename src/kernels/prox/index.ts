// Re-exports of this area's wrappers: proximal operators and projections.
export { softThreshold, softThresholdBuffer, type ProxOptions } from "./soft-threshold.js";
export { hardThreshold, hardThresholdBuffer } from "./hard-threshold.js";
export { keepLargest, keepLargestBuffer } from "./keep-largest.js";
export { clamp, clampBuffer } from "./clamp.js";
export { projectSphere, projectSphereBuffer } from "./project-sphere.js";
export { projectBall, projectBallBuffer } from "./project-ball.js";
export {
  normalizeColumns,
  normalizeColumnsBuffer,
  type NormalizeColumnsOptions,
  type ZeroColumns,
} from "./normalize-columns.js";
