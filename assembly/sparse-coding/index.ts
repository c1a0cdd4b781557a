// Re-exports of this area's kernels: the per-row steps of the sparse coders and their statistics.
export { lassoFistaStep } from "./fista-step";
export { lassoFistaIteration } from "./fista-iteration";
export { lassoRowStats } from "./row-stats";
export { lassoCdSweep } from "./cd-sweep";
export { lassoGramGradient } from "./gram-gradient";
export { ompStep } from "./omp-step";
