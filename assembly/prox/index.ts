// Re-exports of this area's kernels (proximal operators and projections).
export * from "./softThreshold";
export * from "./hardThreshold";
export * from "./clamp";
export * from "./projectSphere";
export * from "./normalizeColumns";
