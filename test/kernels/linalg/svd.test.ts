import { beforeAll, describe, expect, test } from "vitest";
import { Matrix as MlMatrix, SingularValueDecomposition } from "ml-matrix";
import { init, kernels, runtime } from "../../../src/runtime/init.js";
import { svd } from "../../../src/kernels/linalg/svd.js";
import { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import {
  EPS, argmaxAbsCol, frob, fromSvd, mat, matmul, orthError, randomMatrix, randomOrthonormal, sub, transposed,
} from "./eigh-svd-helpers.js";

beforeAll(async () => {
  await init();
});

// A = U·diag(S)·Vᵀ, orthonormal U and V, S descending ≥ 0, sign convention. Backward stability
// bounds the residual by ≈ ε‖A‖ times a modest polynomial in the dimensions (Householder and
// rotation bounds grow like max(m, n)); 10·max(m, n)·ε in the Frobenius norm.
function checkSvd(a: Matrix, r: { U: Matrix; S: Float64Array; V: Matrix }): void {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  expect([r.U.rows, r.U.cols, r.V.rows, r.V.cols, r.S.length]).toEqual([m, k, n, k, k]);
  const tol = 10 * Math.max(m, n, 1) * EPS;
  const anorm = Math.max(frob(a), Number.MIN_VALUE);
  expect(frob(sub(fromSvd(r.U, r.S, r.V), a)) / anorm).toBeLessThanOrEqual(tol);
  expect(orthError(r.U)).toBeLessThanOrEqual(tol);
  expect(orthError(r.V)).toBeLessThanOrEqual(tol);
  for (let i = 0; i < k; i++) {
    expect(r.S[i]).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(r.S[i]).toBeLessThanOrEqual(r.S[i - 1]);
    expect(r.U.data[argmaxAbsCol(r.U, i) * k + i]).toBeGreaterThan(0);
  }
}

describe("svd", () => {
  test("random tall, wide and square matrices on every build", async () => {
    const rng = new Rng(21);
    const shapes = [[1, 1], [2, 1], [1, 2], [3, 3], [5, 2], [2, 5], [8, 8], [17, 9], [9, 17], [33, 33], [64, 20], [20, 64], [100, 100]];
    for (const [m, n] of shapes) {
      const a = randomMatrix(rng, m, n);
      await eachBinary(() => checkSvd(a, svd(a)));
    }
  });

  test("ill-conditioned: σ from 1 down to 1e-12, each σ to ε·σ₁ absolute", async () => {
    const rng = new Rng(22);
    for (const [m, n] of [[40, 40], [60, 25], [25, 60]]) {
      const k = Math.min(m, n);
      const sigma = Array.from({ length: k }, (_, i) => 10 ** ((-12 * i) / (k - 1)));
      const u = randomOrthonormal(rng, m, k);
      const v = randomOrthonormal(rng, n, k);
      const a = fromSvd(u, sigma, v);
      await eachBinary(() => {
        const r = svd(a);
        checkSvd(a, r);
        const eE = 10 * Math.max(m, n) * EPS; // ‖E‖₂ of the backward error (σ₁ = 1), with growth factor
        // Weyl: |σ̂ᵢ − σᵢ| ≤ ‖E‖₂ ≈ ε·σ₁, including the rounding in forming A from its factors.
        for (let i = 0; i < k; i++) expect(Math.abs(r.S[i] - sigma[i])).toBeLessThanOrEqual(eE);
        // Wedin: each singular vector pair is accurate to ≈ ‖E‖₂/gapᵢ (up to a common sign).
        for (let j = 0; j < k; j++) {
          const gap = Math.min(j > 0 ? sigma[j - 1] - sigma[j] : Infinity, j < k - 1 ? sigma[j] - sigma[j + 1] : sigma[j]);
          let dot = 0;
          for (let i = 0; i < m; i++) dot += r.U.data[i * k + j] * u.data[i * k + j];
          const sign = Math.sign(dot);
          let err = 0;
          for (let i = 0; i < m; i++) err = Math.max(err, Math.abs(r.U.data[i * k + j] - sign * u.data[i * k + j]));
          for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(r.V.data[i * k + j] - sign * v.data[i * k + j]));
          expect(err).toBeLessThanOrEqual(Math.min(1, (2 * eE) / gap));
        }
      });
    }
  });

  test("rank-deficient, repeated singular values, diagonal and zero matrices", async () => {
    const rng = new Rng(23);
    // rank 3 in 30×20: the trailing 17 singular values are at rounding level.
    const low = matmul(randomMatrix(rng, 30, 3), transposed(randomMatrix(rng, 20, 3)));
    const repeated = fromSvd(randomOrthonormal(rng, 25, 12), Array(12).fill(2), randomOrthonormal(rng, 12, 12));
    await eachBinary(() => {
      const r = svd(low);
      checkSvd(low, r);
      for (let i = 3; i < 20; i++) expect(r.S[i]).toBeLessThanOrEqual(10 * 30 * EPS * r.S[0]);
      const q = svd(repeated);
      checkSvd(repeated, q);
      for (let i = 0; i < 12; i++) expect(Math.abs(q.S[i] - 2)).toBeLessThanOrEqual(10 * 25 * EPS * 2);
    });

    const d = mat(4, 3, Float64Array.of(0, 0, 0, 0, -5, 0, 0, 0, 2, 0, 0, 0));
    const rd = svd(d);
    checkSvd(d, rd);
    expect(Array.from(rd.S)).toEqual([5, 2, 0]);

    const z = svd(mat(6, 4));
    checkSvd(mat(6, 4), z);
    expect(Array.from(z.S)).toEqual([0, 0, 0, 0]);
  });

  test("exact zeros on the bidiagonal: the split (zero d inside) and deflation (zero last d) paths", async () => {
    // Already-bidiagonal input passes the Householder stage unchanged, so these zeros reach the
    // QR iteration: a zero inside triggers the split rotations, a zero last the deflation ones.
    const cases = [
      [[1, 1, 0, 0], [0, 0, 1, 0], [0, 0, 2, 1], [0, 0, 0, 3]],
      [[1, 1, 0, 0], [0, 2, 1, 0], [0, 0, 2, 1], [0, 0, 0, 0]],
      [[0, 1, 0, 0], [0, 2, 1, 0], [0, 0, 2, 1], [0, 0, 0, 1]],
    ].map((rows) => mat(4, 4, Float64Array.from(rows.flat())));
    const n = 30;
    const many = mat(n, n);
    for (let i = 0; i < n; i++) {
      many.data[i * n + i] = i % 3 === 0 ? 0 : i;
      if (i + 1 < n) many.data[i * n + i + 1] = 1;
    }
    cases.push(many);
    await eachBinary(() => {
      for (const a of cases) {
        const r = svd(a);
        checkSvd(a, r);
        // Independent check of the values against ml-matrix (separate JS code).
        const rows = Array.from({ length: a.rows }, (_, i) => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
        const want = new SingularValueDecomposition(new MlMatrix(rows)).diagonal;
        for (let i = 0; i < a.cols; i++) expect(Math.abs(r.S[i] - want[i])).toBeLessThanOrEqual(10 * a.cols * EPS * r.S[0]);
      }
    });
  });

  test("empty and 1×1 matrices", () => {
    for (const [m, n] of [[0, 0], [0, 3], [4, 0]]) {
      const r = svd(mat(m, n));
      expect([r.U.rows, r.U.cols, r.S.length, r.V.rows, r.V.cols]).toEqual([m, 0, 0, n, 0]);
    }
    const r = svd(mat(1, 1, Float64Array.of(-3)));
    expect([r.U.data[0], r.S[0], r.V.data[0]]).toEqual([1, 3, -1]);
  });

  test("agrees with ml-matrix SingularValueDecomposition (independent JS code)", () => {
    const rng = new Rng(24);
    for (const [m, n] of [[30, 12], [12, 30], [20, 20]]) {
      const a = randomMatrix(rng, m, n);
      const rows = Array.from({ length: m }, (_, i) => Array.from(a.data.subarray(i * n, (i + 1) * n)));
      const want = new SingularValueDecomposition(new MlMatrix(rows), { autoTranspose: true }).diagonal;
      const got = svd(a).S;
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(10 * Math.max(m, n) * EPS * got[0]);
    }
  });

  test("extreme scales and a tall 2000×50 matrix", () => {
    const rng = new Rng(25);
    const base = randomMatrix(rng, 9, 6);
    const ref = svd(base).S;
    for (const s of [2 ** 700, 2 ** -700, 1e300, 1e-300]) {
      const r = svd(mat(9, 6, base.data.map((x) => x * s)));
      for (let i = 0; i < 6; i++) expect(Math.abs(r.S[i] / s - ref[i])).toBeLessThanOrEqual(100 * EPS * ref[0]);
    }
    const tall = randomMatrix(rng, 2000, 50);
    checkSvd(tall, svd(tall));
  });

  test("the builds agree to rounding on well-separated singular values", async () => {
    const rng = new Rng(26);
    const m = 30;
    const k = 15;
    const sigma = Array.from({ length: k }, (_, i) => k - i); // gaps of 1, σ₁ = 15
    const a = fromSvd(randomOrthonormal(rng, m, k), sigma, randomOrthonormal(rng, k, k));
    const results = [...(await resultsByBinary(() => svd(a))).values()];
    const tol = 10 * m * EPS * k; // ε·σ₁/gap, with the growth factor
    for (const r of results.slice(1)) {
      for (let i = 0; i < k; i++) expect(Math.abs(r.S[i] - results[0].S[i])).toBeLessThanOrEqual(tol);
      for (let i = 0; i < m * k; i++) expect(Math.abs(r.U.data[i] - results[0].U.data[i])).toBeLessThanOrEqual(tol);
      for (let i = 0; i < k * k; i++) expect(Math.abs(r.V.data[i] - results[0].V.data[i])).toBeLessThanOrEqual(tol);
    }
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => svd(null as never)).toThrow(/invalid a: expected a matrix/);
    expect(() => svd({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(RangeError);
    expect(() => svd(mat(2, 3, Float64Array.of(1, 2, 3, 4, -Infinity, 6)))).toThrow(/invalid a: entry 4 is -Infinity/);
    expect(() => svd(mat(1, 2, Float64Array.of(NaN, 0)))).toThrow(RangeError);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("the kernel reports non-convergence (NaN input) instead of looping or returning garbage", async () => {
    await eachBinary(() => {
      const k = kernels<{ svd(...args: number[]): number; svdWorkspaceSize(m: number, n: number): number }>();
      const [m, n] = [6, 4];
      runtime().arena.scope((s) => {
        const a = s.f64(m * n);
        for (let i = 0; i < m * n; i++) a.view[i] = (i * 7) % 5;
        a.view[9] = NaN;
        const info = k.svd(s.f64(m * n).ptr, s.f64(n).ptr, s.f64(n * n).ptr, m, n, a.ptr, n, s.f64(k.svdWorkspaceSize(m, n)).ptr);
        expect(info).toBeGreaterThan(0);
      });
    });
  });
});
