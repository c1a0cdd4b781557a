import { beforeAll, expect, test } from "vitest";
import { init } from "../../../src/runtime/init.js";
import { learnOrthogonalDictionary } from "../../../src/sparse/orthogonal/learn-orthogonal-dictionary.js";
import { signedPermutationError } from "../../../src/symmetry/signed-permutation.js";
import { instance, orthogonalityDefect } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

test('"msp" with rounding "lp": signed-permutation error < 1e-2 on 10 of 10 seeds at n = 50, θ = 0.3, p = 10,000 (exact to ~1e-14: the LP removes the ℓ⁴ bias)', async () => {
  for (let seed = 1; seed <= 10; seed++) {
    const { A0, Y } = instance(50, 10_000, 0.3, seed);
    const fit = await learnOrthogonalDictionary(Y, { seed, rounding: "lp" });
    expect(fit.result.converged, `seed ${seed}`).toBe(true);
    expect(fit.rounding).toHaveLength(50);
    expect(fit.rounding!.every((r) => r.converged)).toBe(true);
    const { error } = signedPermutationError(fit.dictionary, A0);
    expect(error, `seed ${seed}`).toBeLessThan(1e-2);
    expect(error, `seed ${seed}`).toBeLessThan(1e-12);
    expect(orthogonalityDefect(fit.dictionary)).toBeLessThan(1e-13);
  }
});
