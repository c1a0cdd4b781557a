// matchKernels: the assignment of estimates to references modulo signed shifts and a permutation,
// against a brute force over all permutations of the shift-correlation matrix.
import { beforeAll, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { matchKernels, shiftCorrelation } from "../../src/symmetry/signed-shift.js";

beforeAll(async () => {
  await init();
});

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

test("permuted, shifted, sign-flipped copies in larger windows are matched back exactly", () => {
  const rng = new Rng(3);
  const refs = Array.from({ length: 4 }, () => rng.normalArray(7));
  const order = [2, 0, 3, 1]; // estimate i is a copy of reference order[i]
  const estimates = order.map((j, i) => {
    const w = new Float64Array(21);
    w.set(refs[j].map((v) => (i % 2 ? -3 : 2) * v), 3 + 2 * i);
    return w;
  });
  const match = matchKernels(estimates, refs);
  expect(Array.from(match.estimateOf)).toEqual([1, 3, 0, 2]);
  for (const c of match.correlations) expect(c).toBeCloseTo(1, 12);
  expect(match.shifts[2]).toMatchObject({ shift: 3, sign: 1 });
  expect(match.shifts[0]).toMatchObject({ shift: 5, sign: -1 });
  expect(match.minimum).toBeCloseTo(1, 12);
});

test("the matching maximizes the total shift correlation (brute force over permutations), 1-D and 2-D, more or fewer estimates", () => {
  const rng = new Rng(9);
  for (const [ne, nr, twoD] of [[4, 4, false], [5, 3, false], [3, 4, true], [5, 5, true]] as const) {
    const kernel = () => (twoD ? { rows: 3, cols: 4, data: rng.normalArray(12) } : rng.normalArray(9));
    const est = Array.from({ length: ne }, kernel), ref = Array.from({ length: nr }, kernel);
    const match = matchKernels(est, ref);
    const c = (i: number, j: number) => shiftCorrelation(est[i], ref[j]).correlation;
    for (let i = 0; i < ne; i++) for (let j = 0; j < nr; j++) expect(match.matrix.data[i * nr + j]).toBe(c(i, j));
    let best = -Infinity;
    const big = Math.max(ne, nr);
    for (const p of permutations(big)) {
      let total = 0;
      for (let j = 0; j < nr; j++) if (p[j] < ne) total += c(p[j], j);
      best = Math.max(best, total);
    }
    const total = Array.from(match.estimateOf).reduce((s, i, j) => s + (i < 0 ? 0 : c(i, j)), 0);
    expect(total).toBeCloseTo(best, 12);
    expect(Array.from(match.estimateOf).filter((i) => i >= 0)).toHaveLength(Math.min(ne, nr));
    expect(match.minimum).toBe(Math.min(...match.correlations));
  }
});

test("bad arguments are named", () => {
  expect(() => matchKernels([], [new Float64Array(2)])).toThrow("invalid estimates: expected a nonempty array of kernels, got Array(0)");
  expect(() => matchKernels([new Float64Array([1])], [new Float64Array([NaN])])).toThrow("invalid references[0]: entry 0 is NaN");
  expect(() => matchKernels([new Float64Array([1])], [{ rows: 1, cols: 1, data: new Float64Array([1]) }])).toThrow("invalid references[0]: expected a Float64Array like estimates[0]");
});
