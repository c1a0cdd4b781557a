// The kernel module's exports: re-exports only. Each area keeps its own index.
export * from "./memory";
export * from "./blas/index";
export * from "./fft/index";
export * from "./prox/index";
export * from "./linalg/index";
export * from "./sparse/index";
export * from "./completion/index";
export * from "./factorization/index";
export * from "./sparse-coding/index";
export * from "./deconvolution/index";
export * from "./orthogonal/index";
export * from "./layout/index";
