import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { polar } from "../../../src/kernels/linalg/polar.js";
import { eigh } from "../../../src/kernels/linalg/eigh.js";
import { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";
import { eachBinary } from "../../helpers/binaries.js";
import {
  EPS, frob, fromSvd, mat, matmul, orthError, randomMatrix, randomOrthonormal, sub, transposed,
} from "./eigh-svd-helpers.js";

beforeAll(async () => {
  await init();
});

// Backward-stable SVD-based polar factors: residuals ≈ ε‖A‖ times a modest growth in the
// dimensions; 10·max(m, n)·ε relative, in the Frobenius norm.
function checkPolar(a: Matrix, r: { Q: Matrix; H?: Matrix }): void {
  const { rows: m, cols: n } = a;
  const tol = 10 * Math.max(m, n, 1) * EPS;
  expect([r.Q.rows, r.Q.cols]).toEqual([m, n]);
  // Orthonormal columns (m ≥ n) or rows (m < n).
  expect(orthError(m >= n ? r.Q : transposed(r.Q))).toBeLessThanOrEqual(tol);
  const h = r.H as Matrix;
  expect([h.rows, h.cols]).toEqual([n, n]);
  expect(frob(sub(matmul(r.Q, h), a)) / Math.max(frob(a), Number.MIN_VALUE)).toBeLessThanOrEqual(tol);
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(h.data[i * n + j]).toBe(h.data[j * n + i]);
  // PSD: the smallest eigenvalue is ≥ 0 up to rounding (ε‖A‖ scale).
  const lmin = n > 0 ? eigh(h).values[0] : 0;
  expect(lmin).toBeGreaterThanOrEqual(-tol * Math.max(frob(a), Number.MIN_VALUE));
}

function randomRotation(rng: Rng, n: number): Matrix {
  return randomOrthonormal(rng, n, n);
}

describe("polar", () => {
  test("A = Q·H with QᵀQ = I and H symmetric PSD on the shape grid, every build", async () => {
    const rng = new Rng(31);
    for (const [m, n] of [[1, 1], [3, 3], [5, 2], [2, 5], [8, 8], [17, 9], [9, 17], [40, 40]]) {
      const a = randomMatrix(rng, m, n);
      await eachBinary(() => checkPolar(a, polar(a, { withH: true })));
    }
  });

  test("an orthogonal matrix is its own polar factor, with H = I", async () => {
    const rng = new Rng(32);
    for (const n of [1, 2, 7, 30]) {
      const q = randomRotation(rng, n);
      await eachBinary(() => {
        const r = polar(q, { withH: true });
        expect(frob(sub(r.Q, q))).toBeLessThanOrEqual(10 * n * EPS * Math.sqrt(n));
        const h = r.H as Matrix;
        for (let i = 0; i < n; i++) h.data[i * n + i] -= 1;
        expect(frob(h)).toBeLessThanOrEqual(10 * n * EPS * Math.sqrt(n));
      });
    }
  });

  test("Q solves the orthogonal Procrustes problem min ‖Q − A‖_F", () => {
    const rng = new Rng(33);
    for (const [m, n] of [[6, 6], [10, 4]]) {
      const a = randomMatrix(rng, m, n);
      const { Q } = polar(a);
      const best = frob(sub(Q, a));
      // Closed form: ‖Q − A‖²_F = n − 2·tr(H) + ‖A‖²_F with tr(H) = Σσ (the nuclear norm).
      // Any other orthonormal-column matrix is no closer: random ones, and small rotations of Q.
      for (let t = 0; t < 50; t++) expect(frob(sub(randomOrthonormal(rng, m, n), a))).toBeGreaterThanOrEqual(best);
      for (let t = 0; t < 20; t++) {
        const g = mat(n, n);
        for (let i = 0; i < n; i++) g.data[i * n + i] = 1;
        const [i, j] = [t % n, (t + 1) % n];
        const th = 1e-3 * (t % 2 === 0 ? 1 : -1);
        g.data[i * n + i] = g.data[j * n + j] = Math.cos(th);
        g.data[i * n + j] = Math.sin(th);
        g.data[j * n + i] = -Math.sin(th);
        expect(frob(sub(matmul(Q, g), a))).toBeGreaterThan(best);
      }
    }
  });

  test("rank-deficient and ill-conditioned input still gives orthonormal Q and A = QH", () => {
    const rng = new Rng(34);
    const low = matmul(randomMatrix(rng, 12, 2), transposed(randomMatrix(rng, 8, 2)));
    checkPolar(low, polar(low, { withH: true }));
    const sigma = Array.from({ length: 10 }, (_, i) => 10 ** (-12 * i / 9));
    const ill = fromSvd(randomOrthonormal(rng, 10, 10), sigma, randomOrthonormal(rng, 10, 10));
    checkPolar(ill, polar(ill, { withH: true }));
  });

  test("withH defaults to false; empty and zero matrices", () => {
    const r = polar(mat(3, 2, Float64Array.of(1, 0, 0, 1, 0, 0)));
    expect(r.H).toBeUndefined();
    expect(Array.from(r.Q.data)).toEqual([1, 0, 0, 1, 0, 0]);
    const e = polar(mat(0, 0), { withH: true });
    expect(e.Q).toMatchObject({ rows: 0, cols: 0 });
    const z = polar(mat(3, 3), { withH: true });
    expect(orthError(z.Q)).toBe(0);
    expect(Array.from((z.H as Matrix).data)).toEqual(Array(9).fill(0));
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => polar(mat(2, 2), { withH: 1 } as never)).toThrow(/invalid withH: expected a boolean, got 1/);
    expect(() => polar(mat(2, 2), { h: true } as never)).toThrow(/unknown option h/);
    expect(() => polar(mat(2, 2, Float64Array.of(1, NaN, 0, 1)))).toThrow(/invalid a: entry 1 is NaN/);
    expect(() => polar("a" as never)).toThrow(TypeError);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
