import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { normalizeColumns } from "../../../src/kernels/prox/normalize-columns.js";
import { matrix, type Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import { firstDifference } from "./reference.js";

beforeAll(async () => {
  await init();
});

const EPS = 2 ** -52;

// Column by column in plain JS: sequential Σ a_ij², then a_ij / sqrt(Σ); zero columns kept.
function normalizeRef(a: Matrix): Matrix {
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += data[i * cols + j] ** 2;
    const r = s === 0 ? 1 : Math.sqrt(s);
    for (let i = 0; i < rows; i++) out[i * cols + j] = data[i * cols + j] / r;
  }
  return { rows, cols, data: out };
}

function maxError(a: Float64Array, b: Float64Array): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  return e;
}

describe("normalizeColumns", () => {
  test("matches the column-by-column reference on every build; builds agree bit for bit", async () => {
    const rng = new Rng(61);
    for (const [rows, cols] of [[1, 1], [1, 7], [7, 1], [3, 2], [5, 17], [33, 4], [64, 257]]) {
      const a = matrix(rows, cols, rng.normalArray(rows * cols));
      const want = normalizeRef(a);
      // (rows + 4)·eps: the two norms differ by ≤ rows·eps, plus one rounding per entry.
      await eachBinary(() => {
        const got = normalizeColumns(a);
        expect(got.rows).toBe(rows);
        expect(got.cols).toBe(cols);
        expect(maxError(got.data, want.data)).toBeLessThanOrEqual((rows + 4) * EPS);
      });
      const results = [...(await resultsByBinary(() => normalizeColumns(a).data)).values()];
      for (const r of results) expect(firstDifference(r, results[0])).toBe(-1);
    }
  });

  test("columns near overflow and underflow are normalized like their rescaled copies", () => {
    const rng = new Rng(62);
    const base = matrix(20, 3, rng.normalArray(60).map((v) => Math.round(v * 2 ** 20) / 2 ** 20));
    const scaled = matrix(20, 3, base.data.map((v, k) => v * 2 ** [1020, -1040, 0][k % 3]));
    expect(maxError(normalizeColumns(scaled).data, normalizeRef(base).data)).toBeLessThanOrEqual(24 * EPS);
  });

  test("zero columns: an error naming the column, or kept with zeroColumns: \"keep\"", () => {
    const before = runtime().arena.stats().buffersLive;
    const a = matrix(3, 4, [1, 0, 2, 0, -2, 0, 2, 0, 2, 0, 1, 0]);
    expect(() => normalizeColumns(a)).toThrow(/invalid A: column 1 is zero and has no unit-norm direction/);
    expect(() => normalizeColumns(a, { zeroColumns: "error" })).toThrow(RangeError);
    const out = matrix(3, 4);
    out.data.fill(7);
    expect(() => normalizeColumns(a, { out })).toThrow(/column 1/);
    expect(Array.from(out.data).every((v) => v === 7)).toBe(true);
    const kept = normalizeColumns(a, { zeroColumns: "keep" });
    expect(Array.from(kept.data)).toEqual([1 / 3, 0, 2 / 3, 0, -2 / 3, 0, 2 / 3, 0, 2 / 3, 0, 1 / 3, 0]);
    expect(() => normalizeColumns(matrix(0, 2))).toThrow(/column 0 is zero/);
    expect(normalizeColumns(matrix(0, 2), { zeroColumns: "keep" }).data.length).toBe(0);
    expect(normalizeColumns(matrix(3, 0)).data.length).toBe(0);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("in place through out = A; NaN poisons only its own column", () => {
    const a = matrix(2, 3, [3, NaN, 1, 4, 1, -Infinity]);
    expect(normalizeColumns(a, { out: a })).toBe(a);
    expect(Array.from(a.data)).toEqual([0.6, NaN, NaN, 0.8, NaN, NaN]);
  });

  test("rejects bad input naming the argument, and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const a = matrix(2, 2, [1, 2, 3, 4]);
    expect(() => normalizeColumns({ rows: 2, cols: 2, data: [1, 2, 3, 4] } as never)).toThrow(/invalid A: expected a matrix/);
    expect(() => normalizeColumns({ rows: 2, cols: 3, data: new Float64Array(4) })).toThrow(/invalid A: data has length 4/);
    expect(() => normalizeColumns(a, { zeroColumns: "skip" } as never)).toThrow(/invalid zeroColumns: expected one of "error", "keep", got "skip"/);
    expect(() => normalizeColumns(a, { out: matrix(2, 3) })).toThrow(/invalid out: expected a 2×2 matrix, got a 2×3 matrix/);
    expect(() => normalizeColumns(a, { axis: 0 } as never)).toThrow(/unknown option axis/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
