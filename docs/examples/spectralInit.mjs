import { init, spectralInit, randomLowRank, uniformMask, observedFromMask, relativeError } from "benign";
await init();
const truth = randomLowRank(400, 300, 3, { seed: 1, dense: true });
const observed = observedFromMask(truth.matrix, uniformMask(400, 300, 0.3, 2));
const { U, V, singularValues } = spectralInit(observed, 3);
console.log(singularValues, relativeError(U, V, truth.U, truth.V)); // ≈ [1, 1, 1] (the truth's σ) and a start error ≈ 0.3
