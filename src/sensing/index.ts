// Re-exports of matrix sensing: the Gaussian measurement operator, the sensing problems, senseLowRank.
export {
  gaussianOperator, type GaussianOperator, type GaussianOperatorOptions, type OperatorMode, type FactoredOptions,
  type FactoredPath,
} from "./gaussian-operator.js";
export { symmetricSensingProblem, sensingProblem, type SensingProblemOptions, type FactorPair } from "./problems.js";
export {
  senseLowRank, type SenseLowRankOptions, type SenseLowRankResult, type SensingMethod, type InitialFactors,
} from "./sense-low-rank.js";
