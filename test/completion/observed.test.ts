import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { fromRows } from "../../src/matrix.js";
import { sampledResidual, sparseTimesDense } from "../../src/kernels/sparse/index.js";
import {
  checkObserved, observedByColumn, observedByRow, observedCounts, observedDense, observedFromFactors,
  observedFromMask, observedFromTriples, observedMask, type Observed,
} from "../../src/completion/index.js";

beforeAll(async () => {
  await init();
});

const obs = (rows: number, cols: number, r: number[], c: number[], v: number[]): Observed => ({
  rows, cols, row: Int32Array.from(r), col: Int32Array.from(c), value: Float64Array.from(v),
});

/** A random Observed with distinct positions (a shuffled subset of all cells), in random order. */
function randomObserved(rng: Rng, m: number, n: number, nnz: number): Observed {
  const cells = Array.from({ length: m * n }, (_, t) => t);
  for (let k = cells.length - 1; k > 0; k--) {
    const j = rng.integer(k + 1);
    [cells[k], cells[j]] = [cells[j], cells[k]];
  }
  const pick = cells.slice(0, nnz);
  return obs(m, n, pick.map((t) => Math.floor(t / n)), pick.map((t) => t % n), Array.from(rng.normalArray(nnz)));
}

describe("checkObserved", () => {
  test("accepts a valid Observed (no copy), also empty and 0×0", () => {
    const o = obs(2, 3, [0, 1], [2, 0], [1.5, -2]);
    expect(checkObserved("o", o)).toBe(o);
    expect(() => checkObserved("o", obs(0, 0, [], [], []))).not.toThrow();
  });

  test("names the argument, the entry and the value", () => {
    expect(() => checkObserved("obs", null)).toThrow(TypeError);
    expect(() => checkObserved("obs", { rows: 2, cols: 2, row: [0], col: Int32Array.of(0), value: Float64Array.of(1) }))
      .toThrow(/invalid obs\.row: expected an Int32Array, got Array\(1\)/);
    expect(() => checkObserved("obs", { ...obs(2, 2, [0], [0], [1]), rows: -1 })).toThrow(/invalid obs\.rows/);
    expect(() => checkObserved("obs", { ...obs(2, 2, [0], [0], [1]), cols: 1.5 })).toThrow(/invalid obs\.cols/);
    expect(() => checkObserved("obs", obs(2, 2, [0, 1], [0], [1, 2]))).toThrow(/one length, got 2, 1 and 2/);
    expect(() => checkObserved("obs", obs(2, 2, [0, 2], [0, 0], [1, 2]))).toThrow(/invalid obs\.row: obs\.row\[1\] = 2 is out of range \[0, 2\)/);
    expect(() => checkObserved("obs", obs(2, 2, [0, 1], [0, -1], [1, 2]))).toThrow(/obs\.col\[1\] = -1 is out of range/);
    expect(() => checkObserved("obs", obs(2, 2, [0, 1], [0, 1], [1, NaN]))).toThrow(/obs\.value\[1\] = NaN; expected finite/);
    expect(() => checkObserved("obs", obs(2, 2, [0, 1], [0, 1], [Infinity, 1]))).toThrow(/obs\.value\[0\] = Infinity/);
    expect(() => checkObserved("obs", obs(3, 3, [0, 1, 2, 1], [0, 2, 1, 2], [1, 2, 3, 4])))
      .toThrow(/duplicate entry \(1, 2\) at entries 1 and 3/);
  });

  test("finds duplicates also when the columns are too many for a marker array", () => {
    const o = obs(2, 2 ** 30, [1, 0, 1], [5, 5, 5], [1, 2, 3]);
    expect(() => checkObserved("o", o)).toThrow(/duplicate entry \(1, 5\) at entries 0 and 2/);
  });
});

