// "msp" with its default rounding "l1": Riemannian subgradient steps on ‖AᵀY‖₁ over O(n) from the
// ℓ⁴ fixed point, finished by the certified vertex step (src/sparse/orthogonal/l1-refinement.ts).
import { beforeAll, describe, expect, test } from "vitest";
import { init, kernels } from "../../../src/runtime/init.js";
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { randomOrthogonal } from "../../../src/data/orthogonal.js";
import { learnOrthogonalDictionary } from "../../../src/sparse/orthogonal/learn-orthogonal-dictionary.js";
import type { MethodOutput } from "../../../src/sparse/orthogonal/method-output.js";
import { resolveOptions } from "../../../src/sparse/orthogonal/options.js";
import { refineMspOutput, type RefinementKernels } from "../../../src/sparse/orthogonal/l1-refinement.js";
import { kthSmallest } from "../../../src/sparse/orthogonal/vertex-step.js";
import { signedPermutationError } from "../../../src/symmetry/signed-permutation.js";
import { instance, noLeak, orthogonalityDefect } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** ‖DᵀY‖₁ by plain loops. */
function l1Objective(D: Matrix, Y: Matrix): number {
  const { rows: n, cols: p } = Y;
  let total = 0;
  for (let i = 0; i < D.cols; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += D.data[k * D.cols + i] * Y.data[k * p + j];
      total += Math.abs(s);
    }
  }
  return total;
}

