import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { rankOneFactorization, symmetricFactorization } from "../../src/problems/symmetric-factorization.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { rankOneCriticalPoints, symmetricFactorizationCriticalPoints } from "../../src/problems/symmetric-factorization-critical-points.js";
import { riemannianHessianVec } from "../../src/problems/problem.js";
import { classifyCriticalPoint, kindFromCurvature } from "../../src/landscape/classify.js";
import { col, maxAbs, randomPsd, randomSymmetric, Rng, withSpectrum } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe("kindFromCurvature", () => {
  test("the second-order rule", () => {
    expect(kindFromCurvature(1, 2, 0.1)).toBe("minimizer");
    expect(kindFromCurvature(-2, -1, 0.1)).toBe("maximizer");
    expect(kindFromCurvature(-1, 1, 0.1)).toBe("saddle");
    expect(kindFromCurvature(0.05, 1, 0.1)).toBe("degenerate");
    expect(kindFromCurvature(-1, 0.05, 0.1)).toBe("degenerate");
    expect(kindFromCurvature(0, 0, 0)).toBe("degenerate");
  });
});

describe("classifyCriticalPoint on the rank-1 landscape ¼‖X − uuᵀ‖²", () => {
  test("random PSD X (n = 12): agrees with the closed form at all 25 critical points", () => {
    const rng = new Rng(1);
    const n = 12;
    const X = randomPsd(n, rng);
    const { values } = eigh(X);
    const p = rankOneFactorization(X);
    const points = rankOneCriticalPoints(X);
    expect(points.length).toBe(1 + 2 * n);
    for (const c of points) {
      const r = classifyCriticalPoint(p, c.point);
      expect(r.kind, `index ${c.index}`).toBe(c.kind);
      // The closed form: ±√λ₁v₁ (index n − 1, the largest) are the minimizers, 0 the maximizer (X ≻ 0).
      expect(c.kind).toBe(c.index === n - 1 ? "minimizer" : c.index === -1 ? "maximizer" : "saddle");
      // At √λᵢvᵢ there are n − 1 − i eigenvalues λᵢ − λⱼ < 0 (j > i): the escape directions ±vⱼ.
      const negatives = c.index === -1 ? n : n - 1 - c.index;
      expect(r.negativeCurvature.values.length).toBe(negatives);
      r.negativeCurvature.directions.forEach((d, k) => {
        // Ascending values: the most negative first, i.e. the largest λⱼ (the last index) first.
        const j = n - 1 - k;
        const expected = c.index === -1 ? -values[j] : values[c.index] - values[j];
        expect(r.negativeCurvature.values[k]).toBeCloseTo(expected, 9);
        // d = ±vⱼ (simple eigenvalue): |⟨d, vⱼ⟩| = 1.
        const v = col(eigh(X).vectors, j);
        let dot = 0;
        for (let i = 0; i < n; i++) dot += d[i] * v[i];
        expect(Math.abs(dot)).toBeCloseTo(1, 8);
      });
      expect(r.cost).toBeCloseTo(c.cost, 12);
      expect(r.gradientNorm).toBeLessThan(1e-12);
      expect(r.spectrum!.method).toBe("dense");
    }
  });

  test("5 more seeds, PSD and indefinite (random symmetric) X: every class agrees", () => {
    for (let seed = 10; seed < 15; seed++) {
      const rng = new Rng(seed);
      for (const X of [randomPsd(12, rng), randomSymmetric(12, rng)]) {
        const p = rankOneFactorization(X);
        const points = rankOneCriticalPoints(X, { signs: "positive" });
        for (const c of points) expect(classifyCriticalPoint(p, c.point).kind, `seed ${seed} index ${c.index}`).toBe(c.kind);
        expect(points.filter((c) => c.kind === "minimizer").length).toBe(1);
      }
    }
  });

  test("indefinite X: u = 0 is a saddle, only the positive eigenvalues give critical points", () => {
    const rng = new Rng(2);
    const X = withSpectrum([-3, -1.5, -0.5, 0.7, 1.6, 2.5, 4], rng);
    const p = rankOneFactorization(X);
    const points = rankOneCriticalPoints(X);
    expect(points.length).toBe(1 + 2 * 4);
    for (const c of points) {
      const r = classifyCriticalPoint(p, c.point);
      expect(r.kind).toBe(c.kind);
      expect(c.kind).toBe(c.index === -1 ? "saddle" : c.eigenvalue === 4 || Math.abs(c.eigenvalue - 4) < 1e-12 ? "minimizer" : "saddle");
    }
  });

  test("degenerate: u = 0 for a singular PSD X (negative and zero curvature); the top pair when λ₁ = λ₂", () => {
    const rng = new Rng(3);
    const n = 8;
    const singular = randomPsd(n, rng, n - 1);
    const r0 = classifyCriticalPoint(rankOneFactorization(singular), new Float64Array(n));
    expect(r0.kind).toBe("degenerate");
    // −X has n − 1 negative eigenvalues and one at rounding level (|λ| ≈ ε‖X‖ ≪ τ).
    expect(r0.negativeCurvature.values.length).toBe(n - 1);
    expect(r0.maxEigenvalue).toBeLessThanOrEqual(r0.tolerance);
    // Repeated largest eigenvalue: the minimizers form a circle, a flat direction and no negative one.
    const X = withSpectrum([0.5, 1, 2, 3, 3], rng);
    const top = rankOneCriticalPoints(X).filter((c) => c.globalMinimizer);
    expect(top.length).toBe(4); // ±√3·v₄ and ±√3·v₅
    for (const c of top) {
      const r = classifyCriticalPoint(rankOneFactorization(X), c.point);
      expect(c.kind).toBe("degenerate");
      expect(r.kind).toBe("degenerate");
      expect(r.negativeCurvature.values.length).toBe(0);
      expect(r.minEigenvalue).toBeGreaterThanOrEqual(-r.tolerance);
    }
  });

  test("not-critical off critical points (and just off one)", () => {
    const rng = new Rng(4);
    const X = randomPsd(6, rng);
    const p = rankOneFactorization(X);
    const r = classifyCriticalPoint(p, rng.normalArray(6));
    expect(r.kind).toBe("not-critical");
    expect(r.spectrum).toBeUndefined();
    expect(Number.isNaN(r.minEigenvalue)).toBe(true);
    expect(r.gradientNorm).toBeGreaterThan(1e-6);
    // √λ₁v₁ + 1e-3·e₁: gradient ≈ ‖Hess‖·1e-3 > 1e-6.
    const c = rankOneCriticalPoints(X).find((q) => q.kind === "minimizer")!;
    const off = c.point.slice();
    off[0] += 1e-3;
    expect(classifyCriticalPoint(p, off).kind).toBe("not-critical");
    // …but critical with a looser gradient tolerance, where the Hessian still says minimizer.
    expect(classifyCriticalPoint(p, off, { gradientTolerance: 1 }).kind).toBe("minimizer");
  });

  test("the Lanczos path classifies the same (steps = dimension) and certifies saddles with few steps", () => {
    const rng = new Rng(5);
    const n = 10;
    const X = randomPsd(n, rng);
    const p = rankOneFactorization(X);
    for (const c of rankOneCriticalPoints(X, { signs: "positive" })) {
      const r = classifyCriticalPoint(p, c.point, { method: "lanczos", steps: n });
      expect(r.spectrum!.method).toBe("lanczos");
      expect(r.kind).toBe(c.kind);
      if (c.kind === "saddle") {
        // θ_min ≥ λ_min and θ_max ≤ λ_max: a negative θ_min certifies negative curvature (never
        // "minimizer"), and "saddle" is certified; with few steps θ_max may still be < 0, though.
        const few = classifyCriticalPoint(p, c.point, { method: "lanczos", steps: 4 });
        expect(few.kind).not.toBe("minimizer");
        if (few.minEigenvalue < -few.tolerance) {
          const d = few.negativeCurvature.directions[0];
          const hd = riemannianHessianVec(p, c.point, d);
          let q = 0;
          for (let i = 0; i < n; i++) q += d[i] * hd[i];
          expect(q).toBeCloseTo(few.negativeCurvature.values[0], 10);
        }
      }
    }
  });

  test("rank-2 factorization: agrees with the closed form; its minimizers are degenerate (rotation)", () => {
    const rng = new Rng(6);
    const X = randomPsd(5, rng);
    const p = symmetricFactorization(X, 2);
    let minimizers = 0;
    for (const c of symmetricFactorizationCriticalPoints(X, 2)) {
      const r = classifyCriticalPoint(p, c.point);
      expect(r.kind).toBe(c.kind);
      if (c.globalMinimizer) {
        minimizers++;
        expect(r.kind).toBe("degenerate");
        expect(r.negativeCurvature.values.length).toBe(0);
      } else {
        expect(r.negativeCurvature.values.length).toBeGreaterThan(0);
      }
    }
    expect(minimizers).toBe(1);
  });

  test("sphere: Rayleigh at eigenvectors — minimizer, saddles, maximizer", () => {
    const rng = new Rng(7);
    const n = 5;
    const A = randomSymmetric(n, rng);
    const { vectors } = eigh(A);
    const p = rayleighQuotient(A);
    const kinds = Array.from({ length: n }, (_, i) => classifyCriticalPoint(p, col(vectors, i)).kind);
    expect(kinds).toEqual(["minimizer", "saddle", "saddle", "saddle", "maximizer"]);
  });

  test("bad options are rejected, without an arena leak", () => {
    const rng = new Rng(8);
    const p = rankOneFactorization(randomPsd(4, rng));
    const u = new Float64Array(4);
    const live = runtime().arena.stats().buffersLive;
    expect(() => classifyCriticalPoint(p, u, { gradientTolerance: -1 })).toThrow(/gradientTolerance/);
    expect(() => classifyCriticalPoint(p, u, { curvatureTolerance: NaN })).toThrow(/curvatureTolerance/);
    expect(() => classifyCriticalPoint(p, u, { method: "x" as never })).toThrow(/method/);
    expect(() => classifyCriticalPoint(p, u, { eigenvectors: true } as never)).toThrow(/eigenvectors/);
    expect(() => classifyCriticalPoint(null as never, u)).toThrow(/problem/);
    expect(runtime().arena.stats().buffersLive).toBe(live);
    expect(maxAbs(u)).toBe(0);
  });
});
