import { init, learnConvolutionalDictionary, randomKernel, convolutionalData, matchKernels } from "benign";
await init();
// Two kernels shared by two signals y_j = a₁ ⊛ x_j1 + a₂ ⊛ x_j2, 30% of the samples missing.
const truth = [randomKernel(12, { seed: 1 }), randomKernel(12, { seed: 2 })];
const signals = [0, 1].map((j) => {
  const y = new Float64Array(2000);
  truth.forEach((a, k) => convolutionalData(a, 2000, { theta: 0.01, seed: 10 * j + k }).signal.forEach((v, i) => (y[i] += v)));
  return y;
});
const mask = signals.map(() => Uint8Array.from({ length: 2000 }, (_, i) => (i % 10 < 7 ? 1 : 0)));
const fit = await learnConvolutionalDictionary(signals, { kernels: 2, kernelLength: 12, mask, seed: 1 });
console.log(fit.kernels.length, fit.kernels[0].length); // 2 36: each kernel in its 3n window
console.log(matchKernels(fit.kernels, truth).minimum > 0.99); // true
// The same without the mask, by ADMM with per-frequency solves (no mask with coding "admm").
const admm = await learnConvolutionalDictionary(signals, { kernels: 2, kernelLength: 12, seed: 1, coding: "admm" });
console.log(matchKernels(admm.kernels, truth).minimum > 0.99); // true