describe("observedFromMask", () => {
  const Y = fromRows([[1, NaN, 3], [4, 5, NaN]]);
  const want = obs(2, 3, [0, 0, 1, 1], [0, 2, 0, 1], [1, 3, 4, 5]);

  test("takes the masked entries in row-major order, from all three mask kinds", () => {
    const bytes = Uint8Array.of(1, 0, 1, 1, 7, 0); // any nonzero byte is "observed"
    const bools = [true, false, true, true, true, false];
    const mat = fromRows([[1, 0, 1], [1, 1, 0]]);
    for (const mask of [bytes, bools, mat]) expect(observedFromMask(Y, mask)).toEqual(want);
  });

  test("round-trips with observedDense and observedMask", () => {
    const o = observedFromMask(Y, Uint8Array.of(1, 0, 1, 1, 1, 0));
    const dense = observedDense(o, { fill: NaN });
    expect(Array.from(dense.data)).toEqual([1, NaN, 3, 4, 5, NaN]);
    expect(observedFromMask(dense, observedMask(o))).toEqual(o);
    expect(Array.from(observedDense(o).data)).toEqual([1, 0, 3, 4, 5, 0]);
  });

  test("rejects bad masks and non-finite observed values", () => {
    expect(() => observedFromMask(Y, Uint8Array.of(1, 1, 0, 0, 0, 0))).toThrow(/invalid Y: Y\[0, 1\] = NaN is observed/);
    expect(() => observedFromMask(Y, new Uint8Array(5))).toThrow(/invalid mask: expected length rows·cols = 2·3 = 6, got length 5/);
    expect(() => observedFromMask(Y, [true, 1, 0, 0, 0, 0] as unknown as boolean[])).toThrow(/mask\[1\] is 1; expected booleans/);
    expect(() => observedFromMask(Y, fromRows([[1, 0], [0, 1]]))).toThrow(/expected a 2×3 mask/);
    expect(() => observedFromMask(Y, fromRows([[1, 0, 0], [0, NaN, 0]]))).toThrow(/mask\[1, 1\] is NaN/);
    expect(() => observedFromMask(Y, "101" as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => observedFromMask({ rows: 1 } as never, new Uint8Array(0))).toThrow(/invalid Y/);
  });
});

describe("observedFromTriples", () => {
  test("both input forms give the same entries, in input order", () => {
    const a = observedFromTriples(3, 4, [[2, 3, 1.5], [0, 0, -1], [1, 2, 7]]);
    const b = observedFromTriples(3, 4, { row: [2, 0, 1], col: Int32Array.of(3, 0, 2), value: Float64Array.of(1.5, -1, 7) });
    expect(a).toEqual(obs(3, 4, [2, 0, 1], [3, 0, 2], [1.5, -1, 7]));
    expect(b).toEqual(a);
  });

  const dup: [number, number, number][] = [[0, 1, 1], [1, 1, 5], [0, 1, 2], [2, 0, 3], [0, 1, 6], [1, 1, 1]];

  test("duplicates: reject names the first repeated (i, j) in input order", () => {
    expect(() => observedFromTriples(3, 2, dup)).toThrow(/duplicate entry \(0, 1\) at triples\[0\] and triples\[2\]/);
    expect(() => observedFromTriples(3, 2, { row: [1, 0, 1], col: [0, 0, 0], value: [1, 2, 3] }))
      .toThrow(/duplicate entry \(1, 0\) at entry 0 and entry 2/);
  });

  test("duplicates: sum, mean and last keep the first position", () => {
    const at = (policy: "sum" | "mean" | "last") => observedFromTriples(3, 2, dup, { duplicates: policy });
    for (const p of ["sum", "mean", "last"] as const) {
      expect(Array.from(at(p).row)).toEqual([0, 1, 2]);
      expect(Array.from(at(p).col)).toEqual([1, 1, 0]);
    }
    expect(Array.from(at("sum").value)).toEqual([9, 6, 3]);
    expect(Array.from(at("mean").value)).toEqual([3, 3, 3]);
    expect(Array.from(at("last").value)).toEqual([6, 1, 3]);
  });

  test("duplicates: a sum that overflows is an error, not an Infinity entry", () => {
    expect(() => observedFromTriples(1, 1, [[0, 0, 1e308], [0, 0, 1e308]], { duplicates: "sum" })).toThrow(/overflows/);
  });

  test("matches a Map-based reference on random data with many repeats", () => {
    const rng = new Rng(3);
    const n = 400;
    const r = Array.from({ length: n }, () => rng.integer(6));
    const c = Array.from({ length: n }, () => rng.integer(5));
    const v = Array.from({ length: n }, () => rng.integer(10));
    const ref = new Map<string, number[]>();
    for (let k = 0; k < n; k++) {
      const key = `${r[k]},${c[k]}`;
      ref.set(key, [...(ref.get(key) ?? []), v[k]]);
    }
    const got = observedFromTriples(6, 5, { row: r, col: c, value: v }, { duplicates: "mean" });
    expect(got.row.length).toBe(ref.size);
    expect([...ref.keys()]).toEqual(Array.from(got.row, (i, k) => `${i},${got.col[k]}`)); // Map keeps first-insertion order
    for (let k = 0; k < got.row.length; k++) {
      const vals = ref.get(`${got.row[k]},${got.col[k]}`) as number[];
      expect(got.value[k]).toBeCloseTo(vals.reduce((s, x) => s + x, 0) / vals.length, 12);
    }
    expect(() => checkObserved("got", got)).not.toThrow();
  });

  test("rejects bad input naming the entry", () => {
    expect(() => observedFromTriples(2, 2, [[0, 2, 1]])).toThrow(/triples\[0\]\[1\] \(column\) = 2 is not an integer in \[0, 2\)/);
    expect(() => observedFromTriples(2, 2, [[0, 0, 1], [1.5, 0, 1]])).toThrow(/triples\[1\]\[0\] \(row\) = 1\.5/);
    expect(() => observedFromTriples(2, 2, [[0, 0, NaN]])).toThrow(/triples\[0\]\[2\] \(value\) = NaN; expected finite/);
    expect(() => observedFromTriples(2, 2, [[0, 0, "1"]] as never)).toThrow(TypeError);
    expect(() => observedFromTriples(2, 2, [[0, 0]] as never)).toThrow(/triples\[0\] is Array\(2\); expected \[i, j, value\]/);
    expect(() => observedFromTriples(2, 2, { row: [0, 1], col: [0], value: [1, 2] })).toThrow(/invalid triples\.col: expected length 2/);
    expect(() => observedFromTriples(2, 2, { row: [0], col: [-1], value: [1] })).toThrow(/triples\.col\[0\] = -1/);
    expect(() => observedFromTriples(2, 2, [], { duplicates: "max" as never })).toThrow(/invalid duplicates/);
    expect(() => observedFromTriples(2, 2, [], { dupes: "sum" } as never)).toThrow(/unknown option dupes/);
    expect(() => observedFromTriples(-1, 2, [])).toThrow(/invalid rows/);
  });
});

describe("observedCounts, observedByRow, observedByColumn", () => {
  test("counts and empty rows/columns match a direct count", () => {
    const o = obs(4, 5, [3, 0, 3, 0, 0], [4, 1, 1, 0, 4], [1, 2, 3, 4, 5]);
    const c = observedCounts(o);
    expect(Array.from(c.rowCounts)).toEqual([3, 0, 0, 2]);
    expect(Array.from(c.colCounts)).toEqual([1, 2, 0, 0, 2]);
    expect(Array.from(c.emptyRows)).toEqual([1, 2]);
    expect(Array.from(c.emptyCols)).toEqual([2, 3]);
  });

  test("grouping by row / column is a sorted CSR of S / Sᵀ with a valid perm, and feeds the sparse products", () => {
    const rng = new Rng(5);
    for (const [m, n, nnz] of [[1, 1, 0], [1, 1, 1], [7, 9, 30], [12, 5, 60], [6, 6, 36]]) {
      const o = randomObserved(rng, m, n, nnz);
      for (const [g, major, minor, count] of [
        [observedByRow(o), o.row, o.col, m], [observedByColumn(o), o.col, o.row, n],
      ] as const) {
        expect(g.rowPtr.length).toBe(count + 1);
        expect(g.rowPtr[count]).toBe(nnz);
        expect(Array.from(g.perm).sort((a, b) => a - b)).toEqual(Array.from({ length: nnz }, (_, k) => k));
        for (let i = 0; i < count; i++) {
          for (let p = g.rowPtr[i]; p < g.rowPtr[i + 1]; p++) {
            const k = g.perm[p];
            expect(major[k]).toBe(i);
            expect(g.colIdx[p]).toBe(minor[k]);
            expect(g.value[p]).toBe(o.value[k]);
            if (p > g.rowPtr[i]) expect(g.colIdx[p]).toBeGreaterThan(g.colIdx[p - 1]);
          }
        }
      }
      // S·V from the by-row CSR equals the one from the COO form.
      const V = { rows: n, cols: 2, data: rng.normalArray(2 * n) };
      expect(Array.from(sparseTimesDense(observedByRow(o), V).data)).toEqual(
        Array.from(sparseTimesDense(o, V).data).map((x, t) => expect.closeTo(x, 12) as unknown as number),
      );
    }
  });
});

describe("observedFromFactors", () => {
  test("values are the entries of UVᵀ plus seeded noise, and work with sampledResidual", () => {
    const rng = new Rng(8);
    const U = { rows: 5, cols: 2, data: rng.normalArray(10) };
    const V = { rows: 4, cols: 2, data: rng.normalArray(8) };
    const positions = { row: Int32Array.of(0, 4, 2, 3), col: Int32Array.of(3, 0, 2, 1) };
    const clean = observedFromFactors(U, V, positions);
    for (let k = 0; k < 4; k++) {
      const i = positions.row[k], j = positions.col[k];
      expect(clean.value[k]).toBeCloseTo(U.data[2 * i] * V.data[2 * j] + U.data[2 * i + 1] * V.data[2 * j + 1], 14);
    }
    expect(Array.from(sampledResidual(U, V, clean)).every((r) => Math.abs(r) < 1e-14)).toBe(true);
    const noisy = observedFromFactors(U, V, positions, { noise: 0.1, seed: 4 });
    const again = observedFromFactors(U, V, positions, { noise: 0.1, seed: 4 });
    expect(noisy).toEqual(again);
    const z = new Rng(4).normalArray(4);
    for (let k = 0; k < 4; k++) expect(noisy.value[k]).toBeCloseTo(clean.value[k] + 0.1 * z[k], 14);
  });

  test("rejects repeated or out-of-range positions and bad options, leaking nothing", () => {
    const U = { rows: 2, cols: 1, data: Float64Array.of(1, 2) };
    const V = { rows: 2, cols: 1, data: Float64Array.of(3, 4) };
    const before = runtime().arena.stats().buffersLive;
    expect(() => observedFromFactors(U, V, { row: Int32Array.of(0, 0), col: Int32Array.of(1, 1) })).toThrow(/\(0, 1\) appears at entries 0 and 1/);
    expect(() => observedFromFactors(U, V, { row: Int32Array.of(2), col: Int32Array.of(0) })).toThrow(/positions\.row\[0\] = 2 is out of range/);
    expect(() => observedFromFactors(U, V, { row: Int32Array.of(0), col: Int32Array.of(0) }, { noise: -1 })).toThrow(/invalid noise/);
    expect(() => observedFromFactors(U, { rows: 2, cols: 2, data: new Float64Array(4) }, { row: Int32Array.of(0), col: Int32Array.of(0) })).toThrow(/invalid V/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
