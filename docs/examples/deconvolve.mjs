import { init, randomKernel, convolutionalData, deconvolve, shiftCorrelation } from "benign";
await init();
const a0 = randomKernel(10, { seed: 1 });                           // the true kernel, ‖a0‖ = 1
const { signal } = convolutionalData(a0, 1000, { theta: 0.05, activation: "bernoulli-rademacher", seed: 2 });
const fit = await deconvolve(signal, { kernelLength: 10, lambda: 0.01 }); // iADM along the homotopy
console.log(fit.kernel.length, fit.result.reason);                   // 30 (the 3n window) "gradient-tolerance"
console.log(shiftCorrelation(fit.kernel, a0));                       // { correlation: 0.99999…, shift: 10, sign: 1 }: a0, moved to the window's middle
