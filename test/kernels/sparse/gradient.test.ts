import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { Rng } from "../../../src/data/rng.js";
import {
  cooToCsr, sampledResidual, sampledResidualGradient, sampledResidualGradientBuffer, sparseTimesDense,
  sparseTransposeTimesDense, toSparseBuffers, type CooMatrix,
} from "../../../src/kernels/sparse/index.js";
import { eachBinary } from "../../helpers/binaries.js";
import { csrReference, randomCoo, randomMatrix, relError, timesTranspose } from "./fixtures.js";

// Sums of at most a few hundred products of O(1) values: rounding far below 1e-12 relative.
const TOL = 1e-12;

beforeAll(async () => {
  await init();
});

// ½‖P_Ω(UVᵀ) − M‖² from a dense UVᵀ formed in JS.
function loss(U: ReturnType<typeof randomMatrix>, V: ReturnType<typeof randomMatrix>, S: CooMatrix): number {
  const D = timesTranspose(U, V);
  let f = 0;
  for (let k = 0; k < S.row.length; k++) f += 0.5 * (D.data[S.row[k] * S.cols + S.col[k]] - S.value[k]) ** 2;
  return f;
}

describe("sampledResidualGradient", () => {
  test("equals residual, R·V and Rᵀ·U from the separate wrappers, COO and CSR, on every build", async () => {
    const rng = new Rng(30);
    for (const [m, n, r, nnz] of [[1, 1, 1, 1], [7, 33, 3, 60], [33, 7, 10, 300], [33, 33, 17, 0]]) {
      const U = randomMatrix(rng, m, r);
      const V = randomMatrix(rng, n, r);
      const S = randomCoo(rng, m, n, nnz);
      const csr = csrReference(S);
      await eachBinary(() => {
        for (const sp of [S, csr]) {
          const res = sampledResidual(U, V, sp);
          const R = { ...sp, value: res };
          const got = sampledResidualGradient(U, V, sp);
          expect(relError(got.residual, res)).toBeLessThanOrEqual(TOL);
          expect(relError(got.gradU.data, sparseTimesDense(R, V).data)).toBeLessThanOrEqual(TOL);
          expect(relError(got.gradV.data, sparseTransposeTimesDense(R, U).data)).toBeLessThanOrEqual(TOL);
          const ss = res.reduce((a, x) => a + x * x, 0);
          expect(Math.abs(got.squaredNorm - ss)).toBeLessThanOrEqual(TOL * (1 + ss));
        }
      });
    }
  });

  test("is the gradient of ½‖P_Ω(UVᵀ) − M‖² (central differences)", () => {
    const rng = new Rng(31);
    const [m, n, r] = [6, 5, 3];
    const U = randomMatrix(rng, m, r);
    const V = randomMatrix(rng, n, r);
    const S = randomCoo(rng, m, n, 20);
    const g = sampledResidualGradient(U, V, cooToCsr(S));
    expect(Math.abs(0.5 * g.squaredNorm - loss(U, V, S))).toBeLessThanOrEqual(1e-12 * (1 + loss(U, V, S)));
    // f is a quartic polynomial in each coordinate: the central difference error is h²·f‴/6 with
    // f‴ = O(1) here, so h = 1e-5 gives ~1e-10 plus rounding ~1e-16/h ≈ 1e-11.
    const h = 1e-5;
    for (const [A, G] of [[U, g.gradU], [V, g.gradV]] as const) {
      for (let q = 0; q < A.data.length; q++) {
        const x = A.data[q];
        A.data[q] = x + h;
        const fp = loss(U, V, S);
        A.data[q] = x - h;
        const fm = loss(U, V, S);
        A.data[q] = x;
        expect(Math.abs((fp - fm) / (2 * h) - G.data[q])).toBeLessThanOrEqual(1e-7);
      }
    }
  });

  test("accumulates with α/β in place; the buffer variant matches and may overwrite S.value", async () => {
    const rng = new Rng(32);
    const [m, n, r] = [9, 8, 4];
    const U = randomMatrix(rng, m, r);
    const V = randomMatrix(rng, n, r);
    const S = randomCoo(rng, m, n, 40);
    const plain = sampledResidualGradient(U, V, S);
    const gU0 = randomMatrix(rng, m, r);
    const gV0 = randomMatrix(rng, n, r);
    await eachBinary(() => {
      const gradU = { ...gU0, data: gU0.data.slice() };
      const gradV = { ...gV0, data: gV0.data.slice() };
      const got = sampledResidualGradient(U, V, S, { alpha: -2, beta: 0.5, gradU, gradV });
      expect(got.gradU).toBe(gradU);
      expect(got.gradV).toBe(gradV);
      expect(relError(gradU.data, plain.gradU.data.map((x, q) => -2 * x + 0.5 * gU0.data[q]))).toBeLessThanOrEqual(TOL);
      expect(relError(gradV.data, plain.gradV.data.map((x, q) => -2 * x + 0.5 * gV0.data[q]))).toBeLessThanOrEqual(TOL);
      const arena = runtime().arena;
      const before = arena.stats().buffersLive;
      arena.scope((s) => {
        const sb = toSparseBuffers(S, s);
        const ub = s.f64From(U.data);
        const vb = s.f64From(V.data);
        const gub = s.f64(m * r);
        const gvb = s.f64(n * r);
        const ss = sampledResidualGradientBuffer(sb.value, gub, gvb, ub, vb, sb, { rank: r });
        expect(Math.abs(ss - plain.squaredNorm)).toBeLessThanOrEqual(TOL * (1 + ss));
        expect(relError(sb.value.view, plain.residual)).toBeLessThanOrEqual(TOL);
        expect(relError(gub.view, plain.gradU.data)).toBeLessThanOrEqual(TOL);
        expect(relError(gvb.view, plain.gradV.data)).toBeLessThanOrEqual(TOL);
        expect(() => sampledResidualGradientBuffer(gub, gub, gvb, ub, vb, sb, { rank: r, check: false })).toThrow(RangeError);
        expect(() => sampledResidualGradientBuffer(s.f64(40), ub, gvb, ub, vb, sb, { rank: r })).toThrow(
          "invalid gradU: must not be the same buffer as U",
        );
      });
      expect(arena.stats().buffersLive).toBe(before);
    });
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const rng = new Rng(33);
    const U = randomMatrix(rng, 4, 2);
    const V = randomMatrix(rng, 3, 2);
    const S = randomCoo(rng, 4, 3, 6);
    const before = runtime().arena.stats().buffersLive;
    expect(() => sampledResidualGradient(U, V, { ...S, col: S.col.map((x, k) => (k === 1 ? 3 : x)) })).toThrow(
      "invalid col: col[1] = 3 is out of range [0, 3)",
    );
    expect(() => sampledResidualGradient(U, randomMatrix(rng, 3, 1), S)).toThrow("invalid V: expected 2 columns (the rank of U), got 1");
    expect(() => sampledResidualGradient(U, V, S, { gradU: randomMatrix(rng, 4, 3) })).toThrow(
      "invalid gradU: expected a 4×2 matrix, got a 4×3 matrix",
    );
    const nan = { rows: 3, cols: 2, data: new Float64Array(6).fill(NaN) };
    expect(() => sampledResidualGradient(U, V, S, { beta: 1, gradV: nan })).toThrow(
      "invalid gradV: gradV[0, 0] = NaN; expected finite values",
    );
    expect(sampledResidualGradient(U, V, S, { gradV: nan }).gradV.data.every(Number.isFinite)).toBe(true);
    expect(() => sampledResidualGradient(U, V, S, { step: 1 } as never)).toThrow("unknown option step in options");
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
