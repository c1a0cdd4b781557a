import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";
import {
  cooToCsr, csrTranspose, sparseTimesDense, sparseTimesDenseBuffer, sparseTransposeTimesDense,
  sparseTransposeTimesDenseBuffer, toSparseBuffers, type CooMatrix,
} from "../../../src/kernels/sparse/index.js";
import { eachBinary } from "../../helpers/binaries.js";
import { csrReference, denseOf, randomCoo, randomMatrix, relError, times, transposeOf } from "./fixtures.js";

// Each output entry sums at most a few hundred products of N(0, 1) values (duplicates included):
// rounding is below ~300·2⁻⁵³ times the sum of |terms|, under 1e-12 relative to the largest entry.
const TOL = 1e-12;

beforeAll(async () => {
  await init();
});

function inner(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let k = 0; k < a.data.length; k++) s += a.data[k] * b.data[k];
  return s;
}

const SHAPES: [number, number][] = [[1, 1], [2, 7], [7, 2], [33, 33], [33, 1]];
const RANKS = [1, 2, 3, 4, 5, 8, 9, 17];

describe("sparseTimesDense / sparseTransposeTimesDense", () => {
  test("COO and CSR equal dense S·V and Sᵀ·U formed in JS, on every build", async () => {
    const rng = new Rng(10);
    for (const [m, n] of SHAPES) {
      for (const r of RANKS) {
        for (const [kind, nnz] of [["random", 0], ["random", 3], ["random", 2 * m * n], ["dense", 0], ["sparseRows", m * n]] as const) {
          const S = randomCoo(rng, m, n, nnz, kind);
          const csr = csrReference(S);
          const V = randomMatrix(rng, n, r);
          const U = randomMatrix(rng, m, r);
          const D = denseOf(S);
          const sv = times(D, V);
          const stu = times(transposeOf(D), U);
          await eachBinary(() => {
            expect(relError(sparseTimesDense(S, V).data, sv.data)).toBeLessThanOrEqual(TOL);
            expect(relError(sparseTimesDense(csr, V).data, sv.data)).toBeLessThanOrEqual(TOL);
            expect(relError(sparseTransposeTimesDense(S, U).data, stu.data)).toBeLessThanOrEqual(TOL);
            expect(relError(sparseTransposeTimesDense(csr, U).data, stu.data)).toBeLessThanOrEqual(TOL);
          });
        }
      }
    }
  });

  test("transpose identity ⟨S·V, W⟩ = ⟨V, Sᵀ·W⟩, and Sᵀ·U equals (csrTranspose S)·U", async () => {
    const rng = new Rng(11);
    for (const r of [1, 3, 10]) {
      const S = randomCoo(rng, 40, 25, 300);
      const csr = cooToCsr(S);
      const V = randomMatrix(rng, 25, r);
      const W = randomMatrix(rng, 40, r);
      await eachBinary(() => {
        const lhs = inner(sparseTimesDense(S, V), W);
        const rhs = inner(V, sparseTransposeTimesDense(csr, W));
        // Both sides are the same Σ s_k·⟨V[col_k], W[row_k]⟩ in different association orders.
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(lhs)) * 300);
        const viaTranspose = sparseTimesDense(csrTranspose(csr), W);
        expect(relError(viaTranspose.data, sparseTransposeTimesDense(S, W).data)).toBeLessThanOrEqual(TOL);
      });
    }
  });

  test("α/β accumulate like gemm, in place in out; β = 0 ignores NaN in out", async () => {
    const rng = new Rng(12);
    const S = randomCoo(rng, 9, 6, 30);
    const csr = cooToCsr(S);
    const V = randomMatrix(rng, 6, 5);
    const U = randomMatrix(rng, 9, 5);
    const sv = times(denseOf(S), V);
    const stu = times(transposeOf(denseOf(S)), U);
    await eachBinary(() => {
      for (const [alpha, beta] of [[1, 0], [-0.5, 2], [0, 0.5], [2, 1]]) {
        for (const s of [S, csr]) {
          const out0 = randomMatrix(rng, 9, 5);
          const out = { ...out0, data: out0.data.slice() };
          expect(sparseTimesDense(s, V, { alpha, beta, out })).toBe(out);
          const want = sv.data.map((x, q) => alpha * x + beta * out0.data[q]);
          expect(relError(out.data, want)).toBeLessThanOrEqual(TOL);
          const outT0 = randomMatrix(rng, 6, 5);
          const outT = { ...outT0, data: outT0.data.slice() };
          sparseTransposeTimesDense(s, U, { alpha, beta, out: outT });
          expect(relError(outT.data, stu.data.map((x, q) => alpha * x + beta * outT0.data[q]))).toBeLessThanOrEqual(TOL);
        }
      }
      const nanOut = { rows: 9, cols: 5, data: new Float64Array(45).fill(NaN) };
      sparseTimesDense(csr, V, { out: nanOut });
      expect(relError(nanOut.data, sv.data)).toBeLessThanOrEqual(TOL);
    });
  });

  test("the builds agree within rounding", async () => {
    const rng = new Rng(13);
    const S = randomCoo(rng, 60, 50, 700);
    const V = randomMatrix(rng, 50, 10);
    const results: Float64Array[] = [];
    await eachBinary(() => {
      results.push(sparseTimesDense(S, V).data);
    });
    for (const r of results) expect(relError(r, results[0])).toBeLessThanOrEqual(TOL);
  });
});

