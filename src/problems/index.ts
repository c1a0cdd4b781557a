// Re-exports of the optimization problems.
export { type Problem, riemannianGradient, riemannianHessianVec, retainProblem } from "./problem.js";
export { rayleighQuotient } from "./rayleigh.js";
export { brockett, type BrockettOptions } from "./brockett.js";
export { PointCache, type EvaluationCounts } from "./cache.js";
export { NonFiniteValueError, type NonFiniteFunction } from "./non-finite.js";
export { rankOneFactorization, symmetricFactorization } from "./symmetric-factorization.js";
export { procrustes, procrustesSolution, type ProcrustesOptions, type ProcrustesSolutionOptions } from "./procrustes.js";
export {
  rankOneCriticalPoints, symmetricFactorizationCriticalPoints,
  type RankOneCriticalPoint, type RankOneCriticalPointsOptions,
  type SymmetricFactorizationCriticalPoint, type SymmetricFactorizationCriticalPointsOptions,
} from "./symmetric-factorization-critical-points.js";