describe('learnOrthogonalDictionary "msp", default rounding "l1"', () => {
  test("issue 10's must-show with the defaults: signed-permutation error < 1e-2 on 10 of 10 seeds at n = 50, θ = 0.3, p = 10,000 (exact: the ℓ⁴ bias removed)", async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { A0, X0, Y } = instance(50, 10_000, 0.3, seed);
      const fit = await learnOrthogonalDictionary(Y, { seed });
      expect(fit.result.converged, `seed ${seed}`).toBe(true);
      expect(fit.refinement!.exact, `seed ${seed}`).toBe(true);
      // Measured: certified after 15–45 steps, residual ≈ 1e-16, error 1.2e-15–1.4e-15 (plain MSP: 0.057–0.062).
      expect(fit.refinement!.residual).toBeLessThanOrEqual(1e-10);
      const { error, permutation, signs } = signedPermutationError(fit.dictionary, A0);
      expect(error, `seed ${seed}`).toBeLessThan(1e-2);
      expect(error, `seed ${seed}`).toBeLessThan(1e-12);
      expect(orthogonalityDefect(fit.dictionary)).toBeLessThan(1e-12);
      // Independent of the dictionary's metric: the codes are the true sparse codes, row for row
      // (X = DᵀY, with D's column permutation[j] matched to A0's column j).
      let worst = 0;
      for (let j = 0; j < 50; j++) {
        const row = permutation[j];
        for (let k = 0; k < 10_000; k++) worst = Math.max(worst, Math.abs(signs[j] * fit.codes.data[row * 10_000 + k] - X0.data[j * 10_000 + k]));
      }
      expect(worst, `seed ${seed}`).toBeLessThan(1e-11);
    }
  });

  test("the refined dictionary's ℓ¹ objective ‖AᵀY‖₁ is that of the truth (no larger than at A0's aligned copy), and below the ℓ⁴ fixed point's", async () => {
    const { A0, Y } = instance(20, 3000, 0.3, 4);
    const fit = await learnOrthogonalDictionary(Y, { seed: 4 });
    const plain = await learnOrthogonalDictionary(Y, { seed: 4, rounding: false });
    expect(fit.refinement!.exact).toBe(true);
    const refined = l1Objective(fit.dictionary, Y);
    // A0 with its columns permuted and signed onto the refined dictionary: the same ℓ¹ objective.
    const { permutation, signs } = signedPermutationError(fit.dictionary, A0);
    const aligned = { rows: 20, cols: 20, data: new Float64Array(400) };
    for (let j = 0; j < 20; j++) for (let i = 0; i < 20; i++) aligned.data[i * 20 + permutation[j]] = signs[j] * A0.data[i * 20 + j];
    const truth = l1Objective(aligned, Y);
    expect(refined).toBeLessThanOrEqual(truth * (1 + 1e-12));
    expect(refined / truth).toBeCloseTo(1, 12);
    expect(l1Objective(plain.dictionary, Y)).toBeGreaterThan(refined * (1 + 1e-3));
    // The reported objective is still ℓ⁴ (MSP's), now at the refined dictionary: below the maximum.
    expect(fit.objective).toBeLessThan(plain.objective);
  });

  test("from a random start (maxIterations 0) the refinement alone finds the dictionary, restarting its stalled atoms on the complement of the others", async () => {
    const { A0, Y } = instance(10, 2000, 0.3, 6);
    const far = await learnOrthogonalDictionary(Y, { init: randomOrthogonal(10, { seed: 8 }), maxIterations: 0 });
    // Measured: 205 steps (60 in ℝ¹⁰, then on complements of the atoms certified).
    expect(far.refinement!.exact).toBe(true);
    expect(far.refinement!.steps).toBeGreaterThan(60);
    expect(far.result).toMatchObject({ converged: false, reason: "max-iterations" }); // MSP's own record: it did not iterate
    expect(signedPermutationError(far.dictionary, A0).error).toBeLessThan(1e-12);
    expect(orthogonalityDefect(far.dictionary)).toBeLessThan(1e-12);
  });

  test("no certificate, no change: on noisy data and with codes too dense for the samples the result is MSP's, marked not converged", async () => {
    const { Y } = instance(10, 2000, 0.3, 6);
    // Y + noise: no sample is exactly orthogonal to an atom.
    const rng = new Rng(9);
    const noisy = { rows: 10, cols: 2000, data: Y.data.map((v) => v + 1e-3 * rng.normal()) };
    const dense = instance(10, 60, 0.7, 2).Y;
    for (const data of [noisy, dense]) {
      const fit = await learnOrthogonalDictionary(data, { seed: 2 });
      const plain = await learnOrthogonalDictionary(data, { seed: 2, rounding: false });
      expect(fit.refinement!.exact).toBe(false);
      expect(fit.result).toMatchObject({ converged: false, reason: "max-iterations" });
      expect(Array.from(fit.dictionary.data)).toEqual(Array.from(plain.dictionary.data));
      expect(Array.from(fit.codes.data)).toEqual(Array.from(plain.codes.data));
    }
  });

  test("one dimension: the dictionary is ±1 and the refinement has nothing to do", async () => {
    const Y = { rows: 1, cols: 30, data: Float64Array.from({ length: 30 }, (_, j) => (j % 3) - 1) };
    const fit = await learnOrthogonalDictionary(Y, { seed: 1 });
    expect(Math.abs(fit.dictionary.data[0])).toBe(1);
    expect(fit.refinement).toEqual({ steps: 0, exact: true, residual: 0 });
    for (let j = 0; j < 30; j++) expect(fit.codes.data[j]).toBeCloseTo(fit.dictionary.data[0] * Y.data[j], 14);
  });

  test("an abort or the time limit during the refinement stops it between steps, keeps MSP's dictionary, says why and frees the memory", async () => {
    const { Y } = instance(12, 2400, 0.3, 3);
    const n = 12, p = 2400;
    const s = Math.sqrt(Y.data.reduce((a, v) => a + v * v, 0) / (n * p));
    const scaled = Y.data.map((v) => v / s);
    const start = (await learnOrthogonalDictionary(Y, { seed: 3, rounding: false })).dictionary;
    const out: MethodOutput = {
      dictionary: start, codes: new Float64Array(n * p), history: { cost: new Float64Array(1), gradientNorm: new Float64Array(1), step: new Float64Array(1), time: new Float64Array(1) },
      record: { iterations: 0, converged: true, reason: "objective-tolerance" },
    };
    const kern = kernels<RefinementKernels>();
    await noLeak(async () => {
      // A signal that turns aborted at its 8th read (one when the options are checked, then a few per step).
      let reads = 0;
      const signal = { get aborted() { return ++reads >= 8; } } as unknown as AbortSignal;
      const aborted = await refineMspOutput(out, scaled, n, p, resolveOptions({ signal }, n), kern, Infinity);
      expect(aborted.record).toMatchObject({ converged: false, reason: "aborted" });
      expect(aborted.refinement!.exact).toBe(false);
      expect(aborted.refinement!.steps).toBeGreaterThan(0);
      expect(aborted.refinement!.steps).toBeLessThan(8);
      expect(aborted.dictionary).toBe(start);
      const late = await refineMspOutput(out, scaled, n, p, resolveOptions({}, n), kern, 0);
      expect(late.record).toMatchObject({ converged: false, reason: "max-time" });
      expect(late.refinement).toMatchObject({ exact: false, steps: 0 });
      expect(late.dictionary).toBe(start);
      // Not cut short: certified, the record unchanged.
      const done = await refineMspOutput(out, scaled, n, p, resolveOptions({}, n), kern, Infinity);
      expect(done.refinement!.exact).toBe(true);
      expect(done.record).toEqual(out.record);
      expect(orthogonalityDefect(done.dictionary)).toBeLessThan(1e-12);
    });
    // Through the front door: an abort or a time limit that ends MSP skips the refinement.
    const early = new AbortController();
    early.abort();
    const none = await learnOrthogonalDictionary(Y, { signal: early.signal });
    expect(none.result.reason).toBe("aborted");
    expect(none.refinement).toBeUndefined();
  });
});

test("kthSmallest: the k-th order statistic, against a sort, with ties", () => {
  const rng = new Rng(5);
  for (const length of [1, 2, 3, 10, 101, 1000]) {
    const values = Float64Array.from({ length }, () => Math.round(rng.normal() * 10) / 4 + 0); // + 0: no −0, which sort() orders before +0
    const sorted = values.slice().sort();
    for (const k of [0, length >> 1, length - 1]) expect(kthSmallest(values.slice(), k)).toBe(sorted[k]);
  }
});
