// Re-exports of the landscape checks.
export { checkGradient, type GradientCheck } from "./check-gradient.js";
export { checkHessian, type HessianCheck } from "./check-hessian.js";
export type { CheckOptions } from "./common.js";
export { lanczos, type LanczosOptions, type LanczosResult, type RitzPair } from "./lanczos.js";
