// learnDictionary with missing entries (inpainting): only observed entries enter the fit — the
// reported objective is the plain-JS masked objective, each code satisfies the lasso's optimality
// conditions on its observed rows, missing entries may be NaN, and the missing values are predicted.
import { beforeAll, expect, test } from "vitest";
import { init } from "../../../src/runtime/init.js";
import { uniformMask } from "../../../src/data/masks.js";
import { learnDictionary } from "../../../src/sparse/dictionary/learn-dictionary.js";
import { signedPermutationError } from "../../../src/symmetry/signed-permutation.js";
import { largestRise, objectiveReference, synthetic, unitNormDefect } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The largest relative KKT violation of the masked lasso over the samples (plain JS). */
function worstKkt(Y: { rows: number; cols: number; data: Float64Array }, A: { cols: number; data: Float64Array }, X: { data: Float64Array }, lambda: number, mask: Uint8Array): number {
  const { rows: n, cols: p } = Y;
  const K = A.cols;
  let worst = 0;
  for (let j = 0; j < p; j++) {
    const r = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (mask[i * p + j] !== 1) continue;
      let s = 0;
      for (let k = 0; k < K; k++) s += A.data[i * K + k] * X.data[k * p + j];
      r[i] = Y.data[i * p + j] - s;
    }
    let scale = lambda;
    const g = new Float64Array(K); // A_Oᵀ r
    const b = new Float64Array(K); // A_Oᵀ y
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < n; i++) {
        if (mask[i * p + j] !== 1) continue;
        g[k] += A.data[i * K + k] * r[i];
        b[k] += A.data[i * K + k] * Y.data[i * p + j];
      }
      scale = Math.max(scale, Math.abs(b[k]));
    }
    for (let k = 0; k < K; k++) {
      const x = X.data[k * p + j];
      const v = x !== 0 ? Math.abs(g[k] - lambda * Math.sign(x)) : Math.max(Math.abs(g[k]) - lambda, 0);
      worst = Math.max(worst, v / (scale || 1));
    }
  }
  return worst;
}

test("a planted dictionary with 30% of the entries missing (NaN there): masked objective, KKT on the observed rows, missing values predicted", async () => {
  const { Y, A0 } = synthetic(16, 8, 400, 0.15, 21);
  const truth = Y.data.slice();
  const mask = uniformMask(16, 400, 0.7, 5);
  for (let t = 0; t < mask.length; t++) if (mask[t] === 0) Y.data[t] = NaN;
  const lambda = 0.01;
  const fit = await learnDictionary(Y, { atoms: 8, lambda, mask, maxIterations: 300, codingIterations: 5000, codingTolerance: 1e-10, seed: 2 });
  expect(largestRise(fit.history.cost)).toBeLessThan(1e-13);
  const reference = objectiveReference(Y, fit.dictionary, fit.codes, lambda, mask);
  expect(Math.abs(fit.objective - reference)).toBeLessThan(1e-12 * reference);
  expect(Number.isFinite(fit.objective)).toBe(true);
  expect(unitNormDefect(fit.dictionary)).toBeLessThan(1e-13);
  // The codes are the masked lasso's for the final dictionary (a code ignoring the mask fails this).
  expect(worstKkt(Y, fit.dictionary, fit.codes, lambda, mask)).toBeLessThan(1e-8);
  // The planted dictionary is found (measured 5e-3), and the missing entries of AX match the
  // truth (measured relative error 0.06; predicting 0 gives 1).
  expect(signedPermutationError(fit.dictionary, A0).error).toBeLessThan(0.02);
  let err = 0, norm = 0;
  for (let i = 0; i < 16; i++) for (let j = 0; j < 400; j++) {
    if (mask[i * 400 + j] === 1) continue;
    let s = 0;
    for (let k = 0; k < 8; k++) s += fit.dictionary.data[i * 8 + k] * fit.codes.data[k * 400 + j];
    err += (s - truth[i * 400 + j]) ** 2;
    norm += truth[i * 400 + j] ** 2;
  }
  expect(Math.sqrt(err / norm)).toBeLessThan(0.1);
});

test("a full mask gives the unmasked run's result", async () => {
  const { Y } = synthetic(8, 6, 150, 0.3, 31);
  const mask = new Uint8Array(8 * 150).fill(1);
  const plain = await learnDictionary(Y, { atoms: 6, lambda: 0.05, maxIterations: 10, codingIterations: 300, codingTolerance: 1e-12 });
  const masked = await learnDictionary(Y, { atoms: 6, lambda: 0.05, mask, maxIterations: 10, codingIterations: 300, codingTolerance: 1e-12 });
  for (let k = 0; k <= 10; k++) expect(Math.abs(masked.history.cost[k] - plain.history.cost[k])).toBeLessThan(1e-9 * plain.history.cost[k]);
  masked.dictionary.data.forEach((v, t) => expect(Math.abs(v - plain.dictionary.data[t])).toBeLessThan(1e-6));
});
