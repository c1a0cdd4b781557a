// Re-exports of this area's kernels (the elementwise steps of orthogonal dictionary learning).
export * from "./cube";
export * from "./sign";
export * from "./log-cosh";
export * from "./scale-columns";
export * from "./irls-weights";
