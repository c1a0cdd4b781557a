// A small phase transition (θ × p at n = 20, 3 instances per cell) whose shape the papers report:
// recovery succeeds with more samples and fails as the codes get denser. The full grid, with
// timings, is bench/orthogonal-dictionary.mjs.
import { beforeAll, expect, test } from "vitest";
import { init } from "../../../src/runtime/init.js";
import { learnOrthogonalDictionary, type LearnOrthogonalDictionaryOptions } from "../../../src/sparse/orthogonal/index.js";
import { l4Error, signedPermutationError } from "../../../src/symmetry/signed-permutation.js";
import type { Matrix } from "../../../src/matrix.js";
import { instance } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const N = 20;
const THETAS = [0.1, 0.3, 0.6];
const SEEDS = [1, 2, 3];

/** Success counts[θ index][p index] over the seeds. */
async function sweep(options: LearnOrthogonalDictionaryOptions, samples: readonly number[], success: (A: Matrix, A0: Matrix) => boolean): Promise<number[][]> {
  const counts: number[][] = [];
  for (const theta of THETAS) {
    const row: number[] = [];
    for (const p of samples) {
      let ok = 0;
      for (const seed of SEEDS) {
        const { A0, Y } = instance(N, p, theta, seed);
        const fit = await learnOrthogonalDictionary(Y, { ...options, seed });
        if (success(fit.dictionary, A0)) ok++;
      }
      row.push(ok);
    }
    counts.push(row);
  }
  return counts;
}

/** Non-decreasing in p for every θ, non-increasing in θ for every p, all at (θ 0.1, large p), none at (θ 0.6, small p). */
function expectPhaseTransitionShape(counts: number[][]): void {
  const columns = counts[0].length;
  for (const row of counts) for (let j = 1; j < columns; j++) expect(row[j]).toBeGreaterThanOrEqual(row[j - 1]);
  for (let j = 0; j < columns; j++) for (let i = 1; i < THETAS.length; i++) expect(counts[i][j]).toBeLessThanOrEqual(counts[i - 1][j]);
  expect(counts[0][columns - 1]).toBe(SEEDS.length);
  expect(counts[THETAS.length - 1][0]).toBe(0);
}

test('plain "msp" (rounding: false): success (l4Error ≤ 1e-2, the measure of Zhai et al.) needs many samples and sparse codes', async () => {
  const counts = await sweep({ method: "msp", rounding: false }, [200, 5000], (A, A0) => l4Error(A, A0) <= 1e-2);
  // p = 10n, 250n. Measured: θ 0.1 [0, 3], θ 0.3 [0, 3], θ 0.6 [0, 0] (median l4Error at p = 5000:
  // 2.8e-3, 5.2e-3, 1.8e-2; at p = 200 above 0.2).
  expectPhaseTransitionShape(counts);
  expect(counts[1][1]).toBe(3);
  expect(counts[2][1]).toBe(0);
});

test('"sphere": exact recovery (signed-permutation error ≤ 1e-8) has the phase transition of Sun, Qu & Wright', async () => {
  const counts = await sweep({ method: "sphere" }, [200, 3000], (A, A0) => signedPermutationError(A, A0).error <= 1e-8);
  // p = 10n, 150n. Measured: θ 0.1 [2, 3], θ 0.3 [1, 3], θ 0.6 [0, 2]: with more samples exact
  // recovery reaches denser codes.
  expectPhaseTransitionShape(counts);
  expect(counts[0][0]).toBeGreaterThan(counts[2][0]);
});

test('"msp" with its default ℓ¹ refinement: exact recovery (signed-permutation error ≤ 1e-8) needs enough samples', async () => {
  const counts = await sweep({}, [60, 200, 1000, 5000], (A, A0) => signedPermutationError(A, A0).error <= 1e-8);
  // p = 3n, 10n, 50n, 250n. Measured: θ 0.1 [0, 0, 3, 3], θ 0.3 [0, 2, 3, 3], θ 0.6 [0, 0, 3, 3]: exact
  // wherever plain MSP's ℓ⁴ fixed point is biased, and at θ = 0.6, p = 5000, where it is not even within
  // l4Error 1e-2. At p = 10n the sparsest codes fail too: each atom has only ≈ 20 nonzero codes.
  for (const row of counts) for (let j = 1; j < row.length; j++) expect(row[j]).toBeGreaterThanOrEqual(row[j - 1]);
  for (const row of counts) {
    expect(row[0]).toBe(0);
    expect(row[2]).toBe(SEEDS.length);
    expect(row[3]).toBe(SEEDS.length);
  }
});
