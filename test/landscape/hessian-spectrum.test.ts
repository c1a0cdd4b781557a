import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { svdValues } from "../../src/kernels/linalg/svd-values.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { stiefel } from "../../src/manifolds/stiefel.js";
import { orthogonalGroup } from "../../src/manifolds/orthogonal.js";
import { product } from "../../src/manifolds/product.js";
import type { Manifold } from "../../src/manifolds/manifold.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { brockett } from "../../src/problems/brockett.js";
import { rankOneFactorization, symmetricFactorization } from "../../src/problems/symmetric-factorization.js";
import { procrustes, procrustesSolution } from "../../src/problems/procrustes.js";
import { rankOneCriticalPoints, symmetricFactorizationCriticalPoints } from "../../src/problems/symmetric-factorization-critical-points.js";
import { riemannianHessianVec, type Problem } from "../../src/problems/problem.js";
import { hessianSpectrum } from "../../src/landscape/hessian-spectrum.js";
import { tangentBasis } from "../../src/landscape/tangent-basis.js";
import { col, firstColumns, maxAbs, maxDiff, randomPsd, randomSymmetric, Rng, sorted } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

// Tolerances: the dense eigenvalues carry ≈ ε·√d·‖H‖ of rounding, and the critical points built
// from eigh/polar are accurate to ≈ ε·‖A‖/gap, which moves the Hessian by as much; for these
// O(1)-conditioned random instances 1e-9·‖H‖ is a safe bound that a wrong formula (an O(1)
// error) cannot meet.
const REL = 1e-9;

describe("tangentBasis", () => {
  const rng = new Rng(1);
  const manifolds: Manifold<any>[] = [
    sphere(6), euclidean(4), euclidean([3, 2]), stiefel(5, 2), orthogonalGroup(4), stiefel(3, 3),
    product([sphere(3), stiefel(4, 2)]) as Manifold<any>,
  ];

  test.each(manifolds.map((M) => [M.name, M] as const))("%s: dimension-many orthonormal tangent vectors", (_name, M) => {
    const x = M.random(rng);
    const { vectors: basis, coordinates, ambient } = tangentBasis(M, x);
    expect(coordinates.length).toBe(M.dimension * ambient.size);
    expect(Array.from(ambient.flatten(basis[0]))).toEqual(Array.from(coordinates.subarray(0, ambient.size)));
    expect(basis.length).toBe(M.dimension);
    for (let i = 0; i < basis.length; i++) {
      // Tangent: proj leaves it unchanged.
      const p = M.proj(x, basis[i]);
      expect(M.norm(x, M.lincomb(x, 1, p, -1, basis[i]))).toBeLessThan(1e-13);
      for (let j = 0; j <= i; j++) expect(M.inner(x, basis[i], basis[j])).toBeCloseTo(i === j ? 1 : 0, 13);
    }
  });

  test("a manifold whose dimension disagrees with its projection is rejected", () => {
    const M = sphere(5);
    const x = M.random(rng);
    expect(() => tangentBasis({ ...M, dimension: 5 }, x)).toThrow(/span only 4 dimensions, expected 5/);
    expect(() => tangentBasis({ ...M, dimension: 3 }, x)).toThrow(/more than its dimension 3/);
    expect(() => tangentBasis({ ...M, zeroTangent: () => "no" } as never, x)).toThrow(/unsupported tangent vector/);
    // A manifold with a non-embedded metric (2× the dot product) is detected.
    expect(() => tangentBasis({ ...M, norm: (y, u) => 2 * M.norm(y, u) }, x)).toThrow(/not the embedded/);
  });
});

