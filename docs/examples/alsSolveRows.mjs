import { init, alsSolveRows, relativeError, cooToCsr, csrTranspose, observedFromMask, uniformMask, randomLowRank, Rng, matrix } from "benign";
await init();
const truth = randomLowRank(50, 40, 2, { seed: 1, dense: true });
const S = cooToCsr(observedFromMask(truth.matrix, uniformMask(50, 40, 0.5, 2)));
const St = csrTranspose(S);
let V = matrix(40, 2, new Rng(3).normalArray(80)), U;
for (let sweep = 0; sweep < 100; sweep++) {
  U = alsSolveRows(S, V, 1e-6);            // each half-step is an exact ridge solve per row
  V = alsSolveRows(St, U, 1e-6);
}
console.log(relativeError(U, V, truth.U, truth.V)); // ≈ 5e-4 after 100 sweeps from a random start (completeMatrix starts spectrally and tests convergence)