describe("buffer-level sparse × dense", () => {
  test("COO and CSR buffers match the array wrappers, and accumulate with α/β", async () => {
    const rng = new Rng(14);
    const [m, n, r] = [30, 20, 4];
    const S = randomCoo(rng, m, n, 200);
    const csr = cooToCsr(S);
    const V = randomMatrix(rng, n, r);
    const U = randomMatrix(rng, m, r);
    await eachBinary(() => {
      const arena = runtime().arena;
      const before = arena.stats().buffersLive;
      arena.scope((s) => {
        const vb = s.f64From(V.data);
        const ub = s.f64From(U.data);
        for (const sp of [S, csr]) {
          const sb = toSparseBuffers(sp, s);
          const out = s.f64(m * r);
          expect(sparseTimesDenseBuffer(out, sb, vb, { rank: r })).toBe(out);
          expect(relError(out.view, sparseTimesDense(sp, V).data)).toBeLessThanOrEqual(TOL);
          const outT = s.f64From(new Float64Array(n * r).fill(1));
          sparseTransposeTimesDenseBuffer(outT, sb, ub, { rank: r, alpha: 2, beta: -1, check: false });
          const want = sparseTransposeTimesDense(sp, U, { alpha: 2, beta: -1, out: { rows: n, cols: r, data: new Float64Array(n * r).fill(1) } });
          expect(relError(outT.view, want.data)).toBeLessThanOrEqual(TOL);
          sb.dispose();
        }
      });
      expect(arena.stats().buffersLive).toBe(before);
    });
  });
});

