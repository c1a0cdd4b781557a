// Re-exports of this area's kernels (convolutional models: spectra, prox steps, surrogates).
export { spectralResidual, spectralGram, lincomb3, spectralProduct, multiplyEntries } from "./spectral";
export { inertialProxStep } from "./prox-step";
export { pseudoHuber } from "./pseudo-huber";
export { rankOneSolve, gramCholesky, gramSolve } from "./frequency-solve";
export { admmShrink } from "./admm-shrink";
