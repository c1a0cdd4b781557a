import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { Rng } from "../../../src/data/rng.js";
import { csrTranspose, toSparseBuffers } from "../../../src/kernels/sparse/index.js";
import { alsObjective, alsSolveRows, alsSolveRowsBuffer } from "../../../src/kernels/completion/index.js";
import { eachBinary } from "../../helpers/binaries.js";
import {
  EPS, gramBound, maxAbs, randomCsr, randomMatrix, ridgeReference, rowGradient, rowSystem,
} from "./fixtures.js";

beforeAll(async () => {
  await init();
});

// Entries per row, cycled: empty, one, fewer than r, many, and more than one packed chunk of
// the kernel (≤ 256 entries) when n allows.
const COUNTS = [0, 1, 3, 40, 7, 300, 2];

describe("alsSolveRows", () => {
  test("each row solves its ridge problem: matches QR on [A; √λI] and the gradient vanishes, on every build", async () => {
    const rng = new Rng(101);
    for (const r of [1, 2, 3, 4, 5, 8, 10, 17]) {
      for (const lambda of [0.1, 3]) {
        const m = 14;
        const n = 320;
        const S = randomCsr(rng, m, n, COUNTS);
        const V = randomMatrix(rng, n, r);
        const rows = Array.from({ length: m }, (_, i) => rowSystem(S, V, i));
        const want = rows.map(({ A, y }) => ridgeReference(A, y, lambda));
        await eachBinary(() => {
          const U = alsSolveRows(S, V, lambda);
          expect(U.rows).toBe(m);
          expect(U.cols).toBe(r);
          for (let i = 0; i < m; i++) {
            const { A, y } = rows[i];
            const u = U.data.subarray(i * r, (i + 1) * r);
            // Forward error of a backward-stable solve: ≲ cond·r·u·‖u‖, with
            // cond(AᵀA + λI) ≤ (tr(AᵀA) + λ)/λ; QR's own error is smaller. A wrong row is O(‖u‖).
            const cond = gramBound(A, lambda) / lambda;
            const scale = maxAbs(want[i]) + 1e-300;
            for (let l = 0; l < r; l++) expect(Math.abs(u[l] - want[i][l])).toBeLessThanOrEqual(20 * r * cond * EPS * scale);
            // Optimality: Aᵀ(Au − y) + λu = 0 up to the backward error of the solve,
            // ≲ r·u·‖AᵀA + λI‖·‖u‖, plus rounding of the gradient sum itself (scale).
            const { g, scale: gs } = rowGradient(A, y, u, lambda);
            const bound = 20 * r * EPS * (gramBound(A, lambda) * maxAbs(u) + gs);
            for (let l = 0; l < r; l++) expect(Math.abs(g[l])).toBeLessThanOrEqual(bound);
            if (A.rows === 0) expect(Array.from(u)).toEqual(new Array(r).fill(0));
          }
        });
      }
    }
  });

  test("λ = 0 with full-rank rows is ordinary least squares", async () => {
    const rng = new Rng(102);
    const r = 4;
    const S = randomCsr(rng, 6, 50, [12, 4, 30]);
    const V = randomMatrix(rng, 50, r);
    await eachBinary(() => {
      const U = alsSolveRows(S, V, 0);
      for (let i = 0; i < S.rows; i++) {
        const { A, y } = rowSystem(S, V, i);
        const u = U.data.subarray(i * r, (i + 1) * r);
        const { g, scale } = rowGradient(A, y, u, 0);
        // As for λ > 0: the backward error of the solve, r·u·‖AᵀA‖·‖u‖, plus the gradient's rounding
        // (measured: at most 0.02 of the bound without its factor 20, on every build).
        const bound = 20 * r * EPS * (gramBound(A, 0) * maxAbs(u) + scale);
        for (let l = 0; l < r; l++) expect(Math.abs(g[l])).toBeLessThanOrEqual(bound);
      }
    });
  });

  test("alternating half-steps (V on the transpose) never increase the objective", async () => {
    const rng = new Rng(103);
    const m = 30;
    const n = 25;
    const r = 3;
    // a rank-3 matrix observed on about half of its entries
    const Ut = randomMatrix(rng, m, r);
    const Vt = randomMatrix(rng, n, r);
    const S = randomCsr(rng, m, n, [12, 13, 14]);
    const value = new Float64Array(S.value.length);
    for (let i = 0; i < m; i++) {
      for (let p = S.rowPtr[i]; p < S.rowPtr[i + 1]; p++) {
        let s = 0;
        for (let l = 0; l < r; l++) s += Ut.data[i * r + l] * Vt.data[S.colIdx[p] * r + l];
        value[p] = s;
      }
    }
    const Y = { ...S, value };
    const T = csrTranspose(Y);
    // λ large enough that a half-step using another λ scaling than alsObjective would not be a
    // descent step on it, and small enough to fit the data
    for (const lambda of [1e-3, 2]) await eachBinary(() => {
      let U = randomMatrix(new Rng(7), m, r);
      let V = randomMatrix(new Rng(8), n, r);
      let f = alsObjective(Y, U, V, lambda);
      const first = f;
      for (let it = 0; it < 30; it++) {
        U = alsSolveRows(Y, V, lambda);
        const fu = alsObjective(Y, U, V, lambda);
        V = alsSolveRows(T, U, lambda);
        const fv = alsObjective(Y, U, V, lambda);
        // exact block minimization: any increase is rounding, ≲ nnz·u·F
        expect(fu).toBeLessThanOrEqual(f * (1 + 1e-12));
        expect(fv).toBeLessThanOrEqual(fu * (1 + 1e-12));
        f = fv;
      }
      if (lambda < 1) expect(f).toBeLessThan(1e-2 * first);
    });
  });

  test("writes into options.out and returns it; rank 0 and m = 0 work", () => {
    const rng = new Rng(104);
    const S = randomCsr(rng, 5, 9, [3]);
    const V = randomMatrix(rng, 9, 2);
    const out = { rows: 5, cols: 2, data: new Float64Array(10).fill(NaN) };
    expect(alsSolveRows(S, V, 1, { out })).toBe(out);
    expect(out.data).toEqual(alsSolveRows(S, V, 1).data);
    expect(alsSolveRows(S, { rows: 9, cols: 0, data: new Float64Array(0) }, 1)).toEqual({ rows: 5, cols: 0, data: new Float64Array(0) });
    const empty = { rows: 0, cols: 9, rowPtr: new Int32Array(1), colIdx: new Int32Array(0), value: new Float64Array(0) };
    expect(alsSolveRows(empty, V, 1).rows).toBe(0);
  });

  test("a singular row with λ = 0 throws naming lambda and the row; out and the arena are untouched", async () => {
    const rng = new Rng(105);
    const S = randomCsr(rng, 4, 20, [8, 8, 1, 8]); // row 2 has one entry: rank 1 < 3
    const V = randomMatrix(rng, 20, 3);
    await eachBinary(() => {
      const before = runtime().arena.stats().buffersLive;
      const out = { rows: 4, cols: 3, data: new Float64Array(12).fill(5) };
      expect(() => alsSolveRows(S, V, 0, { out })).toThrow(
        "invalid lambda: row 2 of S (1 entry) gives a singular Σ VⱼVⱼᵀ + λI with lambda = 0; use lambda > 0",
      );
      expect(Array.from(out.data)).toEqual(new Array(12).fill(5));
      expect(runtime().arena.stats().buffersLive).toBe(before);
      expect(() => alsSolveRows(S, V, 0.5)).not.toThrow();
    });
  });

  test("bad input is rejected before any work, naming the argument", () => {
    const before = runtime().arena.stats().buffersLive;
    const rng = new Rng(106);
    const S = randomCsr(rng, 4, 6, [3]);
    const V = randomMatrix(rng, 6, 2);
    expect(() => alsSolveRows(S, V, -1)).toThrow("invalid lambda: expected a finite number ≥ 0, got -1");
    expect(() => alsSolveRows(S, V, NaN)).toThrow("invalid lambda: expected a finite number ≥ 0, got NaN");
    expect(() => alsSolveRows(S, V, Infinity)).toThrow(RangeError);
    expect(() => alsSolveRows(S, V, "1" as never)).toThrow(TypeError);
    expect(() => alsSolveRows(S, randomMatrix(rng, 5, 2), 1)).toThrow("invalid V: expected 6 rows (S.cols), got 5");
    const Vnan = randomMatrix(rng, 6, 2);
    Vnan.data[3] = NaN;
    expect(() => alsSolveRows(S, Vnan, 1)).toThrow("invalid V: V[1, 1] = NaN; expected finite values");
    const bad = S.value.slice();
    bad[2] = Infinity;
    expect(() => alsSolveRows({ ...S, value: bad }, V, 1)).toThrow("invalid value: value[2] = Infinity; expected finite values");
    const badCol = S.colIdx.slice();
    badCol[1] = 6;
    expect(() => alsSolveRows({ ...S, colIdx: badCol }, V, 1)).toThrow("invalid colIdx: colIdx[1] = 6 is out of range [0, 6)");
    expect(() => alsSolveRows({ rows: 4, cols: 6, row: new Int32Array(0), col: new Int32Array(0), value: new Float64Array(0) } as never, V, 1))
      .toThrow("invalid S: expected a CSR matrix { rows, cols, rowPtr, colIdx, value } (convert COO with cooToCsr), got a COO matrix");
    expect(() => alsSolveRows(S, V, 1, { weights: 1 } as never)).toThrow("unknown option weights in options: expected one of out");
    expect(() => alsSolveRows(S, V, 1, { out: randomMatrix(rng, 4, 3) })).toThrow("invalid out: expected a 4×2 matrix, got a 4×3 matrix");
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});

describe("alsSolveRowsBuffer", () => {
  test("equals the copying wrapper on every build, with and without checks", async () => {
    const rng = new Rng(107);
    for (const r of [1, 3, 10]) {
      const S = randomCsr(rng, 9, 40, COUNTS);
      const V = randomMatrix(rng, 40, r);
      await eachBinary(() => {
        const want = alsSolveRows(S, V, 0.7).data;
        const { arena } = runtime();
        const before = arena.stats().buffersLive;
        arena.scope((s) => {
          const sb = toSparseBuffers(S, s);
          const vb = s.f64From(V.data);
          const out = s.f64(S.rows * r);
          expect(alsSolveRowsBuffer(out, sb, vb, 0.7, { rank: r })).toBe(out);
          expect(out.toArray()).toEqual(want);
          out.view.fill(0);
          alsSolveRowsBuffer(out, sb, vb, 0.7, { rank: r, check: false });
          expect(out.toArray()).toEqual(want);
        });
        expect(arena.stats().buffersLive).toBe(before);
      });
    }
  });

  test("bad handles and a singular row throw naming the argument, without leaking", () => {
    const rng = new Rng(108);
    const S = randomCsr(rng, 4, 10, [5, 1, 5, 5]);
    const V = randomMatrix(rng, 10, 2);
    const { arena } = runtime();
    const before = arena.stats().buffersLive;
    arena.scope((s) => {
      const sb = toSparseBuffers(S, s);
      const vb = s.f64From(V.data);
      const out = s.f64(8);
      expect(() => alsSolveRowsBuffer(out, sb, vb, 1, undefined as never)).toThrow("invalid options: expected { rank }, got undefined");
      expect(() => alsSolveRowsBuffer(out, sb, vb, 1, { rank: 2.5 })).toThrow("invalid rank: expected an integer, got 2.5");
      expect(() => alsSolveRowsBuffer(out, sb, vb, 1, { rank: 3 })).toThrow("invalid V: expected length 30, got length 20");
      expect(() => alsSolveRowsBuffer(vb, { ...sb, rows: 10, rowPtr: s.i32(11) } as never, vb, 1, { rank: 2 })).toThrow(
        "invalid rowPtr: rowPtr[10] = 0, expected nnz = colIdx.length = 16",
      );
      expect(() => alsSolveRowsBuffer(out, sb, vb, -2, { rank: 2 })).toThrow("invalid lambda: expected a finite number ≥ 0, got -2");
      expect(() => alsSolveRowsBuffer(out, { rows: 4, cols: 10, row: sb.colIdx, col: sb.colIdx, value: sb.value } as never, vb, 1, { rank: 2 }))
        .toThrow("invalid S: expected CSR buffers { rows, cols, rowPtr, colIdx, value }, got COO buffers");
      expect(() => alsSolveRowsBuffer(new Float64Array(8) as never, sb, vb, 1, { rank: 2 })).toThrow(
        'invalid out: expected a WasmBuffer<"f64">, got Float64Array(8)',
      );
      const vNaN = s.f64From(V.data);
      vNaN.view[5] = NaN;
      expect(() => alsSolveRowsBuffer(out, sb, vNaN, 1, { rank: 2 })).toThrow("invalid V: V[2, 1] = NaN; expected finite values");
      const dead = s.f64(8);
      dead.dispose();
      expect(() => alsSolveRowsBuffer(dead, sb, vb, 1, { rank: 2 })).toThrow("invalid out: the buffer at");
      // row 1 has one entry and r = 2: singular with λ = 0; the other rows are solved
      out.view.fill(9);
      expect(() => alsSolveRowsBuffer(out, sb, vb, 0, { rank: 2 })).toThrow("invalid lambda: row 1 of S (1 entry)");
      const got = out.toArray();
      expect(Array.from(got.subarray(2, 4))).toEqual([9, 9]);
      const want = alsSolveRows({ ...S, rows: 1, rowPtr: S.rowPtr.subarray(0, 2), colIdx: S.colIdx.subarray(0, 5), value: S.value.subarray(0, 5) }, V, 0).data;
      for (let l = 0; l < 2; l++) expect(got[l]).toBeCloseTo(want[l], 12);
      expect(got.every(Number.isFinite)).toBe(true);
    });
    expect(arena.stats().buffersLive).toBe(before);
  });
});
