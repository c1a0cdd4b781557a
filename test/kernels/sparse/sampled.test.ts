import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { Rng } from "../../../src/data/rng.js";
import {
  cooToCsr, csrSampledResidualBuffer, sampledProduct, sampledProductBuffer, sampledResidual, sampledResidualBuffer,
  toSparseBuffers,
} from "../../../src/kernels/sparse/index.js";
import { eachBinary } from "../../helpers/binaries.js";
import { csrReference, randomCoo, randomMatrix, relError, timesTranspose } from "./fixtures.js";

// Each entry is a sum of r ≤ 17 products of N(0, 1) values: rounding is below r·2⁻⁵³·Σ|terms|,
// far under 1e-12 relative to the largest entry; a wrong index or a dropped lane is O(1).
const TOL = 1e-12;

beforeAll(async () => {
  await init();
});

describe("sampledProduct", () => {
  test("equals the entries of a dense UVᵀ formed in JS, on every build", async () => {
    const rng = new Rng(1);
    for (const r of [1, 2, 3, 4, 5, 8, 9, 17]) {
      for (const [m, n] of [[1, 1], [2, 7], [7, 2], [33, 7]]) {
        const U = randomMatrix(rng, m, r);
        const V = randomMatrix(rng, n, r);
        const dense = timesTranspose(U, V);
        for (const kind of ["random", "dense", "sparseRows"] as const) {
          const S = randomCoo(rng, m, n, 2 * m * n, kind);
          const want = Float64Array.from(S.row, (i, k) => dense.data[i * n + S.col[k]]);
          await eachBinary(() => {
            expect(relError(sampledProduct(U, V, S.row, S.col), want)).toBeLessThanOrEqual(TOL);
          });
        }
      }
    }
  });

  test("handles nnz = 0 and rank 0", () => {
    const rng = new Rng(2);
    expect(sampledProduct(randomMatrix(rng, 3, 2), randomMatrix(rng, 4, 2), new Int32Array(0), new Int32Array(0))).toEqual(
      new Float64Array(0),
    );
    const out = sampledProduct({ rows: 3, cols: 0, data: new Float64Array(0) }, { rows: 4, cols: 0, data: new Float64Array(0) },
      Int32Array.of(0, 2), Int32Array.of(3, 1));
    expect(Array.from(out)).toEqual([0, 0]);
  });
});

describe("sampledResidual", () => {
  test("COO and CSR give (UVᵀ)ᵢⱼ − value in their own entry order, on every build", async () => {
    const rng = new Rng(3);
    for (const r of [1, 4, 5, 17]) {
      const m = 33;
      const n = 7;
      const U = randomMatrix(rng, m, r);
      const V = randomMatrix(rng, n, r);
      const dense = timesTranspose(U, V);
      const S = randomCoo(rng, m, n, 100);
      const want = Float64Array.from(S.row, (i, k) => dense.data[i * n + S.col[k]] - S.value[k]);
      const csr = csrReference(S);
      const wantCsr = Float64Array.from(csr.perm, (k) => want[k]);
      await eachBinary(() => {
        expect(relError(sampledResidual(U, V, S), want)).toBeLessThanOrEqual(TOL);
        expect(relError(sampledResidual(U, V, csr), wantCsr)).toBeLessThanOrEqual(TOL);
        expect(relError(sampledResidual(U, V, cooToCsr(S)), wantCsr)).toBeLessThanOrEqual(TOL);
      });
    }
  });

  test("the builds agree within rounding", async () => {
    const rng = new Rng(4);
    const U = randomMatrix(rng, 50, 9);
    const V = randomMatrix(rng, 40, 9);
    const S = randomCoo(rng, 50, 40, 500);
    const results: Float64Array[] = [];
    await eachBinary(() => {
      results.push(sampledResidual(U, V, S));
    });
    for (const r of results) expect(relError(r, results[0])).toBeLessThanOrEqual(TOL);
  });
});

