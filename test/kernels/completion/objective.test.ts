import { beforeAll, describe, expect, test } from "vitest";
import { init, kernels, runtime } from "../../../src/runtime/init.js";
import { Rng } from "../../../src/data/rng.js";
import { csrTranspose, toSparseBuffers } from "../../../src/kernels/sparse/index.js";
import type { CompletionKernels } from "../../../src/kernels/completion/types.js";
import {
  alsObjective, alsObjectiveBuffer, residualSumSquares, residualSumSquaresBuffer,
} from "../../../src/kernels/completion/index.js";
import { eachBinary } from "../../helpers/binaries.js";
import { randomCsr, randomMatrix, rssReference } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

// Each residual is a dot product of r ≤ 17 N(0, 1) products (error ≲ r·u of its terms); the sum
// of nnz ≤ 10⁴ non-negative squares adds ≲ nnz·u relative. 1e-11 relative covers both; a missed
// entry or a wrong index changes the sum by O(1/nnz) relative or more.
const TOL = 1e-11;

describe("residualSumSquares and alsObjective", () => {
  test("match plain JS sums on every build, array and buffer forms", async () => {
    const rng = new Rng(201);
    for (const r of [1, 2, 3, 5, 10, 17]) {
      const m = 40;
      const n = 60;
      const S = randomCsr(rng, m, n, [0, 1, 5, 60, 17]);
      const U = randomMatrix(rng, m, r);
      const V = randomMatrix(rng, n, r);
      const rss = rssReference(S, U, V);
      let uu = 0;
      let vv = 0;
      for (const x of U.data) uu += x * x;
      for (const x of V.data) vv += x * x;
      const lambda = 0.3;
      const f = 0.5 * rss + 0.5 * lambda * (uu + vv);
      await eachBinary(() => {
        expect(Math.abs(residualSumSquares(S, U, V) - rss)).toBeLessThanOrEqual(TOL * rss);
        expect(Math.abs(alsObjective(S, U, V, lambda) - f)).toBeLessThanOrEqual(TOL * f);
        expect(alsObjective(S, U, V, 0)).toBe(0.5 * residualSumSquares(S, U, V));
        runtime().arena.scope((s) => {
          const sb = toSparseBuffers(S, s);
          const ub = s.f64From(U.data);
          const vb = s.f64From(V.data);
          expect(residualSumSquaresBuffer(ub, vb, sb, { rank: r })).toBe(residualSumSquares(S, U, V));
          expect(alsObjectiveBuffer(ub, vb, sb, lambda, { rank: r, check: false })).toBe(alsObjective(S, U, V, lambda));
        });
      });
    }
  });

  test("bad input is rejected before any work, naming the argument", () => {
    const before = runtime().arena.stats().buffersLive;
    const rng = new Rng(202);
    const S = randomCsr(rng, 4, 6, [3]);
    const U = randomMatrix(rng, 4, 2);
    const V = randomMatrix(rng, 6, 2);
    expect(() => residualSumSquares(S, randomMatrix(rng, 3, 2), V)).toThrow("invalid U: expected 4 rows (S.rows), got 3");
    expect(() => residualSumSquares(S, U, randomMatrix(rng, 6, 3))).toThrow("invalid V: expected 2 columns (the rank of U), got 3");
    expect(() => alsObjective(S, U, V, -0.5)).toThrow("invalid lambda: expected a finite number ≥ 0, got -0.5");
    runtime().arena.scope((s) => {
      const sb = toSparseBuffers(S, s);
      const ub = s.f64From(U.data);
      const vb = s.f64From(V.data);
      expect(() => residualSumSquaresBuffer(ub, vb, sb, { rank: 3 })).toThrow("invalid U: expected length 12, got length 8");
      expect(() => alsObjectiveBuffer(ub, vb, sb, NaN, { rank: 2 })).toThrow("invalid lambda: expected a finite number ≥ 0, got NaN");
      expect(() => residualSumSquaresBuffer(ub, vb, sb, { rank: 2, extra: 1 } as never)).toThrow("unknown option extra in options");
    });
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("csrResidualGradients: ∇_U as csrResidualGradient by rows and ∇_V as csrResidualGradient on the transpose, to the bit; the residual sum against plain JS", async () => {
    const rng = new Rng(207);
    for (const r of [1, 2, 3, 5, 10, 17]) {
      const m = 23, n = 31, lambda = r % 2 === 0 ? 0 : 0.6;
      const S = randomCsr(rng, m, n, [0, 1, 3, 9, 30, 5]);
      const St = csrTranspose(S);
      const U = randomMatrix(rng, m, r), V = randomMatrix(rng, n, r);
      await eachBinary(() => {
        const k = kernels<CompletionKernels>();
        runtime().arena.scope((s) => {
          const up = (A: typeof S) => ({ rowPtr: s.i32From(A.rowPtr), colIdx: s.i32From(A.colIdx), value: s.f64From(A.value) });
          const a = up(S), at = up(St);
          const u = s.f64From(U.data), v = s.f64From(V.data);
          const gU = s.f64(m * r), gV = s.f64(n * r), wantU = s.f64(m * r), wantV = s.f64(n * r);
          gV.view.set(V.data.map((x) => lambda * x));
          // Two row blocks, as the driver calls it: rows [0, 10) and [10, m).
          let sum = 0;
          for (const [i0, i1] of [[0, 10], [10, m]]) {
            sum += k.csrResidualGradients(
              gU.ptr + i0 * r * 8, gV.ptr, i1 - i0, r, u.ptr + i0 * r * 8, v.ptr, a.rowPtr.ptr + i0 * 4, a.colIdx.ptr, a.value.ptr, lambda,
            );
          }
          const byRows = k.csrResidualGradient(wantU.ptr, m, r, u.ptr, v.ptr, a.rowPtr.ptr, a.colIdx.ptr, a.value.ptr, lambda);
          k.csrResidualGradient(wantV.ptr, n, r, v.ptr, u.ptr, at.rowPtr.ptr, at.colIdx.ptr, at.value.ptr, lambda);
          expect(Array.from(gU.view)).toEqual(Array.from(wantU.view));
          expect(Array.from(gV.view)).toEqual(Array.from(wantV.view));
          const want = rssReference(S, U, V);
          expect(Math.abs(sum - want)).toBeLessThanOrEqual(TOL * want);
          expect(Math.abs(byRows - want)).toBeLessThanOrEqual(TOL * want);
        });
      });
    }
  });
});
