import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { gemv } from "../../../src/kernels/blas/gemv.js";
import { ger } from "../../../src/kernels/blas/ger.js";
import { gemm } from "../../../src/kernels/blas/gemm.js";
import { syrk } from "../../../src/kernels/blas/syrk.js";
import { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";
import { eachBinary } from "../../helpers/binaries.js";
import { EPS, expectClose, gemmReference, randomMatrix } from "./reference.js";

beforeAll(async () => {
  await init();
});

describe("gemm", () => {
  test("matches a triple loop for all transposes, edge shapes and block-crossing shapes", async () => {
    const rng = new Rng(21);
    const shapes: [number, number, number][] = [
      [0, 3, 2], [3, 0, 2], [3, 2, 0], [1, 1, 1], [2, 3, 4], [5, 7, 3], [4, 8, 9], [17, 33, 5],
      [13, 1, 64], [1, 13, 257], [97, 9, 300], [7, 2401, 3], [100, 50, 513],
      // 1–4 columns past the last whole sliver (narrow kernel); shallow k (long runs of tiles)
      [50, 10, 700], [40, 7, 90], [23, 16, 129], [23, 16, 2500], [200, 160, 8], [130, 700, 3],
    ];
    for (const [m, n, k] of shapes) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const a = tA ? randomMatrix(rng, k, m) : randomMatrix(rng, m, k);
          const b = tB ? randomMatrix(rng, n, k) : randomMatrix(rng, k, n);
          const c = randomMatrix(rng, m, n);
          const ref = gemmReference(a, b, tA, tB, 0.5, -2, c);
          const ref0 = gemmReference(a, b, tA, tB, 1, 0);
          await eachBinary(() => {
            expectClose(gemm(a, b, { transA: tA, transB: tB, alpha: 0.5, beta: -2, C: c }).data, ref);
            const r = gemm(a, b, { transA: tA, transB: tB });
            expect([r.rows, r.cols]).toEqual([m, n]);
            expectClose(r.data, ref0);
          });
        }
      }
    }
  });

  test("beta = 0 ignores NaN in C; NaN in A propagates; alpha = 0 skips A and B", async () => {
    const a = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, NaN]) };
    const b = { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 1]) };
    const nanC = { rows: 2, cols: 2, data: new Float64Array(4).fill(NaN) };
    const c = { rows: 2, cols: 2, data: new Float64Array([1, 1, 1, 1]) };
    await eachBinary(() => {
      expect(Array.from(gemm(a, b, { C: nanC, beta: 0 }).data)).toEqual([1, 2, NaN, NaN]); // 3·1 + NaN·0 = NaN: row 1 only
      expect(Array.from(gemm(a, b, { alpha: 0, beta: 2, C: c }).data)).toEqual([2, 2, 2, 2]);
    });
  });

  test("does not modify its inputs", () => {
    const rng = new Rng(2);
    const a = randomMatrix(rng, 5, 4);
    const b = randomMatrix(rng, 4, 3);
    const c = randomMatrix(rng, 5, 3);
    const copies = [a.data.slice(), b.data.slice(), c.data.slice()];
    gemm(a, b, { C: c, beta: 1 });
    expect([a.data, b.data, c.data]).toEqual(copies);
  });
});

describe("syrk", () => {
  test("matches AᵀA + βC and is exactly symmetric", async () => {
    const rng = new Rng(31);
    for (const [k, n] of [[0, 3], [1, 1], [3, 2], [5, 7], [9, 17], [300, 13], [20, 101], [257, 40], [300, 200], [9, 130]] as const) {
      const a = randomMatrix(rng, k, n);
      const s = randomMatrix(rng, n, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) s.data[i * n + j] = s.data[j * n + i];
      const ref = gemmReference(a, a, true, false, 2, 0.5, s);
      await eachBinary(() => {
        const r = syrk(a, { alpha: 2, beta: 0.5, C: s });
        expectClose(r.data, ref);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(r.data[i * n + j]).toBe(r.data[j * n + i]);
      });
    }
  });
});

