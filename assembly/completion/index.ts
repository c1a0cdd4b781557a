// Re-exports of this area's kernels: ALS half-steps, their normal equations, the objective and its gradient.
export { alsSolveRows, alsNormalEquations, alsWorkspaceSize } from "./als";
export { csrResidualGradient, csrResidualGradients, csrResidualSumSquares } from "./objective";
