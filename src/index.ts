// The public API of benign: re-exports only.
export { init, runtime, kernels, supportedBinaries, type Runtime, type Features, type InitOptions } from "./runtime/init.js";
export type { BinaryKind } from "./runtime/binaries.js";
export { Arena, ArenaScope, type ArenaStats } from "./runtime/arena.js";
export { WasmBuffer, type ElementKind } from "./runtime/buffer.js";
export * from "./matrix.js";
export { Rng } from "./data/rng.js";
export { parsePgm, encodePgm } from "./data/pgm.js";
export * from "./kernels/blas/index.js";
export * from "./kernels/fft/index.js";
export * from "./kernels/prox/index.js";
export * from "./kernels/linalg/index.js";
export * from "./kernels/sparse/index.js";
export * from "./manifolds/index.js";
export * from "./problems/index.js";
export * from "./landscape/index.js";
export * from "./solvers/index.js";
