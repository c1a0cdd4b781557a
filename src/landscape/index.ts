// Re-exports of the landscape checks.
export { checkGradient, type GradientCheck } from "./check-gradient.js";
export { checkHessian, type HessianCheck } from "./check-hessian.js";
export type { CheckOptions } from "./common.js";
export { lanczos, type LanczosOptions, type LanczosResult, type RitzPair } from "./lanczos.js";
export { tangentBasis, type TangentBasis, type AmbientCoordinates } from "./tangent-basis.js";
export { hessianSpectrum, DENSE_DIMENSION_THRESHOLD, type HessianSpectrum, type HessianSpectrumOptions } from "./hessian-spectrum.js";
export {
  classifyCriticalPoint, kindFromCurvature, CURVATURE_TOLERANCE,
  type ClassifyOptions, type CriticalPointClassification, type CriticalPointKind,
} from "./classify.js";
