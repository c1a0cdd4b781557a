// Re-exports of the metrics modulo symmetry: product errors, subspace distances, alignments, RMSE.
export { productError, relativeError, type ProductError } from "./product-error.js";
export { principalAngles, subspaceDistance, type SubspaceDistanceOptions } from "./subspace.js";
export { procrustesAlign, type ProcrustesResult } from "./procrustes.js";
export { alignFactors, type AlignedFactors, type FactorErrors } from "./align-factors.js";
export { rmse, testRmse } from "./rmse.js";
export {
  shiftCorrelation, alignToShift, matchKernels, type ShiftCorrelation, type AlignedShift, type AlignToShiftOptions, type KernelMatch,
} from "./signed-shift.js";
export { hungarian, type HungarianOptions, type Assignment } from "./hungarian.js";
export {
  signedPermutationError, alignSignedPermutation, l4Error,
  type SignedPermutationMatch, type SignedPermutationAlignment, type AlignSignedPermutationOptions,
} from "./signed-permutation.js";
