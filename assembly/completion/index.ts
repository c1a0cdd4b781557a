// Re-exports of this area's kernels: ALS half-steps, their normal equations, the objective.
export { alsSolveRows, alsNormalEquations, alsWorkspaceSize } from "./als";
export { csrResidualSumSquares } from "./objective";
