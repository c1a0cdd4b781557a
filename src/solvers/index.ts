// Re-exports of the solvers and their shared types.
export type { SolverOptions } from "./options.js";
export type { SolverResult, StopReason, IterationInfo } from "./result.js";
export type { History } from "./history.js";
export { yieldToEventLoop } from "./yield.js";
export { gradientDescent, type GradientDescentOptions } from "./gradient-descent.js";
export type { SecondOrderOptions } from "./curvature.js";
export { trustRegions, type TrustRegionsOptions } from "./trust-regions.js";
export { curvilinearSearch, type CurvilinearSearchOptions } from "./curvilinear-search.js";
export { perturbedGradientDescent, type PerturbedGradientDescentOptions } from "./perturbed-gradient-descent.js";