describe("gemv and ger", () => {
  test("gemv matches plain JS, both orientations", async () => {
    const rng = new Rng(41);
    for (const [m, n] of [[0, 3], [3, 0], [1, 1], [2, 3], [5, 4], [7, 9], [17, 33], [64, 5], [100, 257]] as const) {
      const a = randomMatrix(rng, m, n);
      for (const trans of [false, true]) {
        const x = rng.normalArray(trans ? m : n);
        const y = rng.normalArray(trans ? n : m);
        const xm = { rows: x.length, cols: 1, data: x };
        const ym = { rows: y.length, cols: 1, data: y };
        const ref = gemmReference(a, xm, trans, false, -1.25, 3, ym);
        await eachBinary(() => {
          expectClose(gemv(a, x, { trans, alpha: -1.25, beta: 3, y }), ref);
        });
      }
    }
  });

  test("gemv with beta = 0 ignores NaN in y", async () => {
    const a = { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) };
    await eachBinary(() => {
      expect(Array.from(gemv(a, new Float64Array([1, 1]), { y: new Float64Array([NaN, NaN]) }))).toEqual([3, 7]);
      expect(Array.from(gemv(a, new Float64Array([1, 1]), { trans: true }))).toEqual([4, 6]);
    });
  });

  test("ger matches A + αxyᵀ", async () => {
    const rng = new Rng(43);
    for (const [m, n] of [[0, 2], [1, 1], [3, 5], [8, 9], [33, 17]] as const) {
      const a = randomMatrix(rng, m, n);
      const x = rng.normalArray(m);
      const y = rng.normalArray(n);
      await eachBinary(() => {
        const r = ger(a, x, y, { alpha: 0.5 });
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            const want = a.data[i * n + j] + 0.5 * x[i] * y[j];
            const tol = 3 * EPS * (Math.abs(a.data[i * n + j]) + Math.abs(0.5 * x[i] * y[j]));
            expect(Math.abs(r.data[i * n + j] - want)).toBeLessThanOrEqual(tol);
          }
        }
      });
    }
  });
});

describe("bad input", () => {
  test("names the argument and both dimensions, before any work, without leaks", () => {
    const before = runtime().arena.stats().buffersLive;
    const a = { rows: 4, cols: 5, data: new Float64Array(20) };
    const b3 = { rows: 3, cols: 2, data: new Float64Array(6) };
    expect(() => gemm(a, b3)).toThrow("invalid B: expected 5 rows to match A's 5 columns, got 3");
    expect(() => gemm(a, b3, { transA: true })).toThrow("invalid B: expected 4 rows to match A's 4 rows, got 3");
    expect(() => gemm(a, b3, { transB: true })).toThrow("invalid B: expected 5 columns to match A's 5 columns, got 2");
    const b5 = { rows: 5, cols: 2, data: new Float64Array(10) };
    expect(() => gemm(a, b5, { beta: 1 })).toThrow("invalid C: required when beta is nonzero (beta = 1)");
    expect(() => gemm(a, b5, { beta: 1, C: b3 })).toThrow("invalid C: expected a 4×2 matrix, got a 3×2 matrix");
    expect(() => gemm(a, b5, { transa: true } as never)).toThrow(/unknown option transa in gemm options/);
    expect(() => gemm(a, b5, { alpha: Infinity })).toThrow(/invalid alpha: expected a finite number, got Infinity/);
    expect(() => gemm(a, b5, { transA: 1 } as never)).toThrow(/invalid transA: expected a boolean, got 1/);
    expect(() => gemm({ rows: 2, cols: 2, data: new Float64Array(3) }, b5)).toThrow(/invalid A: data has length 3/);
    expect(() => gemv(a, new Float64Array(4))).toThrow("invalid x: expected length 5 to match A's 5 columns, got length 4");
    expect(() => gemv(a, new Float64Array(5), { trans: true })).toThrow("invalid x: expected length 4 to match A's 4 rows, got length 5");
    expect(() => gemv(a, new Float64Array(5), { beta: 1, y: new Float64Array(5) })).toThrow(
      "invalid y: expected length 4 to match A's 4 rows, got length 5",
    );
    expect(() => ger(a, new Float64Array(4), new Float64Array(4))).toThrow("invalid y: expected length 5 to match A's 5 columns, got length 4");
    expect(() => ger(a, new Float64Array(5), new Float64Array(5))).toThrow("invalid x: expected length 4 to match A's 4 rows, got length 5");
    expect(() => syrk(a, { beta: 2, C: a })).toThrow("invalid C: expected a 5×5 matrix, got a 4×5 matrix");
    expect(() => syrk(a, { uplo: "U" } as never)).toThrow(/unknown option uplo/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
