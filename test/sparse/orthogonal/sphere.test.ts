import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../../src/runtime/init.js";
import { column } from "../../../src/matrix.js";
import { learnOrthogonalDictionary } from "../../../src/sparse/orthogonal/learn-orthogonal-dictionary.js";
import { signedPermutationError } from "../../../src/symmetry/signed-permutation.js";
import { distanceToNearestAtom, instance, orthogonalityDefect } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe('learnOrthogonalDictionary, method "sphere"', () => {
  test("recovers every atom at n = 50, θ = 0.1, p = 5,000: each within 1e-10 of a true atom after LP rounding", async () => {
    const { A0, Y } = instance(50, 5000, 0.1, 1);
    const fit = await learnOrthogonalDictionary(Y, { method: "sphere", seed: 1 });
    expect(fit.result.converged).toBe(true);
    expect(fit.result.reason).toBe("gradient-tolerance");
    expect(fit.atoms).toHaveLength(50);
    expect(fit.rounding).toHaveLength(50);
    for (let k = 0; k < 50; k++) {
      // Recovered: ‖d_k ∓ a₀ⱼ‖ ≤ 1e-10 for some j (measured ≤ 3.1e-15).
      expect(distanceToNearestAtom(column(fit.dictionary, k), A0), `atom ${k}`).toBeLessThan(1e-10);
    }
    // Each atom matched once: the dictionary equals A0 up to a signed permutation.
    expect(signedPermutationError(fit.dictionary, A0).error).toBeLessThan(1e-10);
    expect(orthogonalityDefect(fit.dictionary)).toBeLessThan(1e-13);
    // The history concatenates the atoms' trust-region runs; historyStart indexes it.
    const starts = fit.atoms!.map((a) => a.historyStart);
    expect(starts[0]).toBe(0);
    for (let k = 1; k < 50; k++) expect(starts[k]).toBe(starts[k - 1] + fit.atoms![k - 1].iterations + 1);
    expect(fit.history.cost.length).toBe(starts[49] + fit.atoms![49].iterations + 1);
    expect(fit.result.iterations).toBe(fit.atoms!.reduce((s, a) => s + a.iterations, 0));
  });

  test("without rounding the atoms are the smoothed minimizers, O(μ) off; a few atoms can be asked for", async () => {
    const { A0, Y } = instance(20, 3000, 0.1, 2);
    const fit = await learnOrthogonalDictionary(Y, { method: "sphere", seed: 2, atoms: 4, roundingIterations: 0 });
    expect(fit.dictionary.cols).toBe(4);
    expect(fit.codes.rows).toBe(4);
    expect(fit.rounding).toBeUndefined();
    for (let k = 0; k < 4; k++) {
      const d = distanceToNearestAtom(column(fit.dictionary, k), A0);
      // μ = 1e-2 of the RMS entry: measured 2e-4…3e-4, far from the rounded atoms' ≤ 1e-14.
      expect(d).toBeLessThan(1e-2);
      expect(d).toBeGreaterThan(1e-6);
    }
    const rounded = await learnOrthogonalDictionary(Y, { method: "sphere", seed: 2, atoms: 4 });
    for (let k = 0; k < 4; k++) expect(distanceToNearestAtom(column(rounded.dictionary, k), A0)).toBeLessThan(1e-10);
    // ℓ¹ objective on the codes (units of Y), before thresholding.
    let l1 = 0;
    for (const v of rounded.codes.data) l1 += Math.abs(v);
    expect(rounded.objective).toBeCloseTo(l1 / 3000, 12);
  });
});