describe("buffer-level sampled products", () => {
  test("match the array wrappers without copies, including the in-place residual", async () => {
    const rng = new Rng(5);
    const [m, n, r] = [20, 30, 5];
    const U = randomMatrix(rng, m, r);
    const V = randomMatrix(rng, n, r);
    const S = randomCoo(rng, m, n, 150);
    await eachBinary(() => {
      const arena = runtime().arena;
      const before = arena.stats().buffersLive;
      arena.scope((s) => {
        const ub = s.f64From(U.data);
        const vb = s.f64From(V.data);
        const row = s.i32From(S.row);
        const col = s.i32From(S.col);
        const value = s.f64From(S.value);
        const out = s.f64(S.row.length);
        const dims = { rows: m, cols: n, rank: r };
        expect(sampledProductBuffer(out, ub, vb, row, col, dims)).toBe(out);
        expect(out.toArray()).toEqual(sampledProduct(U, V, S.row, S.col));
        sampledResidualBuffer(out, ub, vb, row, col, value, dims);
        const want = sampledResidual(U, V, S);
        expect(out.toArray()).toEqual(want);
        sampledResidualBuffer(value, ub, vb, row, col, value, { ...dims, check: false });
        expect(value.toArray()).toEqual(want);
      });
      expect(arena.stats().buffersLive).toBe(before);
    });
  });
});

describe("csrSampledResidualBuffer", () => {
  test("matches the CSR array wrapper, in place on S.value, and checks its input", async () => {
    const rng = new Rng(7);
    const [m, n, r] = [12, 9, 3];
    const U = randomMatrix(rng, m, r);
    const V = randomMatrix(rng, n, r);
    const csr = cooToCsr(randomCoo(rng, m, n, 50));
    const want = sampledResidual(U, V, csr);
    await eachBinary(() => {
      const arena = runtime().arena;
      const before = arena.stats().buffersLive;
      arena.scope((s) => {
        const ub = s.f64From(U.data);
        const vb = s.f64From(V.data);
        const sb = toSparseBuffers(csr, s);
        const out = s.f64(50);
        expect(csrSampledResidualBuffer(out, ub, vb, sb, { rank: r })).toBe(out);
        expect(out.toArray()).toEqual(want);
        csrSampledResidualBuffer(sb.value, ub, vb, sb, { rank: r, check: false });
        expect(sb.value.toArray()).toEqual(want);
        expect(() => csrSampledResidualBuffer(out, ub, vb, sb, { rank: 2 })).toThrow("invalid U: expected length 24, got length 36");
        expect(() => csrSampledResidualBuffer(out, ub, vb, toSparseBuffers(randomCoo(rng, m, n, 50), s) as never, { rank: r })).toThrow(
          "invalid S: expected CSR buffers",
        );
        sb.colIdx.view[4] = n;
        expect(() => csrSampledResidualBuffer(out, ub, vb, sb, { rank: r })).toThrow(
          `invalid colIdx: colIdx[4] = ${n} is out of range [0, ${n})`,
        );
      });
      expect(arena.stats().buffersLive).toBe(before);
    });
  });
});

