// The three routes of the block gradient g = AᵀAx − Aᵀy (over the nonzeros through G, by gemm
// through G, by two gemms through A) against plain sums, and the loading of columns into rows.
import { beforeAll, expect, test } from "vitest";
import { init, kernels, runtime } from "../../src/runtime/init.js";
import { ArenaScope } from "../../src/runtime/arena.js";
import { Rng } from "../../src/data/rng.js";
import { syrk } from "../../src/kernels/blas/syrk.js";
import type { SparseCodingKernels } from "../../src/kernels/sparse-coding/kernels.js";
import { CodingContext } from "../../src/sparse/coding/context.js";
import { col, lassoGradient } from "./coding-reference.js";
import { instance } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

test("every gradient route gives Aᵀ(Ax − y) for each loaded column, whichever the route the count of nonzeros picks", () => {
  for (const [n, K, withG] of [[10, 16, true], [6, 16, true], [6, 16, false]] as const) {
    const { A, Y } = instance(n, K, 9, 0.3, 0.1, 7);
    const rng = new Rng(3);
    // A sparse start: about a third of the entries nonzero.
    const X = { rows: K, cols: 9, data: rng.normalArray(K * 9).map((v) => (rng.uniform() < 0.3 ? v : 0)) };
    const before = runtime().arena.stats().bytesLive;
    const scope = new ArenaScope(runtime().arena);
    try {
      const data = { n, K, p: 9, A: scope.f64From(A.data), Y: scope.f64From(Y.data), X: scope.f64From(X.data) };
      const G = withG ? scope.f64From(syrk(A).data) : null;
      const ctx = new CodingContext(data, G, { lambda: 0.1, nonnegative: false, warmStart: true, tolerance: 1e-6, maxIterations: 10 }, kernels<SparseCodingKernels>(), scope, 5);
      const x = ctx.ws.f64(K);
      const g = ctx.ws.f64(K);
      // Columns 8, 2, 5 into rows 1 … 3 (row 0 unused).
      ctx.ws.column.set([0, 8, 2, 5]);
      ctx.ws.active = 4;
      ctx.loadRows(1, 3);
      ctx.loadStart(x, 1, 3);
      expect(Array.from(x.view.subarray(K, 2 * K))).toEqual(Array.from(col(X, 8)));
      for (const nonzeros of [0, 1e9, undefined]) {
        g.view.fill(NaN);
        ctx.gradient(x, g, 1, 3, nonzeros);
        [8, 2, 5].forEach((j, t) => {
          const want = lassoGradient(A, col(Y, j), col(X, j));
          const got = g.view.subarray((1 + t) * K, (2 + t) * K);
          for (let k = 0; k < K; k++) expect(Math.abs(got[k] - want[k]), `${n}×${K} G=${withG} nnz=${nonzeros}`).toBeLessThan(1e-13);
          // b = Aᵀy and ‖y‖² of the loaded column.
          const b = lassoGradient(A, col(Y, j), new Float64Array(K));
          for (let k = 0; k < K; k++) expect(Math.abs(ctx.b.view[(1 + t) * K + k] + b[k])).toBeLessThan(1e-13);
          expect(ctx.yy.view[1 + t]).toBeCloseTo(col(Y, j).reduce((s, v) => s + v * v, 0), 13);
        });
        expect(Array.from(g.view.subarray(0, K)).every(Number.isNaN)).toBe(true); // row 0 untouched
      }
    } finally {
      scope.disposeAll();
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }
});
