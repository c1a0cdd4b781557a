// Re-exports of matrix completion: observed entries, builders, ratings files, splits, the problem, the front door.
export { checkObserved, DUPLICATE_POLICIES, type Observed, type DuplicatePolicy } from "./observed.js";
export { observedFromMask, type Mask } from "./from-mask.js";
export { observedFromTriples, type Triples, type ObservedFromTriplesOptions } from "./from-triples.js";
export { observedFromFactors, type Positions, type ObservedFromFactorsOptions } from "./from-factors.js";
export { observedCounts, observedByRow, observedByColumn, type ObservedCounts } from "./structure.js";
export { observedDense, observedMask, type ObservedDenseOptions } from "./dense.js";
export { parseRatings, type ParseRatingsOptions, type Ratings, type IdMap, type RatingsFormat } from "./ratings.js";
export { splitObserved, type SplitOptions, type ObservedSplit } from "./split.js";
export { truncatedSvd, resolveTruncatedSvdOptions, type TruncatedSvdOptions, type TruncatedSvdResult } from "./truncated-svd.js";
export { matrixOperator, sparseOperator, sparsePlusLowRank, type LinearOperator, type SparseOperator, type SparseOperatorOptions } from "./linear-operator.js";
export { spectralInit, type SpectralInit, type SpectralInitOptions } from "./spectral-init.js";
export { fitBaseline, type Baseline, type BiasKind } from "./baseline.js";
export { matrixCompletion, type MatrixCompletionOptions, type MatrixCompletionProblem, type FactorPoint } from "./problem.js";
export type { CompletionModel } from "./model.js";
export type { SoftImputePathEntry } from "./methods/soft-impute.js";
export type { CompletionStopReason, CompletionSolverResult } from "./methods/fit.js";
export { completeMatrix, type CompleteMatrixOptions, type CompletionResult, type CompletionMethod } from "./complete-matrix.js";