describe("sparse × dense: bad input", () => {
  const rng = new Rng(15);
  const S = randomCoo(rng, 5, 4, 10);
  const csr = csrReference(S);
  const V = randomMatrix(rng, 4, 3);
  const U = randomMatrix(rng, 5, 3);

  test("array wrappers name the argument, the position and the value, and leak nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const coo = (patch: Partial<CooMatrix>): CooMatrix => ({ ...S, ...patch });
    expect(() => sparseTimesDense(coo({ row: S.row.map((x, k) => (k === 4 ? 500 : x)) }), V)).toThrow(
      "invalid row: row[4] = 500 is out of range [0, 5)",
    );
    expect(() => sparseTimesDense(coo({ col: S.col.map((x, k) => (k === 9 ? 4 : x)) }), V)).toThrow(
      "invalid col: col[9] = 4 is out of range [0, 4)",
    );
    expect(() => sparseTimesDense(coo({ value: S.value.subarray(1) }), V)).toThrow("invalid value: expected length 10, got length 9");
    expect(() => sparseTimesDense(coo({ value: S.value.map((x, k) => (k === 0 ? NaN : x)) }), V)).toThrow(
      "invalid value: value[0] = NaN; expected finite values",
    );
    expect(() => sparseTimesDense({ ...csr, colIdx: csr.colIdx.map((x, k) => (k === 2 ? -3 : x)) }, V)).toThrow(
      "invalid colIdx: colIdx[2] = -3 is out of range [0, 4)",
    );
    const rowPtr = csr.rowPtr.slice();
    rowPtr[0] = 1;
    expect(() => sparseTimesDense({ ...csr, rowPtr }, V)).toThrow("invalid rowPtr: rowPtr[0] = 1, expected 0");
    const dec = Int32Array.of(0, 4, 3, 6, 8, 10);
    expect(() => sparseTimesDense({ ...csr, rowPtr: dec }, V)).toThrow(
      "invalid rowPtr: rowPtr[2] = 3 < rowPtr[1] = 4; expected non-decreasing",
    );
    expect(() => sparseTimesDense({ ...csr, rowPtr: Int32Array.of(0, 2, 4, 6, 8, 9) }, V)).toThrow(
      "invalid rowPtr: rowPtr[5] = 9, expected nnz = colIdx.length = 10",
    );
    expect(() => sparseTimesDense({ ...csr, rowPtr: csr.rowPtr.subarray(1) }, V)).toThrow(
      "invalid rowPtr: expected length 6, got length 5",
    );
    expect(() => sparseTimesDense(S, U)).toThrow("invalid V: expected 4 rows (S.cols), got 5");
    expect(() => sparseTransposeTimesDense(S, V)).toThrow("invalid U: expected 5 rows (S.rows), got 4");
    expect(() => sparseTimesDense(S, V, { alpha: NaN })).toThrow("invalid alpha: expected a finite number, got NaN");
    expect(() => sparseTimesDense(S, V, { beta: "1" as never })).toThrow(TypeError);
    expect(() => sparseTimesDense(S, V, { gamma: 1 } as never)).toThrow("unknown option gamma in options");
    expect(() => sparseTimesDense(S, V, { out: randomMatrix(rng, 4, 3) })).toThrow(
      "invalid out: expected a 5×3 matrix, got a 4×3 matrix",
    );
    const nanOut = { rows: 5, cols: 3, data: new Float64Array(15).fill(NaN) };
    expect(() => sparseTimesDense(S, V, { beta: 1, out: nanOut })).toThrow("invalid out: out[0, 0] = NaN; expected finite values");
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("buffer wrappers check in wasm and leak nothing", () => {
    const arena = runtime().arena;
    const before = arena.stats().buffersLive;
    arena.scope((s) => {
      const vb = s.f64From(V.data);
      const out = s.f64(15);
      const cooB = toSparseBuffers(S, s);
      const csrB = toSparseBuffers(csr, s);
      expect(() => sparseTimesDenseBuffer(out, cooB, vb, undefined as never)).toThrow("invalid options: expected { rank }");
      expect(() => sparseTimesDenseBuffer(out, cooB, vb, { rank: 2 })).toThrow("invalid V: expected length 8, got length 12");
      expect(() => sparseTransposeTimesDenseBuffer(out, cooB, vb, { rank: 3 })).toThrow("invalid U: expected length 15, got length 12");
      const square = s.f64From(new Float64Array(12));
      expect(() => sparseTimesDenseBuffer(square, { ...cooB, rows: 4 }, square, { rank: 3, check: false })).toThrow(
        "invalid out: must not be the same buffer as V",
      );
      cooB.col.view[3] = 4;
      expect(() => sparseTimesDenseBuffer(out, cooB, vb, { rank: 3 })).toThrow("invalid col: col[3] = 4 is out of range [0, 4)");
      csrB.rowPtr.view[2] = csrB.rowPtr.view[1] - 1;
      expect(() => sparseTimesDenseBuffer(out, csrB, vb, { rank: 3 })).toThrow(/invalid rowPtr: rowPtr\[2\] = -?\d+ < rowPtr\[1\]/);
      csrB.rowPtr.view[5] = 9;
      // Even unchecked, the end of rowPtr must equal nnz (O(1)).
      expect(() => sparseTimesDenseBuffer(out, csrB, vb, { rank: 3, check: false })).toThrow(
        "invalid rowPtr: rowPtr[5] = 9, expected nnz = colIdx.length = 10",
      );
      expect(() => sparseTimesDenseBuffer(out, { rows: 5, cols: 4 } as never, vb, { rank: 3 })).toThrow(TypeError);
    });
    expect(arena.stats().buffersLive).toBe(before);
  });
});
