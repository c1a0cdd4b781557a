import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { brockett } from "../../src/problems/brockett.js";
import { riemannianGradient, riemannianHessianVec, type Problem } from "../../src/problems/problem.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { firstColumns, maxAbs, randomSymmetric } from "../landscape/fixtures.js";

beforeAll(async () => {
  await init();
});

describe("rayleighQuotient", () => {
  test("cost, egrad, ehessVec against plain loops", () => {
    const rng = new Rng(1);
    const A = randomSymmetric(7, rng);
    const p = rayleighQuotient(A);
    const x = p.manifold.random(rng), u = p.manifold.randomTangent(x, rng);
    let f = 0;
    const ax = new Float64Array(7), au = new Float64Array(7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) { ax[i] += A.data[i * 7 + j] * x[j]; au[i] += A.data[i * 7 + j] * u[j]; }
    for (let i = 0; i < 7; i++) f += x[i] * ax[i];
    // Summation-order differences only: a few ulps of the sums' magnitudes (entries are O(1)).
    expect(p.cost(x)).toBeCloseTo(f, 12);
    const g = p.egrad(x), h = p.ehessVec!(x, u);
    for (let i = 0; i < 7; i++) {
      expect(g[i]).toBeCloseTo(2 * ax[i], 12);
      expect(h[i]).toBeCloseTo(2 * au[i], 12);
    }
  });

  test("the eigenvector of the smallest eigenvalue is a critical point with value λ₁", () => {
    const rng = new Rng(2);
    for (const n of [1, 3, 10, 30]) {
      const A = randomSymmetric(n, rng);
      const { values, vectors } = eigh(A);
      const v1 = firstColumns(vectors, 1).data;
      const p = rayleighQuotient(A);
      const g = riemannianGradient(p, v1);
      // eigh is backward stable: A·v₁ = λ₁v₁ + O(ε‖A‖), so ‖grad‖ = ‖2P(Av₁)‖ = O(nε‖A‖).
      expect(p.manifold.norm(v1, g)).toBeLessThanOrEqual(1e-12 * maxAbs(A.data) * n);
      expect(Math.abs(p.cost(v1) - values[0])).toBeLessThanOrEqual(1e-12 * maxAbs(A.data) * n);
      // The minimum: a random point has a larger cost.
      expect(p.cost(p.manifold.random(rng))).toBeGreaterThanOrEqual(values[0] - 1e-12);
      // The Hessian at v₁ is 2(A − λ₁I) on the tangent space: positive semidefinite.
      if (n > 1) {
        const u = p.manifold.randomTangent(v1, rng);
        expect(p.manifold.inner(v1, riemannianHessianVec(p, v1, u), u)).toBeGreaterThanOrEqual(-1e-12 * maxAbs(A.data) * n);
      }
    }
  });

  test("bad input gives clear errors", () => {
    expect(() => rayleighQuotient({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(/invalid A: expected a square matrix, got a 2×3/);
    expect(() => rayleighQuotient({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) })).toThrow(/invalid A: expected a symmetric matrix/);
    expect(() => rayleighQuotient({ rows: 2, cols: 2, data: new Float64Array([1, NaN, NaN, 4]) })).toThrow(/invalid A: entry 1 is NaN/);
    expect(() => rayleighQuotient({ rows: 0, cols: 0, data: new Float64Array(0) })).toThrow(/invalid A: expected a non-empty/);
    expect(() => rayleighQuotient([[1]] as never)).toThrow(TypeError);
    // Symmetric within the tolerance is accepted.
    expect(() => rayleighQuotient({ rows: 2, cols: 2, data: new Float64Array([1, 2, 2 + 1e-12, 4]) })).not.toThrow();
  });

  test("A is copied", () => {
    const A = { rows: 2, cols: 2, data: new Float64Array([1, 0, 0, 2]) };
    const p = rayleighQuotient(A);
    A.data[0] = 100;
    expect(p.cost(new Float64Array([1, 0]))).toBe(1);
  });
});

describe("brockett", () => {
  test("cost = tr(XᵀAXN), egrad = 2AXN, ehessVec = 2AUN against plain loops", () => {
    const rng = new Rng(3);
    const n = 6, k = 3, A = randomSymmetric(n, rng);
    const p = brockett(A, k);
    const X = p.manifold.random(rng), U = p.manifold.randomTangent(X, rng);
    const mul = (M: Matrix): Float64Array => {
      const out = new Float64Array(n * k);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) for (let l = 0; l < n; l++) out[i * k + j] += A.data[i * n + l] * M.data[l * k + j];
      return out;
    };
    const ax = mul(X), au = mul(U);
    let f = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) f += (k - j) * X.data[i * k + j] * ax[i * k + j];
    expect(p.cost(X)).toBeCloseTo(f, 12);
    const g = p.egrad(X), h = p.ehessVec!(X, U);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) {
      expect(g.data[i * k + j]).toBeCloseTo(2 * (k - j) * ax[i * k + j], 12);
      expect(h.data[i * k + j]).toBeCloseTo(2 * (k - j) * au[i * k + j], 12);
    }
  });

  test("the gradient vanishes at the eigenvector matrix, with value Σ (k − j + 1)λⱼ", () => {
    const rng = new Rng(4);
    for (const [n, k] of [[1, 1], [5, 2], [8, 8], [20, 5]] as const) {
      const A = randomSymmetric(n, rng);
      const { values, vectors } = eigh(A);
      const X = firstColumns(vectors, k);
      for (const retraction of ["qr", "polar"] as const) {
        const p = brockett(A, k, { retraction });
        const g = riemannianGradient(p, X);
        // As for the Rayleigh quotient: O(nε‖A‖) from eigh's backward error, times ‖N‖ = k.
        expect(p.manifold.norm(X, g)).toBeLessThanOrEqual(1e-12 * maxAbs(A.data) * n * k);
        let opt = 0;
        for (let j = 0; j < k; j++) opt += (k - j) * values[j];
        expect(Math.abs(p.cost(X) - opt)).toBeLessThanOrEqual(1e-12 * maxAbs(A.data) * n * k);
        expect(p.cost(p.manifold.random(rng))).toBeGreaterThanOrEqual(opt - 1e-10);
      }
      // Swapping two columns gives a critical point that is not the minimizer (larger cost).
      if (k >= 2) {
        const Y = { rows: n, cols: k, data: X.data.slice() };
        for (let i = 0; i < n; i++) [Y.data[i * k], Y.data[i * k + 1]] = [Y.data[i * k + 1], Y.data[i * k]];
        const p = brockett(A, k);
        expect(p.manifold.norm(Y, riemannianGradient(p, Y))).toBeLessThanOrEqual(1e-12 * maxAbs(A.data) * n * k);
        expect(p.cost(Y)).toBeGreaterThan(p.cost(X));
      }
    }
  });

  test("bad input gives clear errors", () => {
    const A = randomSymmetric(4, new Rng(5));
    expect(() => brockett(A, 0)).toThrow(/invalid k/);
    expect(() => brockett(A, 5)).toThrow(/invalid k/);
    expect(() => brockett(A, 1.5)).toThrow(/invalid k/);
    expect(() => brockett(A, 2, { retraction: "svd" as never })).toThrow(/retraction/);
    expect(() => brockett(A, 2, { foo: 1 } as never)).toThrow(/foo/);
    expect(() => brockett({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) }, 1)).toThrow(/invalid A: expected a symmetric/);
    expect(() => brockett({ rows: 2, cols: 2, data: new Float64Array([1, Infinity, Infinity, 4]) }, 1)).toThrow(/invalid A: entry 1 is Infinity/);
  });
});

describe("Problem helpers", () => {
  test("riemannianHessianVec needs ehessVec; no arena leak", () => {
    const A = randomSymmetric(3, new Rng(6));
    const { ehessVec: _, ...p } = rayleighQuotient(A);
    const q: Problem<Float64Array> = p;
    const x = q.manifold.random(new Rng(7));
    expect(() => riemannianHessianVec(q, x, x)).toThrow(/no ehessVec/);
    const before = runtime().arena.stats().buffersLive;
    expect(() => q.cost(new Float64Array(4))).toThrow(/invalid x: expected length 3/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
