// Re-exports of this area's wrappers: ALS half-steps and the objective they decrease.
export {
  alsSolveRows, alsSolveRowsBuffer, type AlsSolveRowsOptions, type AlsSolveRowsBufferOptions,
} from "./als-solve-rows.js";
export {
  residualSumSquares, residualSumSquaresBuffer, alsObjective, alsObjectiveBuffer, type ObjectiveBufferOptions,
} from "./objective.js";
