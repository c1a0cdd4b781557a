// Re-exports of the matrix completion data layer: observed entries, builders, ratings files, splits.
export { checkObserved, DUPLICATE_POLICIES, type Observed, type DuplicatePolicy } from "./observed.js";
export { observedFromMask, type Mask } from "./from-mask.js";
export { observedFromTriples, type Triples, type ObservedFromTriplesOptions } from "./from-triples.js";
export { observedFromFactors, type Positions, type ObservedFromFactorsOptions } from "./from-factors.js";
export { observedCounts, observedByRow, observedByColumn, type ObservedCounts } from "./structure.js";
export { observedDense, observedMask, type ObservedDenseOptions } from "./dense.js";
export { parseRatings, type ParseRatingsOptions, type Ratings, type IdMap } from "./ratings.js";
export { splitObserved, type SplitOptions, type ObservedSplit } from "./split.js";
