import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { rankOneFactorization, symmetricFactorization } from "../../src/problems/symmetric-factorization.js";
import { rankOneCriticalPoints, symmetricFactorizationCriticalPoints } from "../../src/problems/symmetric-factorization-critical-points.js";
import { maxAbs, maxDiff, randomPsd, Rng, withSpectrum } from "../landscape/fixtures.js";

beforeAll(async () => {
  await init();
});

/** The Hessian of a Euclidean problem as an explicit matrix: column k = ehessVec(U, Eₖ). */
function explicitHessian(ehessVec: (u: Matrix, v: Matrix) => Matrix, u: Matrix): Matrix {
  const N = u.data.length;
  const data = new Float64Array(N * N);
  for (let k = 0; k < N; k++) {
    const e = new Float64Array(N);
    e[k] = 1;
    const h = ehessVec(u, { rows: u.rows, cols: u.cols, data: e });
    for (let i = 0; i < N; i++) data[i * N + k] = h.data[i];
  }
  // Symmetrize the rounding (the exact Hessian is symmetric).
  for (let i = 0; i < N; i++) for (let j = i + 1; j < N; j++) data[i * N + j] = data[j * N + i] = (data[i * N + j] + data[j * N + i]) / 2;
  return { rows: N, cols: N, data };
}

function frobenius2(a: Matrix): number {
  let s = 0;
  for (const v of a.data) s += v * v;
  return s;
}

// Rounding: the points come from eigh (accurate to ≈ ε‖X‖/gap), costs and eigenvalues are sums of
// O(n) products of O(‖X‖) numbers; 1e-10 relative to ‖X‖² (costs, gradients) or ‖X‖ (eigenvalues)
// is far above that and far below any formula error.
describe("rankOneCriticalPoints", () => {
  test("u = 0 and ±√λᵢvᵢ: zero gradient, closed-form cost ¼(‖X‖² − λᵢ²), order and signs", () => {
    const rng = new Rng(1);
    const n = 9;
    const X = randomPsd(n, rng);
    const { values } = eigh(X);
    const p = rankOneFactorization(X);
    const points = rankOneCriticalPoints(X);
    expect(points.length).toBe(2 * n + 1);
    expect(points[0].index).toBe(-1);
    expect(maxAbs(points[0].point)).toBe(0);
    const x2 = frobenius2(X);
    points.forEach((c, k) => {
      if (k > 0) {
        expect(c.index).toBe(n - 1 - Math.floor((k - 1) / 2));
        expect(c.sign).toBe(k % 2 === 1 ? 1 : -1);
        expect(c.eigenvalue).toBe(values[c.index]);
      }
      const { cost, egrad } = p.costAndGrad!(c.point);
      expect(maxAbs(egrad)).toBeLessThan(1e-10 * x2);
      expect(Math.abs(cost - c.cost)).toBeLessThan(1e-10 * x2);
      expect(Math.abs(c.cost - (x2 - c.eigenvalue ** 2) / 4)).toBeLessThan(1e-10 * x2);
      expect(c.globalMinimizer).toBe(c.index === n - 1);
    });
    expect(rankOneCriticalPoints(X, { signs: "positive" }).length).toBe(n + 1);
  });

  test("Hessian eigenvalues {λᵢ − λⱼ} ∪ {2λᵢ} (and −λ at 0) match eigh of the explicit Hessian ‖u‖²I − X + 2uuᵀ", () => {
    const rng = new Rng(2);
    const X = withSpectrum([-2, -0.3, 0.4, 1.1, 2.9, 3.5], rng);
    const p = rankOneFactorization(X);
    const points = rankOneCriticalPoints(X, { signs: "positive" });
    expect(points.length).toBe(1 + 4); // only the positive eigenvalues
    for (const c of points) {
      const u: Matrix = { rows: 6, cols: 1, data: c.point };
      const H = explicitHessian((a, v) => ({ rows: 6, cols: 1, data: p.ehessVec!(a.data, v.data) }), u);
      expect(maxDiff(eigh(H).values, c.hessianEigenvalues)).toBeLessThan(1e-10 * 3.5);
    }
  });
});