describe("hessianSpectrum: dense path against closed forms", () => {
  test("sphere: Rayleigh quotient xᵀAx at the eigenvector vᵢ has Hessian eigenvalues 2(λⱼ − λᵢ), j ≠ i", () => {
    // f = xᵀAx (no ½): Hess f(vᵢ)[u] = 2(Au − λᵢu) on vᵢ^⊥, so the eigenvalues are 2(λⱼ − λᵢ).
    const rng = new Rng(2);
    const n = 9;
    const A = randomSymmetric(n, rng);
    const { values, vectors } = eigh(A);
    const p = rayleighQuotient(A);
    for (const i of [0, 4, n - 1]) {
      const s = hessianSpectrum(p, col(vectors, i), { method: "dense" });
      const expected = sorted(Array.from(values).filter((_, j) => j !== i).map((l) => 2 * (l - values[i])));
      expect(s.method).toBe("dense");
      expect(s.dimension).toBe(n - 1);
      expect(s.hessianProducts).toBe(n - 1);
      expect(maxDiff(s.values, expected)).toBeLessThan(REL * maxAbs(expected));
      expect(s.asymmetry).toBeLessThan(1e-13);
    }
  });

  test("Euclidean: rank-1 factorization at every critical point matches the closed form", () => {
    const rng = new Rng(3);
    const X = randomPsd(10, rng);
    const p = rankOneFactorization(X);
    for (const c of rankOneCriticalPoints(X)) {
      const s = hessianSpectrum(p, c.point);
      expect(maxDiff(s.values, c.hessianEigenvalues)).toBeLessThan(REL * maxAbs(c.hessianEigenvalues));
    }
  });

  test("Euclidean matrices: rank-2 factorization at its critical points matches the closed form (incl. the flat rotation)", () => {
    const rng = new Rng(4);
    const X = randomPsd(6, rng);
    const p = symmetricFactorization(X, 2);
    const points = symmetricFactorizationCriticalPoints(X, 2);
    expect(points.length).toBe(1 + 6 + 15);
    for (const c of points) {
      const s = hessianSpectrum(p, c.point);
      expect(s.values.length).toBe(12);
      expect(maxDiff(s.values, c.hessianEigenvalues)).toBeLessThan(REL * maxAbs(c.hessianEigenvalues));
    }
  });

  test("Stiefel: Brockett at its minimizer, eigenvalues 2μᵢ(λ_p − λᵢ) and (λ_p − λᵢ)(μᵢ − μ_p)", () => {
    // In A's eigenbasis, a tangent vector XΩ + X⊥K along the curve [X X⊥]·exp(t[[Ω, −Kᵀ], [K, 0]])
    // gives f'' = Σ_{i ≤ k} 2μᵢ Σ_p (λ_p − λᵢ) Z_{ip}²: K entries (i ≤ k < p) → 2μᵢ(λ_p − λᵢ),
    // Ω pairs (i < p ≤ k, norm² 2ω²) → (λ_p − λᵢ)(μᵢ − μ_p), with μᵢ = k − i + 1 (1-based).
    const rng = new Rng(5);
    for (const [n, k] of [[6, 3], [5, 1], [4, 4]] as const) {
      const A = randomSymmetric(n, rng);
      const { values, vectors } = eigh(A);
      const p = brockett(A, k);
      const expected: number[] = [];
      const mu = (i: number): number => k - i; // 0-based i
      for (let i = 0; i < k; i++) {
        for (let q = k; q < n; q++) expected.push(2 * mu(i) * (values[q] - values[i]));
        for (let q = i + 1; q < k; q++) expected.push((values[q] - values[i]) * (mu(i) - mu(q)));
      }
      const s = hessianSpectrum(p, firstColumns(vectors, k));
      const e = sorted(expected);
      expect(s.dimension).toBe(e.length);
      expect(maxDiff(s.values, e)).toBeLessThan(REL * maxAbs(e));
      expect(s.values[0]).toBeGreaterThan(0);
    }
  });

  test("O(n): Procrustes at Q* = polar(AᵀB) has eigenvalues σₐ + σ_b (a < b) of AᵀB", () => {
    const rng = new Rng(6);
    for (const [m, n] of [[8, 4], [5, 5], [3, 3]] as const) {
      const A: Matrix = { rows: m, cols: n, data: rng.normalArray(m * n) };
      const B: Matrix = { rows: m, cols: n, data: rng.normalArray(m * n) };
      const sigma = svdValues(gemm(A, B, { transA: true }));
      const expected: number[] = [];
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) expected.push(sigma[a] + sigma[b]);
      const e = sorted(expected);
      const s = hessianSpectrum(procrustes(A, B), procrustesSolution(A, B));
      expect(maxDiff(s.values, e)).toBeLessThan(REL * maxAbs(e));
    }
  });
});

