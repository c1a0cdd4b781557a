// Re-exports of this area's kernels (proximal operators and projections).
export * from "./soft-threshold";
export * from "./hard-threshold";
export * from "./clamp";
export * from "./project-sphere";
export * from "./normalize-columns";
