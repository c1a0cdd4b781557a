import { init, matrixCompletion, spectralInit, trustRegions, randomLowRank, uniformMask, observedFromMask, relativeError } from "benign";
await init();
const truth = randomLowRank(60, 40, 2, { seed: 1, dense: true });
const observed = observedFromMask(truth.matrix, uniformMask(60, 40, 0.4, 2));
const problem = matrixCompletion(observed, { rank: 2 });
try {
  const { U, V } = spectralInit(observed, 2);
  const { point, reason } = await trustRegions(problem, [U, V], { gradientTolerance: 1e-10 });
  console.log(reason, relativeError(point[0], point[1], truth.U, truth.V)); // "gradient-tolerance" ≈ 1e-11
} finally {
  problem.dispose();                      // the problem holds the entries in wasm memory
}