describe("hessianSpectrum: Lanczos path and options", () => {
  test("Lanczos agrees with dense at the extremes (exactly with steps = dimension, from inside with fewer)", () => {
    const rng = new Rng(7);
    const X = randomPsd(30, rng);
    const p = rankOneFactorization(X);
    const u = rng.normalArray(30);
    const dense = hessianSpectrum(p, u, { method: "dense" });
    const lo = dense.values[0], hi = dense.values[29];
    const scale = Math.max(Math.abs(lo), Math.abs(hi));
    const full = hessianSpectrum(p, u, { method: "lanczos", steps: 30, eigenvectors: true });
    expect(full.method).toBe("lanczos");
    expect(full.values.length).toBe(2);
    expect(full.values[0]).toBeCloseTo(lo, 10);
    expect(full.values[1]).toBeCloseTo(hi, 10);
    expect(full.residuals!.every((r) => r < 1e-10 * scale)).toBe(true);
    const few = hessianSpectrum(p, u, { method: "lanczos", steps: 8, seed: 2 });
    expect(few.hessianProducts).toBe(8);
    expect(few.values[0]).toBeGreaterThanOrEqual(lo - 1e-12 * scale);
    expect(few.values[1]).toBeLessThanOrEqual(hi + 1e-12 * scale);
    // Ritz vectors: Hess[v] − θv has the reported residual norm.
    for (let k = 0; k < 2; k++) {
      const v = full.vectors![k];
      const hv = riemannianHessianVec(p, u, v);
      expect(maxAbs(hv.map((h, i) => h - full.values[k] * v[i]))).toBeLessThan(1e-9 * scale);
    }
    // A single step gives a single value.
    expect(hessianSpectrum(p, u, { method: "lanczos", steps: 1 }).values.length).toBe(1);
  });

  test("auto: dense up to denseThreshold, Lanczos above", () => {
    const rng = new Rng(8);
    const p = rayleighQuotient(randomSymmetric(6, rng));
    const x = p.manifold.random(rng);
    expect(hessianSpectrum(p, x).method).toBe("dense");
    expect(hessianSpectrum(p, x, { denseThreshold: 5 }).method).toBe("dense");
    expect(hessianSpectrum(p, x, { denseThreshold: 4 }).method).toBe("lanczos");
  });

  test("eigenvectors are unit tangent eigenvectors (also off critical points, on a product manifold)", () => {
    const rng = new Rng(9);
    const A = randomSymmetric(4, rng);
    const C = randomSymmetric(5, rng);
    const ray = rayleighQuotient(A);
    const br = brockett(C, 2);
    // f(x, Y) = xᵀAx + tr(YᵀCYN): separable, so the spectrum is the union of the two.
    const M = product([ray.manifold, br.manifold]);
    const p: Problem<readonly [Float64Array, Matrix]> = {
      manifold: M,
      cost: ([x, y]) => ray.cost(x) + br.cost(y),
      egrad: ([x, y]) => [ray.egrad(x), br.egrad(y)],
      ehessVec: ([x, y], [u, v]) => [ray.ehessVec!(x, u), br.ehessVec!(y, v)],
    };
    const x = M.random(rng);
    const s = hessianSpectrum(p, x, { eigenvectors: true });
    const union = sorted([...hessianSpectrum(ray, x[0]).values, ...hessianSpectrum(br, x[1]).values]);
    expect(maxDiff(s.values, union)).toBeLessThan(1e-12 * maxAbs(union));
    expect(s.vectors!.length).toBe(M.dimension);
    s.vectors!.forEach((v, k) => {
      expect(M.norm(x, v)).toBeCloseTo(1, 12);
      const r = M.lincomb(x, 1, riemannianHessianVec(p, x, v), -s.values[k], v);
      expect(M.norm(x, r)).toBeLessThan(1e-12 * maxAbs(union));
    });
  });

  test("a non-self-adjoint Hessian shows up in `asymmetry`", () => {
    const rng = new Rng(10);
    const n = 5;
    const B = { rows: n, cols: n, data: rng.normalArray(n * n) };
    const p: Problem<Float64Array> = { ...rankOneFactorization(randomPsd(n, rng)), ehessVec: (_u, v) => Float64Array.from({ length: n }, (_, i) => { let s = 0; for (let j = 0; j < n; j++) s += B.data[i * n + j] * v[j]; return s; }) };
    const s = hessianSpectrum(p, rng.normalArray(n));
    expect(s.asymmetry).toBeGreaterThan(0.1);
  });

  test("bad input is rejected, without an arena leak", () => {
    const rng = new Rng(11);
    const p = rayleighQuotient(randomSymmetric(4, rng));
    const x = p.manifold.random(rng);
    const live = runtime().arena.stats().buffersLive;
    expect(() => hessianSpectrum(p, x, { method: "qr" as never })).toThrow(/method/);
    expect(() => hessianSpectrum(p, x, { steps: 0 })).toThrow(/steps/);
    expect(() => hessianSpectrum(p, x, { seed: 1.5 })).toThrow(/seed/);
    expect(() => hessianSpectrum(p, x, { denseThreshold: -1 })).toThrow(/denseThreshold/);
    expect(() => hessianSpectrum(p, x, { eigenvectors: 1 as never })).toThrow(/eigenvectors/);
    expect(() => hessianSpectrum(p, x, { foo: 1 } as never)).toThrow(/foo/);
    expect(() => hessianSpectrum({} as never, x)).toThrow(/problem/);
    const { ehessVec: _, ...noHess } = p;
    expect(() => hessianSpectrum(noHess, x)).toThrow(/ehessVec/);
    const nan = new Float64Array(4).fill(NaN);
    expect(() => hessianSpectrum(rankOneFactorization(randomPsd(4, rng)), nan)).toThrow(RangeError);
    expect(() => hessianSpectrum(rankOneFactorization(randomPsd(4, rng)), nan, { method: "lanczos" })).toThrow(RangeError);
    expect(runtime().arena.stats().buffersLive).toBe(live);
    // Dimension 0 (S⁰ = {±1}): an empty spectrum on either path.
    const p1 = rayleighQuotient({ rows: 1, cols: 1, data: new Float64Array([2]) });
    const one = new Float64Array([1]);
    expect(hessianSpectrum(p1, one).values.length).toBe(0);
    expect(hessianSpectrum(p1, one, { method: "lanczos" }).values.length).toBe(0);
  });
});
