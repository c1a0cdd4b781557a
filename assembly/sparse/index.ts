// Re-exports of this area's kernels: sampled products, sparse × dense, conversions, checks.
export * from "./sampled";
export * from "./spmm";
export * from "./convert";
export * from "./check";
