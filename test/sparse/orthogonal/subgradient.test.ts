import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../../src/runtime/init.js";
import { column } from "../../../src/matrix.js";
import { learnOrthogonalDictionary } from "../../../src/sparse/orthogonal/learn-orthogonal-dictionary.js";
import { signedPermutationError } from "../../../src/symmetry/signed-permutation.js";
import { distanceToNearestAtom, instance, orthogonalityDefect } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe('learnOrthogonalDictionary, method "subgradient"', () => {
  test("recovers every atom at n = 50, θ = 0.1, p = 5,000: each within 1e-9 of a true atom, no rounding", async () => {
    const { A0, Y } = instance(50, 5000, 0.1, 3);
    const fit = await learnOrthogonalDictionary(Y, { method: "subgradient", seed: 3 });
    expect(fit.result.converged).toBe(true);
    expect(fit.result.reason).toBe("step-tolerance");
    expect(fit.rounding).toBeUndefined();
    const atoms = fit.atoms!;
    expect(atoms).toHaveLength(50);
    // Each atom runs K₀ = 200 constant steps η₀ = 0.1, then 680 geometric ones 0.1·0.97^j
    // (j = 1…680; the next, 0.1·0.97^681 = 9.8e-11, is below 1e-10), once more per restart (plus
    // the restart's own record); the last atom of the basis is fixed by the others (S⁰ has no
    // tangent: zero subgradient).
    for (let k = 0; k < 49; k++) {
      expect(atoms[k].reason).toBe("step-tolerance");
      expect(atoms[k].iterations).toBe(880 * (atoms[k].restarts! + 1) + atoms[k].restarts!);
    }
    // Here atom 31 stalled on the plane of two atoms (overlaps 0.997, 0.079) and was restarted.
    expect(atoms.map((a) => a.restarts ?? 0).reduce((s, r) => s + r, 0)).toBe(1);
    expect(atoms[31].restarts).toBe(1);
    expect(atoms[49]).toMatchObject({ reason: "gradient-tolerance", iterations: 0 });
    for (let k = 0; k < 50; k++) {
      expect(distanceToNearestAtom(column(fit.dictionary, k), A0), `atom ${k}`).toBeLessThan(1e-9); // measured ≤ 1.8e-10
    }
    expect(signedPermutationError(fit.dictionary, A0).error).toBeLessThan(1e-9);
    expect(orthogonalityDefect(fit.dictionary)).toBeLessThan(1e-13);
    // step = ηₖ: constant, then geometric with ratio β = 0.97.
    const { step } = fit.history;
    expect(step[1]).toBe(0.1);
    expect(step[atoms[31].historyStart + 881]).toBe(0); // the restart's new start
    expect(step[200]).toBe(0.1);
    expect(step[201]).toBeCloseTo(0.097, 15);
    expect(step[880] / 0.1).toBeCloseTo(0.97 ** 680, 12);
  });

  test("without restarts the stalled atom is kept and reported: reason \"step-too-small\", the dictionary off", async () => {
    const { A0, Y } = instance(50, 5000, 0.1, 3);
    const fit = await learnOrthogonalDictionary(Y, { method: "subgradient", seed: 3, restarts: 0, atoms: 32 });
    expect(fit.atoms![31]).toMatchObject({ reason: "step-too-small", converged: false, restarts: 0 });
    expect(fit.result).toMatchObject({ reason: "step-too-small", converged: false });
    expect(distanceToNearestAtom(column(fit.dictionary, 31), A0)).toBeGreaterThan(0.05);
  });

  test("a decay too fast for the constant phase to be skipped loses atoms: the schedule matters", async () => {
    // Without constant steps and with a short geometric schedule (total travel η₀/(1 − β) = 1 rad),
    // some start stalls near a saddle between two atoms.
    const { A0, Y } = instance(20, 3000, 0.1, 4);
    const good = await learnOrthogonalDictionary(Y, { method: "subgradient", seed: 4 });
    expect(signedPermutationError(good.dictionary, A0).error).toBeLessThan(1e-9);
    const bad = await learnOrthogonalDictionary(Y, { method: "subgradient", seed: 4, constantSteps: 0, initialStep: 0.05, decay: 0.95 });
    expect(signedPermutationError(bad.dictionary, A0).error).toBeGreaterThan(1e-3);
  });
});
