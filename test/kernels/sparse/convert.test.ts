import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { Rng } from "../../../src/data/rng.js";
import { cooToCsr, csrToCoo, csrTranspose, sparseTimesDense } from "../../../src/kernels/sparse/index.js";
import { eachBinary } from "../../helpers/binaries.js";
import { csrReference, denseOf, randomCoo, transposeOf } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe("cooToCsr", () => {
  test("is the stable grouping by row (duplicates kept, in COO order), on every build", async () => {
    const rng = new Rng(20);
    for (const [m, n, nnz, kind] of [[1, 1, 0, "random"], [7, 33, 40, "random"], [33, 7, 500, "random"], [7, 7, 0, "dense"], [33, 33, 50, "sparseRows"]] as const) {
      const S = randomCoo(rng, m, n, nnz, kind);
      const want = csrReference(S);
      await eachBinary(() => {
        const got = cooToCsr(S);
        expect(got.rows).toBe(m);
        expect(got.cols).toBe(n);
        expect(got.rowPtr).toEqual(want.rowPtr);
        expect(got.colIdx).toEqual(want.colIdx);
        expect(got.value).toEqual(want.value);
        expect(got.perm).toEqual(want.perm);
      });
    }
  });

  test("keeps duplicates as separate entries that products sum", () => {
    const S = { rows: 2, cols: 2, row: Int32Array.of(1, 0, 1), col: Int32Array.of(0, 1, 0), value: Float64Array.of(2, 5, 3) };
    const csr = cooToCsr(S);
    expect(Array.from(csr.rowPtr)).toEqual([0, 1, 3]);
    expect(Array.from(csr.colIdx)).toEqual([1, 0, 0]);
    expect(Array.from(csr.value)).toEqual([5, 2, 3]);
    const V = { rows: 2, cols: 1, data: Float64Array.of(1, 10) };
    expect(Array.from(sparseTimesDense(csr, V).data)).toEqual([50, 5]);
  });
});

describe("csrTranspose and csrToCoo", () => {
  test("the transpose is the dense transpose, with sorted columns; csrToCoo round-trips", async () => {
    const rng = new Rng(21);
    for (const [m, n, nnz] of [[1, 1, 1], [7, 33, 60], [33, 7, 300], [2, 2, 0]]) {
      const S = randomCoo(rng, m, n, nnz);
      const csr = cooToCsr(S);
      await eachBinary(() => {
        const t = csrTranspose(csr);
        expect(t.rows).toBe(n);
        expect(t.cols).toBe(m);
        const tc = csrToCoo(t);
        expect(denseOf(tc).data).toEqual(transposeOf(denseOf(S)).data);
        for (let j = 0; j < n; j++) {
          for (let q = t.rowPtr[j] + 1; q < t.rowPtr[j + 1]; q++) expect(t.colIdx[q]).toBeGreaterThanOrEqual(t.colIdx[q - 1]);
        }
        for (let q = 0; q < t.value.length; q++) expect(t.value[q]).toBe(csr.value[t.perm[q]]);
        const back = csrToCoo(csr);
        expect(back.col).toEqual(csr.colIdx);
        expect(back.value).toEqual(csr.value);
        expect(Array.from(back.row)).toEqual(Array.from(csr.perm, (k) => S.row[k]));
      });
    }
  });

  test("bad input is rejected before any work, naming the array and position", () => {
    const before = runtime().arena.stats().buffersLive;
    const rng = new Rng(22);
    const S = randomCoo(rng, 4, 4, 6);
    expect(() => cooToCsr({ ...S, row: S.row.map((x, k) => (k === 5 ? 4 : x)) })).toThrow(
      "invalid row: row[5] = 4 is out of range [0, 4)",
    );
    expect(() => cooToCsr({ ...S, col: Array.from(S.col) as never })).toThrow("invalid col: expected an Int32Array, got Array(6)");
    expect(() => cooToCsr({ ...S, rows: -1 })).toThrow("invalid S.rows: expected an integer in [0, 2147483647], got -1");
    expect(() => csrTranspose(S as never)).toThrow("invalid rowPtr: expected an Int32Array, got undefined");
    expect(() => csrToCoo(null as never)).toThrow("invalid S: expected a COO matrix");
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
