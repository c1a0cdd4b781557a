// Re-exports of the solvers and their shared types.
export type { SolverOptions } from "./options.js";
export type { SolverResult, StopReason, IterationInfo, NonFiniteInfo } from "./result.js";
export type { History } from "./history.js";
export { yieldToEventLoop } from "./yield.js";
export { gradientDescent, type GradientDescentOptions } from "./gradient-descent.js";
export type { SecondOrderOptions } from "./curvature.js";
export { trustRegions, type TrustRegionsOptions } from "./trust-regions.js";
export { curvilinearSearch, type CurvilinearSearchOptions } from "./curvilinear-search.js";
export { perturbedGradientDescent, type PerturbedGradientDescentOptions } from "./perturbed-gradient-descent.js";
export { proximalGradient, type CompositeProblem, type ProximalGradientOptions, type RestartScheme } from "./proximal-gradient.js";
export { l1, nonnegativeL1, nonnegative, box, noRegularizer, type Regularizer, type ArrayRegularizer, type ArrayPoint } from "./regularizers.js";
export { alternatingMinimization, type AlternatingProblem, type Block, type BlockContext } from "./alternating-minimization.js";