describe("symmetricFactorizationCriticalPoints", () => {
  test("rank 3, n = 6: Σ_{k≤3} C(6, k) = 42 points, zero gradient, costs, Hessian spectra vs explicit Hessians", () => {
    const rng = new Rng(3);
    const n = 6, r = 3;
    const X = randomPsd(n, rng);
    const p = symmetricFactorization(X, r);
    const points = symmetricFactorizationCriticalPoints(X, r);
    expect(points.length).toBe(1 + 6 + 15 + 20);
    const x2 = frobenius2(X);
    const scale = Math.sqrt(x2);
    const { values } = eigh(X);
    let global = 0;
    for (const c of points) {
      const { cost, egrad } = p.costAndGrad!(c.point);
      expect(maxAbs(egrad.data)).toBeLessThan(1e-10 * x2);
      expect(Math.abs(cost - c.cost)).toBeLessThan(1e-10 * x2);
      const H = explicitHessian(p.ehessVec!, c.point);
      expect(maxDiff(eigh(H).values, c.hessianEigenvalues)).toBeLessThan(1e-10 * scale);
      // Zero columns pad U beyond |S|.
      for (let i = 0; i < n; i++) for (let j = c.indices.length; j < r; j++) expect(c.point.data[i * r + j]).toBe(0);
      // The global minimizer: S = the 3 largest eigenvalues; every other point has negative curvature.
      const isTop = c.indices.length === 3 && c.indices.every((s) => s >= n - 3);
      expect(c.globalMinimizer).toBe(isTop);
      if (isTop) {
        global++;
        expect(c.kind).toBe("degenerate"); // the 3 rotation directions are flat
        expect(c.hessianEigenvalues[0]).toBeGreaterThanOrEqual(-1e-12);
        expect(c.eigenvalues[0]).toBe(values[n - 1]);
      } else {
        expect(c.hessianEigenvalues[0]).toBeLessThan(0);
      }
    }
    expect(global).toBe(1);
  });

  test("rank above the number of positive eigenvalues: the global minimizer has zero columns", () => {
    const rng = new Rng(4);
    const X = withSpectrum([-1, -0.5, 0.8, 2], rng);
    const points = symmetricFactorizationCriticalPoints(X, 3);
    expect(points.length).toBe(1 + 2 + 1);
    const best = points.filter((c) => c.globalMinimizer);
    expect(best.length).toBe(1);
    expect(best[0].indices.length).toBe(2);
    // Cost ¼(1 + 0.25): the negative part of X is left.
    expect(best[0].cost).toBeCloseTo((1 + 0.25) / 4, 12);
  });

  test("errors: bad X, rank, options, and too many points", () => {
    const rng = new Rng(5);
    const X = randomPsd(12, rng);
    expect(() => symmetricFactorizationCriticalPoints(X, 0)).toThrow(/rank/);
    expect(() => symmetricFactorizationCriticalPoints(X, 13)).toThrow(/rank/);
    expect(() => symmetricFactorizationCriticalPoints(X, 6, { limit: 2000 })).toThrow(/2510 critical points for rank 6, more than limit = 2000/);
    expect(symmetricFactorizationCriticalPoints(X, 6).length).toBe(1 + 12 + 66 + 220 + 495 + 792 + 924);
    expect(() => symmetricFactorizationCriticalPoints(X, 2, { limit: 10 })).toThrow(/limit = 10/);
    expect(() => symmetricFactorizationCriticalPoints(X, 2, { foo: 1 } as never)).toThrow(/foo/);
    expect(() => symmetricFactorizationCriticalPoints({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) }, 1)).toThrow(/symmetric/);
    expect(() => rankOneCriticalPoints(X, { signs: "negative" as never })).toThrow(/signs/);
    expect(() => rankOneCriticalPoints(X, { curvatureTolerance: -1 })).toThrow(/curvatureTolerance/);
  });
});
