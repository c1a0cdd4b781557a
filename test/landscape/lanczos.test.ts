import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { gemv } from "../../src/kernels/blas/gemv.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { rankOneFactorization } from "../../src/problems/symmetric-factorization.js";
import { riemannianHessianVec } from "../../src/problems/problem.js";
import { lanczos } from "../../src/landscape/lanczos.js";
import { hessianSpectrum } from "../../src/landscape/hessian-spectrum.js";
import { procrustes, procrustesSolution } from "../../src/problems/procrustes.js";
import { brockett } from "../../src/problems/brockett.js";
import type { Problem } from "../../src/problems/problem.js";
import type { Manifold } from "../../src/manifolds/manifold.js";
import { col, maxAbs, randomPsd, randomSymmetric, Rng } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The explicit rank-1 Hessian ‖u‖²I − X + 2uuᵀ (symmetric n×n). */
function rankOneHessian(X: Matrix, u: Float64Array): Matrix {
  const n = u.length;
  let uu = 0;
  for (const v of u) uu += v * v;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) data[i * n + j] = (i === j ? uu : 0) - X.data[i * n + j] + 2 * u[i] * u[j];
  }
  return { rows: n, cols: n, data };
}

describe("lanczos", () => {
  test("extreme Ritz values of a rank-1 Hessian: interlacing, monotone convergence, exact at steps = n", () => {
    const rng = new Rng(1);
    const n = 40;
    const X = randomPsd(n, rng);
    const u = rng.normalArray(n);
    const H = rankOneHessian(X, u);
    const lambda = eigh(H).values;
    const scale = maxAbs(lambda);
    const M = euclidean(n);
    const op = (v: Float64Array): Float64Array => gemv(H, v);
    // Rounding in the recurrence is ≈ ε·‖H‖ per step; 1e-12·‖H‖ leaves a wide margin.
    const slack = 1e-12 * scale;
    let prevLow = Infinity, prevHigh = -Infinity;
    for (const steps of [2, 5, 10, 20, 30, n]) {
      const r = lanczos(M, u, op, { steps, seed: 3 });
      expect(r.steps).toBe(steps);
      const lo = r.smallest.value, hi = r.largest.value;
      expect(lo).toBeGreaterThanOrEqual(lambda[0] - slack);
      expect(hi).toBeLessThanOrEqual(lambda[n - 1] + slack);
      // Same start ⇒ nested Krylov spaces ⇒ the extreme Ritz values move outwards (Cauchy interlacing).
      expect(lo).toBeLessThanOrEqual(prevLow + slack);
      expect(hi).toBeGreaterThanOrEqual(prevHigh - slack);
      prevLow = lo;
      prevHigh = hi;
      // The reported residual |β_m s_m| is the true ‖Hv − θv‖ (full reorthogonalization keeps it so).
      for (const p of [r.smallest, r.largest]) {
        const hv = op(p.vector);
        let res = 0;
        for (let i = 0; i < n; i++) res += (hv[i] - p.value * p.vector[i]) ** 2;
        expect(Math.abs(Math.sqrt(res) - p.residual)).toBeLessThan(1e-10 * scale);
        expect(M.norm(u, p.vector)).toBeCloseTo(1, 12);
        // Some eigenvalue lies within the residual of each Ritz value.
        const nearest = Math.min(...Array.from(lambda, (l) => Math.abs(l - p.value)));
        expect(nearest).toBeLessThanOrEqual(p.residual + slack);
      }
      expect(r.ritzValues.length).toBe(steps);
    }
    // After n steps the Krylov space is ℝⁿ: all eigenvalues, exactly up to rounding.
    const full = lanczos(M, u, op, { steps: n, seed: 3 });
    expect(maxAbs(full.ritzValues.map((v, i) => v - lambda[i]))).toBeLessThan(1e-10 * scale);
    // The extremes converge first: 20 of 40 steps already give them to 1e-6 (well-separated ends of the spectrum).
    const half = lanczos(M, u, op, { steps: 20, seed: 3 });
    expect(half.smallest.value - lambda[0]).toBeLessThan(1e-6 * scale);
    expect(lambda[n - 1] - half.largest.value).toBeLessThan(1e-6 * scale);
  });

  test("Rayleigh Hessian on the sphere at an eigenvector: Ritz values in [2(λ₁ − λᵢ), 2(λ_n − λᵢ)], exact at steps = n − 1", () => {
    const rng = new Rng(2);
    const n = 25;
    const A = randomSymmetric(n, rng);
    const { values, vectors } = eigh(A);
    const p = rayleighQuotient(A);
    const i = 7;
    const x = col(vectors, i);
    const op = (v: Float64Array): Float64Array => riemannianHessianVec(p, x, v);
    const lo = 2 * (values[0] - values[i]), hi = 2 * (values[n - 1] - values[i]);
    const scale = Math.max(Math.abs(lo), Math.abs(hi));
    // The eigenvector from eigh is accurate to ε‖A‖/gap, which perturbs the Hessian at that level.
    const slack = 1e-10 * scale;
    for (const steps of [3, 8, 15]) {
      const r = lanczos(p.manifold, x, op, { steps, seed: 5 });
      expect(r.smallest.value).toBeGreaterThanOrEqual(lo - slack);
      expect(r.largest.value).toBeLessThanOrEqual(hi + slack);
      // Ritz vectors are tangent (orthogonal to x).
      let dot = 0;
      for (let k = 0; k < n; k++) dot += x[k] * r.smallest.vector[k];
      expect(Math.abs(dot)).toBeLessThan(1e-12);
    }
    // The tangent space has dimension n − 1: more steps are capped, and the result is exact.
    const r = lanczos(p.manifold, x, op, { steps: 100, seed: 5 });
    expect(r.steps).toBe(n - 1);
    expect(r.smallest.value).toBeCloseTo(lo, 9);
    expect(r.largest.value).toBeCloseTo(hi, 9);
  });

  test("O(n) and Stiefel: the basis stays tangent, so steps = dimension gives the exact extremes (regression)", () => {
    // Before the projection after reorthogonalization, rounding-level normal components grew by
    // ‖H‖/βⱼ per step: on O(10) after 45 steps a Ritz vector had a normal part of 0.73 and
    // θ_min = −1.66 < λ_min = 4.18, breaking interlacing.
    const rng = new Rng(7);
    const n = 10;
    const A: Matrix = { rows: 2 * n, cols: n, data: rng.normalArray(2 * n * n) };
    const B: Matrix = { rows: 2 * n, cols: n, data: rng.normalArray(2 * n * n) };
    const p = procrustes(A, B);
    const Q = procrustesSolution(A, B);
    const C = randomSymmetric(9, rng);
    const b = brockett(C, 4);
    const X = b.manifold.random(rng);
    for (const [prob, x] of [[p, Q], [b, X]] as const) {
      const M = prob.manifold as Manifold<Matrix>;
      const op = (v: Matrix): Matrix => riemannianHessianVec(prob as Problem<Matrix>, x, v);
      const dense = hessianSpectrum(prob as Problem<Matrix>, x, { method: "dense" }).values;
      const d = M.dimension;
      const scale = maxAbs(dense);
      for (const steps of [d - 5, d]) {
        const r = lanczos(M, x, op, { steps, seed: 1 });
        expect(r.smallest.value).toBeGreaterThanOrEqual(dense[0] - 1e-10 * scale);
        expect(r.largest.value).toBeLessThanOrEqual(dense[d - 1] + 1e-10 * scale);
        for (const v of [r.smallest.vector, r.largest.vector]) {
          expect(M.norm(x, M.lincomb(x, 1, v, -1, M.proj(x, v)))).toBeLessThan(1e-12);
        }
      }
      const full = lanczos(M, x, op, { steps: d, seed: 1 });
      expect(maxAbs(full.ritzValues.map((v, i) => v - dense[i]))).toBeLessThan(1e-10 * scale);
    }
  });

  test("early exit on an invariant subspace", () => {
    const rng = new Rng(3);
    const n = 12;
    const X = randomPsd(n, rng);
    const { values, vectors } = eigh(X);
    const M = euclidean(n);
    const x = new Float64Array(n);
    const op = (v: Float64Array): Float64Array => gemv(X, v);
    // A start in the span of 3 eigenvectors: the Krylov space stops growing after 3 steps.
    const start = new Float64Array(n);
    for (const [j, c] of [[1, 0.5], [6, -1], [10, 2]] as const) for (let k = 0; k < n; k++) start[k] += c * vectors.data[k * n + j];
    const r = lanczos(M, x, op, { steps: 10, start });
    expect(r.steps).toBe(3);
    expect(r.ritzValues[0]).toBeCloseTo(values[1], 12);
    expect(r.ritzValues[1]).toBeCloseTo(values[6], 12);
    expect(r.ritzValues[2]).toBeCloseTo(values[10], 12);
    expect(r.smallest.residual).toBeLessThan(1e-12);
    // A multiple of the identity: one step, any start.
    const id = lanczos(M, x, (v) => v.map((t) => 3 * t), { steps: 10 });
    expect(id.steps).toBe(1);
    expect(id.smallest.value).toBeCloseTo(3, 14);
    expect(id.largest.value).toBeCloseTo(3, 14);
    // The zero operator: one step, value 0, residual 0.
    const zero = lanczos(M, x, (v) => new Float64Array(v.length), { steps: 5 });
    expect(zero.steps).toBe(1);
    expect(zero.smallest.value).toBe(0);
    expect(zero.smallest.residual).toBe(0);
  });

  test("a non-tangent start is projected; seeds are reproducible", () => {
    const rng = new Rng(4);
    const n = 10;
    const A = randomSymmetric(n, rng);
    const p = rayleighQuotient(A);
    const x = p.manifold.random(rng);
    const op = (v: Float64Array): Float64Array => riemannianHessianVec(p, x, v);
    const a = lanczos(p.manifold, x, op, { steps: 4, seed: 9 });
    const b = lanczos(p.manifold, x, op, { steps: 4, seed: 9 });
    expect(Array.from(a.ritzValues)).toEqual(Array.from(b.ritzValues));
    // start = x + t: only its tangent part t matters.
    const t = p.manifold.randomTangent(x, rng);
    const c = lanczos(p.manifold, x, op, { steps: 4, start: x.map((v, i) => v + t[i]) });
    const d = lanczos(p.manifold, x, op, { steps: 4, start: t });
    for (let i = 0; i < 4; i++) expect(c.ritzValues[i]).toBeCloseTo(d.ritzValues[i], 12);
  });

  test("bad options are rejected before any work, without an arena leak", () => {
    const M = sphere(5);
    const x = new Float64Array([1, 0, 0, 0, 0]);
    const op = (v: Float64Array): Float64Array => v;
    const live = runtime().arena.stats().buffersLive;
    expect(() => lanczos(M, x, op, { steps: 0 })).toThrow(/steps/);
    expect(() => lanczos(M, x, op, { steps: 2.5 })).toThrow(/steps/);
    expect(() => lanczos(M, x, op, { tolerance: -1 })).toThrow(/tolerance/);
    expect(() => lanczos(M, x, op, { seed: -1 })).toThrow(/seed/);
    expect(() => lanczos(M, x, op, { rng: {} as never })).toThrow(/rng/);
    expect(() => lanczos(M, x, op, { foo: 1 } as never)).toThrow(/foo/);
    expect(() => lanczos(M, x, op, { start: new Float64Array(5) })).toThrow(/start/);
    // A start along x has a zero tangent part.
    expect(() => lanczos(M, x, op, { start: x })).toThrow(/start/);
    expect(() => lanczos(M, x, op, { start: new Float64Array([0, NaN, 0, 0, 0]) })).toThrow(/start/);
    expect(() => lanczos(M, x, 3 as never)).toThrow(/hessVec/);
    expect(() => lanczos(sphere(1), new Float64Array([1]), op)).toThrow(/dimension 0/);
    // A bad seed is an error even when start is given (it is validated, not silently ignored).
    expect(() => lanczos(M, x, op, { seed: -1, start: new Float64Array([0, 1, 0, 0, 0]) })).toThrow(/seed/);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });

  test("works through rankOneFactorization's Hessian (hessVec reusing one gradient)", () => {
    const rng = new Rng(6);
    const n = 15;
    const X = randomPsd(n, rng);
    const p = rankOneFactorization(X);
    const u = rng.normalArray(n);
    const lambda = eigh(rankOneHessian(X, u)).values;
    const r = lanczos(p.manifold, u, (v) => riemannianHessianVec(p, u, v), { steps: n });
    expect(r.smallest.value).toBeCloseTo(lambda[0], 10);
    expect(r.largest.value).toBeCloseTo(lambda[n - 1], 10);
  });
});
