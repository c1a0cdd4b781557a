import { describe, expect, test } from "vitest";
import { Rng } from "../../src/data/rng.js";
import { powerLawSample, uniformMask } from "../../src/data/masks.js";

function sum(mask: Uint8Array): number {
  let s = 0;
  for (const v of mask) s += v;
  return s;
}

describe("uniformMask", () => {
  test("Bernoulli: the count is within binomial tolerance, rows are alike, values are 0/1", () => {
    const m = 100, n = 80, N = m * n;
    for (const [p, seed] of [[0.3, 1], [0.05, 2], [0.9, 3]] as const) {
      const mask = uniformMask(m, n, p, seed);
      expect(mask.length).toBe(N);
      expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
      // count ~ Binomial(N, p): sd = √(Np(1 − p)) (41 for p = 0.3); 5 sd bounds a false failure by 6e-7.
      expect(Math.abs(sum(mask) - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
      // Each row count ~ Binomial(n, p): the largest of 100 exceeds np + 6 sd (+1 for discreteness)
      // with probability ≲ 100·1e-9 (normal tail; the binomial tail is comparable at these sizes).
      let rowMax = 0;
      for (let i = 0; i < m; i++) rowMax = Math.max(rowMax, sum(mask.subarray(i * n, (i + 1) * n)));
      expect(rowMax).toBeLessThan(n * p + 6 * Math.sqrt(n * p * (1 - p)) + 1);
    }
    expect(sum(uniformMask(7, 9, 0, 4))).toBe(0);
    expect(sum(uniformMask(7, 9, 1, 4))).toBe(63);
  });

  test("exact: exactly round(fraction·mn) entries, each position equally likely", () => {
    expect(sum(uniformMask(33, 17, 0.37, 9, { sampling: "exact" }))).toBe(Math.round(0.37 * 33 * 17));
    expect(sum(uniformMask(4, 4, 1, 9, { sampling: "exact" }))).toBe(16);
    // Over 400 seeds, each of 20 positions is in the mask with frequency ≈ 0.3 (sd √(0.21/400) ≈ 0.023).
    const freq = new Float64Array(20);
    for (let seed = 0; seed < 400; seed++) {
      const mask = uniformMask(4, 5, 0.3, seed, { sampling: "exact" });
      expect(sum(mask)).toBe(6);
      mask.forEach((v, t) => (freq[t] += v / 400));
    }
    for (const f of freq) expect(Math.abs(f - 0.3)).toBeLessThan(0.1); // > 4 sd
  });

  test("deterministic in the seed (number or Rng)", () => {
    expect(uniformMask(10, 10, 0.5, 3)).toEqual(uniformMask(10, 10, 0.5, new Rng(3)));
    expect(uniformMask(10, 10, 0.5, 3)).not.toEqual(uniformMask(10, 10, 0.5, 4));
  });

  test("rejects bad arguments", () => {
    expect(() => uniformMask(3, 3, 1.2, 0)).toThrow(/invalid fraction: expected a number in \[0, 1\], got 1.2/);
    expect(() => uniformMask(3, 3, -0.1, 0)).toThrow(/invalid fraction/);
    expect(() => uniformMask(3, -3, 0.5, 0)).toThrow(/invalid cols/);
    expect(() => uniformMask(3, 3, 0.5, 1.5)).toThrow(/invalid seed/);
    expect(() => uniformMask(3, 3, 0.5, 0, { sampling: "poisson" as never })).toThrow(/invalid sampling/);
  });
});

describe("powerLawSample", () => {
  test("count distinct in-range positions sorted by row then column, deterministic in the seed", () => {
    const s = powerLawSample(50, 40, 300, { exponent: 1, seed: 2 });
    expect(s.row.length).toBe(300);
    const keys = Array.from(s.row, (i, k) => i * 40 + s.col[k]);
    for (let k = 1; k < keys.length; k++) expect(keys[k]).toBeGreaterThan(keys[k - 1]);
    expect(s.row.every((i) => i >= 0 && i < 50) && s.col.every((j) => j >= 0 && j < 40)).toBe(true);
    expect(powerLawSample(50, 40, 300, { exponent: 1, seed: 2 })).toEqual(s);
    expect(powerLawSample(50, 40, 300, { exponent: 1, seed: new Rng(2) })).toEqual(s);
  });

  test("large shapes (a Set of cells instead of a bitmap) also give sorted distinct positions", () => {
    const s = powerLawSample(20_000, 30_000, 2000, { exponent: 0.8, seed: 6 });
    const keys = Array.from(s.row, (i, k) => i * 30_000 + s.col[k]);
    for (let k = 1; k < keys.length; k++) expect(keys[k]).toBeGreaterThan(keys[k - 1]);
    expect(s.row.length).toBe(2000);
  });

  test("row popularity follows (i + 1)^(−a) when the sample is sparse", () => {
    // 10 rows, 10⁵ uniform columns, 3000 draws: repeats are rare (< 1% of draws), so row counts are
    // ≈ multinomial with pᵢ = (i + 1)^(−1)/H₁₀; each within 5 sd of its mean.
    const m = 10, count = 3000;
    const s = powerLawSample(m, 100_000, count, { exponent: [1, 0], seed: 4 });
    const H = Array.from({ length: m }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b);
    const counts = new Float64Array(m);
    for (const i of s.row) counts[i]++;
    for (let i = 0; i < m; i++) {
      const p = 1 / (i + 1) / H;
      expect(Math.abs(counts[i] - count * p)).toBeLessThan(5 * Math.sqrt(count * p * (1 - p)));
    }
    // Columns are drawn from what is left of the row's uniform (see PairSampler): their marginal
    // must still be qⱼ ∝ (j + 1)^(−b), independently of the row — here b = 1 on 10 columns, rows
    // uniform over 10⁵, and within each of the two most popular columns rows split evenly.
    const t = powerLawSample(100_000, m, count, { exponent: [0, 1], seed: 6 });
    const colCounts = new Float64Array(m);
    for (const j of t.col) colCounts[j]++;
    for (let j = 0; j < m; j++) {
      const q = 1 / (j + 1) / H;
      expect(Math.abs(colCounts[j] - count * q)).toBeLessThan(5 * Math.sqrt(count * q * (1 - q)));
    }
    for (const j of [0, 1]) {
      const low = t.row.filter((i, k) => t.col[k] === j && i < 50_000).length;
      expect(Math.abs(2 * low - colCounts[j])).toBeLessThan(5 * Math.sqrt(colCounts[j]));
    }
    // Exponent 0 is uniform: the first and last tenth of rows get about the same share.
    const u = powerLawSample(1000, 1000, 5000, { exponent: 0, seed: 5 });
    const low = u.row.filter((i) => i < 100).length, high = u.row.filter((i) => i >= 900).length;
    expect(Math.abs(low - high)).toBeLessThan(5 * Math.sqrt(2 * 500)); // difference of two ≈ Poisson(500)
  });

  test("a steep exponent near full occupancy falls back to exact weighted sampling and still returns distinct cells", () => {
    const all = powerLawSample(6, 6, 36, { exponent: 3, seed: 1 });
    expect(Array.from(all.row, (i, k) => i * 6 + all.col[k])).toEqual(Array.from({ length: 36 }, (_, t) => t));
    const most = powerLawSample(6, 6, 30, { exponent: 3, seed: 1 });
    expect(new Set(Array.from(most.row, (i, k) => i * 6 + most.col[k])).size).toBe(30);
    // The heaviest cells are the most likely to be in: (0, 0) is always chosen.
    expect(most.row[0] === 0 && most.col[0] === 0).toBe(true);
    expect(powerLawSample(0, 5, 0).row.length).toBe(0);
  });

  test("rejects bad arguments", () => {
    expect(() => powerLawSample(3, 3, 10)).toThrow(/invalid count: expected an integer in \[0, 9\], got 10/);
    expect(() => powerLawSample(3, 3, 2, { exponent: -1 })).toThrow(/invalid exponent/);
    expect(() => powerLawSample(3, 3, 2, { exponent: [1] as never })).toThrow(/invalid exponent/);
    expect(() => powerLawSample(3, 3, 2, { exponent: [1, NaN] })).toThrow(/invalid exponent\[1\]/);
    expect(() => powerLawSample(3, 3, 2, { alpha: 1 } as never)).toThrow(/unknown option alpha/);
  });

  // 50,000² cells: too many for the bitmap. Exponent 0.7 with few repeats; exponent 1.1, where
  // repeats are common, needs several batches of redraws and then the one-by-one tail.
  test.each([[0.7, 20_000], [1.1, 300_000]])(
    "beyond 2³⁰ cells: the successive distinct draws, as a plain Set reference finds them, and the same draws consumed (exponent %f, %i cells)",
    (exponent, count) => {
      const m = 50_000, n = 50_000;
      const mine = new Rng(3);
      const s = powerLawSample(m, n, count, { exponent, seed: mine });
      // Reference: the same draws (one uniform u per pair: the row by inverting its CDF at u, the
      // column at (u − P(row < i))/pᵢ; binary searches) into a JS Set.
      const cdf = (size: number): Float64Array => {
        const c = new Float64Array(size);
        let t = 0;
        for (let k = 0; k < size; k++) c[k] = t += Math.pow(k + 1, -exponent);
        return c.map((x) => x / t);
      };
      const rc = cdf(m), cc = cdf(n);
      const draw = (u: number, c: Float64Array): number => {
        let lo = 0, hi = c.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (u < c[mid]) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      };
      const rng = new Rng(3);
      const seen = new Set<number>();
      let draws = 0;
      while (seen.size < count) {
        const u = rng.uniform();
        draws++;
        const i = draw(u, rc);
        const below = i > 0 ? rc[i - 1] : 0;
        seen.add(i * n + draw(Math.min((u - below) / (rc[i] - below), 1 - 2 ** -53), cc));
      }
      const want = [...seen].sort((a, b) => a - b);
      const got = Array.from(s.row, (i, k) => i * n + s.col[k]);
      expect(got.length).toBe(want.length);
      expect(got.every((x, k) => x === want[k])).toBe(true);
      // Repeats were common in the second case, so redraws were needed there.
      if (exponent > 1) expect(draws).toBeGreaterThan(1.1 * count);
      expect(mine.uniform()).toBe(rng.uniform());
    },
    30_000,
  );

  test("a ratings-sized sample: more than 2²⁴ distinct positions (a JS Set's limit, which it used to hit)", () => {
    const count = 2 ** 24 + 1000;
    const s = powerLawSample(40_000, 40_000, count, { exponent: 0.7, seed: 1 });
    expect(s.row.length).toBe(count);
    // Sorted by row then column, hence distinct.
    let ok = true;
    for (let k = 1; k < count; k++) if (!(s.row[k] > s.row[k - 1] || (s.row[k] === s.row[k - 1] && s.col[k] > s.col[k - 1]))) ok = false;
    expect(ok).toBe(true);
  }, 60_000);
});
