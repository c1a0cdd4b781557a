import { describe, expect, test } from "vitest";
import { Rng } from "../../src/data/rng.js";
import { observedCounts, observedFromTriples, splitObserved, type Observed } from "../../src/completion/index.js";

/** A ratings-shaped pattern: row i has 1 + (i mod 5) entries at random distinct columns. */
function pattern(seed: number, m: number, n: number): Observed {
  const rng = new Rng(seed);
  const triples: [number, number, number][] = [];
  for (let i = 0; i < m; i++) {
    const cols = new Set<number>();
    while (cols.size < 1 + (i % 5)) cols.add(rng.integer(n));
    for (const j of cols) triples.push([i, j, rng.normal()]);
  }
  return observedFromTriples(m, n, triples);
}

describe("splitObserved", () => {
  const o = pattern(1, 60, 25);
  const nnz = o.row.length;

  test("train and test are disjoint, cover the input, keep input order and the entries' values", () => {
    const { train, test: held, trainIndex, testIndex } = splitObserved(o, { testFraction: 0.25, seed: 3 });
    const all = [...trainIndex, ...testIndex].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: nnz }, (_, k) => k));
    for (const idx of [trainIndex, testIndex]) for (let p = 1; p < idx.length; p++) expect(idx[p]).toBeGreaterThan(idx[p - 1]);
    for (const [part, idx] of [[train, trainIndex], [held, testIndex]] as const) {
      expect(part.rows).toBe(o.rows);
      expect(part.cols).toBe(o.cols);
      for (let p = 0; p < idx.length; p++) {
        expect([part.row[p], part.col[p], part.value[p]]).toEqual([o.row[idx[p]], o.col[idx[p]], o.value[idx[p]]]);
      }
    }
  });

  test("is deterministic in the seed (a number or an Rng) and changes with it", () => {
    const a = splitObserved(o, { testFraction: 0.3, seed: 11 });
    expect(splitObserved(o, { testFraction: 0.3, seed: 11 })).toEqual(a);
    expect(splitObserved(o, { testFraction: 0.3, seed: new Rng(11) })).toEqual(a);
    expect(splitObserved(o, { testFraction: 0.3, seed: 12 }).testIndex).not.toEqual(a.testIndex);
  });

  test("cover: every non-empty row and column keeps a training entry; the test size hits the target when possible", () => {
    const before = observedCounts(o);
    for (const seed of [0, 1, 2, 3, 4]) {
      const { train, test: held } = splitObserved(o, { testFraction: 0.3, seed });
      expect(held.row.length).toBe(Math.round(0.3 * nnz)); // 30% is far from what coverage forbids here
      const after = observedCounts(train);
      for (let i = 0; i < o.rows; i++) if (before.rowCounts[i] > 0) expect(after.rowCounts[i]).toBeGreaterThan(0);
      for (let j = 0; j < o.cols; j++) if (before.colCounts[j] > 0) expect(after.colCounts[j]).toBeGreaterThan(0);
    }
  });

  test("when coverage binds the test set is smaller, never wrong; cover: false gives the exact count", () => {
    const { train, test: held } = splitObserved(o, { testFraction: 0.9, seed: 5 });
    const maxTest = nnz - Math.max(o.rows, o.cols); // each of the 60 rows keeps one entry
    expect(held.row.length).toBeLessThanOrEqual(maxTest);
    expect(observedCounts(train).emptyRows.length).toBe(0);
    const free = splitObserved(o, { testFraction: 0.9, seed: 5, cover: false });
    expect(free.test.row.length).toBe(Math.round(0.9 * nnz));
  });

  test("fractions 0 and 1, and an empty input", () => {
    expect(splitObserved(o, { testFraction: 0 }).test.row.length).toBe(0);
    expect(splitObserved(o, { testFraction: 1, cover: false }).train.row.length).toBe(0);
    const empty = observedFromTriples(3, 3, []);
    expect(splitObserved(empty, { testFraction: 0.5 }).test.row.length).toBe(0);
  });

  test("the test fraction of a large uniform pattern is exact and each entry is equally likely to be held out", () => {
    // Over 200 seeds, each entry's hold-out frequency should be ≈ 0.2 with binomial sd √(0.2·0.8/200) ≈ 0.028.
    const triples: [number, number, number][] = [];
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) triples.push([i, j, i + j]);
    const full = observedFromTriples(10, 10, triples);
    const hits = new Float64Array(100);
    for (let seed = 0; seed < 200; seed++) for (const k of splitObserved(full, { testFraction: 0.2, seed }).testIndex) hits[k]++;
    for (const h of hits) expect(Math.abs(h / 200 - 0.2)).toBeLessThan(0.13); // 4.6 sd: P ≈ 4e-6 per entry (the seeds are fixed, so this is checked once)
  });

  test("rejects bad options and observed entries", () => {
    expect(() => splitObserved(o, { testFraction: 1.5 })).toThrow(/invalid testFraction: expected a number in \[0, 1\], got 1.5/);
    expect(() => splitObserved(o, { testFraction: NaN })).toThrow(/invalid testFraction/);
    expect(() => splitObserved(o, { seed: -1 })).toThrow(/invalid seed/);
    expect(() => splitObserved(o, { seed: "1" as never })).toThrow(TypeError);
    expect(() => splitObserved(o, { cover: 1 as never })).toThrow(/invalid cover/);
    expect(() => splitObserved(o, { fraction: 0.2 } as never)).toThrow(/unknown option fraction/);
    expect(() => splitObserved({ ...o, rows: 1 })).toThrow(/invalid observed\.row/);
  });

  test("the shuffle is partial: about one random draw per test entry, not one per entry (issue 9)", () => {
    // A full Fisher–Yates shuffle draws nnz − 1 numbers whatever the test size: 5 s at 2.5·10⁷.
    const big = pattern(4, 4000, 300);
    let draws = 0;
    const rng = new Rng(9);
    const integer = rng.integer.bind(rng);
    rng.integer = (n: number) => (draws++, integer(n));
    const { test: held } = splitObserved(big, { testFraction: 0.05, seed: rng, cover: false });
    expect(held.row.length).toBe(Math.round(0.05 * big.row.length));
    expect(draws).toBe(held.row.length);
    // Uniform: each entry lands in the test set with probability 5% (binomial over 200 splits).
    const hits = new Float64Array(o.row.length);
    for (let seed = 0; seed < 200; seed++) for (const k of splitObserved(o, { testFraction: 0.05, seed, cover: false }).testIndex) hits[k]++;
    const expected = 200 * Math.round(0.05 * o.row.length) / o.row.length;
    const sd = Math.sqrt(expected);
    for (const h of hits) expect(Math.abs(h - expected)).toBeLessThan(5 * sd);
  });

  test("the split is the lazy Fisher–Yates pass one entry at a time (a reference here), over several batches and with coverage binding", () => {
    // 12,000 entries with few per row and column: the split's batches of 4096 draws, and rows
    // where coverage refuses entries.
    const big = pattern(5, 4000, 900);
    for (const [testFraction, cover] of [[0.6, true], [0.4, false], [0.9, true]] as const) {
      const mine = new Rng(11), theirs = new Rng(11);
      const got = splitObserved(big, { testFraction, seed: mine, cover }).testIndex;
      const nnz = big.row.length, target = Math.round(testFraction * nnz);
      const order = Int32Array.from({ length: nnz }, (_, k) => k);
      const rowLeft = new Int32Array(big.rows), colLeft = new Int32Array(big.cols);
      for (let k = 0; k < nnz; k++) (rowLeft[big.row[k]]++, colLeft[big.col[k]]++);
      const held: number[] = [];
      for (let p = 0; p < nnz && held.length < target; p++) {
        const t = p + theirs.integer(nnz - p);
        [order[p], order[t]] = [order[t], order[p]];
        const k = order[p], i = big.row[k], j = big.col[k];
        if (cover && (rowLeft[i] < 2 || colLeft[j] < 2)) continue;
        rowLeft[i]--;
        colLeft[j]--;
        held.push(k);
      }
      if (testFraction > 0.8) expect(held.length).toBeLessThan(target);
      expect(Array.from(got)).toEqual(held.sort((a, b) => a - b));
      expect(mine.uniform()).toBe(theirs.uniform());
    }
  });
});