describe("sampled products: bad input", () => {
  const rng = new Rng(6);
  const U = randomMatrix(rng, 5, 3);
  const V = randomMatrix(rng, 4, 3);
  const S = randomCoo(rng, 5, 4, 10);

  test("array wrappers name the argument, the position and the value", () => {
    const before = runtime().arena.stats().buffersLive;
    const row = S.row.slice();
    row[7] = 5;
    expect(() => sampledProduct(U, V, row, S.col)).toThrow(RangeError);
    expect(() => sampledProduct(U, V, row, S.col)).toThrow("invalid row: row[7] = 5 is out of range [0, 5)");
    const col = S.col.slice();
    col[2] = -1;
    expect(() => sampledProduct(U, V, S.row, col)).toThrow("invalid col: col[2] = -1 is out of range [0, 4)");
    expect(() => sampledProduct(U, V, [0] as never, S.col)).toThrow("invalid row: expected an Int32Array, got Array(1)");
    expect(() => sampledProduct(U, V, S.row, S.col.subarray(1))).toThrow("invalid col: expected length 10, got length 9");
    expect(() => sampledProduct(U, randomMatrix(rng, 4, 2), S.row, S.col)).toThrow(
      "invalid V: expected 3 columns (the rank of U), got 2",
    );
    const badU = { ...U, data: U.data.slice() };
    badU.data[4] = NaN;
    expect(() => sampledProduct(badU, V, S.row, S.col)).toThrow("invalid U: U[1, 1] = NaN; expected finite values");
    expect(() => sampledResidual(U, V, { ...S, value: Float64Array.from(S.value, (x, k) => (k === 3 ? Infinity : x)) })).toThrow(
      "invalid value: value[3] = Infinity; expected finite values",
    );
    expect(() => sampledResidual(randomMatrix(rng, 6, 3), V, S)).toThrow("invalid U: expected 5 rows (S.rows), got 6");
    expect(() => sampledResidual(U, randomMatrix(rng, 3, 3), S)).toThrow("invalid V: expected 4 rows (S.cols), got 3");
    expect(() => sampledResidual(U, V, { rows: 5, cols: 4 } as never)).toThrow(TypeError);
    expect(() => sampledResidual(U, V, { rows: 5, cols: 4 } as never)).toThrow(/invalid S: expected a COO matrix/);
    expect(() => sampledResidual(U, V, { ...S, rows: 5.5 })).toThrow("invalid S.rows: expected an integer, got 5.5");
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("buffer wrappers check kinds, lengths, indices and values, and leak nothing", () => {
    const arena = runtime().arena;
    const before = arena.stats().buffersLive;
    arena.scope((s) => {
      const ub = s.f64From(U.data);
      const vb = s.f64From(V.data);
      const row = s.i32From(S.row);
      const col = s.i32From(S.col);
      const value = s.f64From(S.value);
      const out = s.f64(10);
      const dims = { rows: 5, cols: 4, rank: 3 };
      expect(() => sampledResidualBuffer(out, ub, vb, value as never, col, value, dims)).toThrow(
        'invalid row: expected a WasmBuffer<"i32">, got a WasmBuffer<"f64">',
      );
      expect(() => sampledResidualBuffer(out, ub, vb, row, col, value, { ...dims, rank: 2 })).toThrow(
        "invalid U: expected length 10, got length 15",
      );
      expect(() => sampledResidualBuffer(s.f64(9), ub, vb, row, col, value, dims)).toThrow("invalid out: expected length 10, got length 9");
      expect(() => sampledResidualBuffer(out, ub, vb, row, col, value, { ...dims, extra: 1 } as never)).toThrow(
        "unknown option extra in dims",
      );
      row.view[6] = 7;
      expect(() => sampledResidualBuffer(out, ub, vb, row, col, value, dims)).toThrow("invalid row: row[6] = 7 is out of range [0, 5)");
      row.view[6] = 0;
      vb.view[5] = -Infinity;
      expect(() => sampledProductBuffer(out, ub, vb, row, col, dims)).toThrow("invalid V: V[1, 2] = -Infinity; expected finite values");
      vb.view[5] = 0;
      value.view[9] = NaN;
      expect(() => sampledResidualBuffer(out, ub, vb, row, col, value, dims)).toThrow("invalid value: value[9] = NaN; expected finite values");
      const square = s.f64(9);
      expect(() => sampledProductBuffer(square, square, s.f64(9), s.i32(9), s.i32(9), { rows: 3, cols: 3, rank: 3 })).toThrow(
        "invalid out: must not be the same buffer as U",
      );
      const gone = s.f64(10);
      gone.dispose();
      expect(() => sampledProductBuffer(gone, ub, vb, row, col, dims)).toThrow(/^invalid out: the buffer at \d+ was disposed$/);
    });
    expect(arena.stats().buffersLive).toBe(before);
  });
});
