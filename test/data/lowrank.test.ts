import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { svd, svdValues } from "../../src/kernels/linalg/index.js";
import { gemm } from "../../src/kernels/blas/index.js";
import type { Matrix } from "../../src/matrix.js";

beforeAll(async () => {
  await init();
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let k = 0; k < a.length; k++) d = Math.max(d, Math.abs(a[k] - b[k]));
  return d;
}

function isIdentity(g: Matrix, tol: number): boolean {
  for (let i = 0; i < g.rows; i++) for (let j = 0; j < g.cols; j++) if (Math.abs(g.data[i * g.cols + j] - (i === j ? 1 : 0)) > tol) return false;
  return true;
}

describe("randomLowRank", () => {
  test("the singular values of UVᵀ are the requested geometric spectrum (via svd), the rest ≈ 0", () => {
    for (const [m, n, r, kappa] of [[40, 30, 5, 100], [25, 60, 3, 1e4], [12, 12, 1, 10], [30, 20, 20, 1e3]]) {
      const lr = randomLowRank(m, n, r, { condition: kappa, seed: 7, dense: true });
      const want = Float64Array.from({ length: r }, (_, k) => (r === 1 ? 1 : kappa ** (-k / (r - 1))));
      expect(maxAbsDiff(lr.singularValues, want)).toBeLessThan(1e-15);
      const s = svdValues(lr.matrix as Matrix);
      // The SVD is backward stable (absolute error ≈ ε·σ₁ times a small dimension factor) and the
      // factors are orthonormal to ≈ nε, so every singular value is within ~1e-13 of σ (σ₁ = 1).
      expect(maxAbsDiff(s.subarray(0, r), want)).toBeLessThan(1e-13);
      for (let k = r; k < s.length; k++) expect(s[k]).toBeLessThan(1e-13);
      // σ_r = 1/κ carries an absolute error ≲ 1e-13, so the computed κ is relatively accurate to ≈ 1e-13·κ.
      if (r > 1) expect(Math.abs(s[0] / s[r - 1] / kappa - 1)).toBeLessThan(1e-12 * kappa);
    }
  });

  test("left/right are orthonormal and the factors balanced: UᵀU = VᵀV = diag(σ), UVᵀ = the dense matrix", () => {
    const lr = randomLowRank(50, 35, 4, { condition: 20, seed: 2, dense: true });
    expect(isIdentity(gemm(lr.left, lr.left, { transA: true }), 1e-14)).toBe(true);
    expect(isIdentity(gemm(lr.right, lr.right, { transA: true }), 1e-14)).toBe(true);
    for (const F of [lr.U, lr.V]) {
      const g = gemm(F, F, { transA: true });
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(g.data[i * 4 + j]).toBeCloseTo(i === j ? lr.singularValues[i] : 0, 13);
    }
    expect(maxAbsDiff(gemm(lr.U, lr.V, { transB: true }).data, (lr.matrix as Matrix).data)).toBe(0);
    expect(randomLowRank(5, 4, 2).matrix).toBeUndefined();
  });

  test("explicit singular values are sorted descending and reproduced", () => {
    const lr = randomLowRank(20, 15, 3, { singularValues: [0.5, 4, 2], seed: 1, dense: true });
    expect(Array.from(lr.singularValues)).toEqual([4, 2, 0.5]);
    expect(maxAbsDiff(svd(lr.matrix as Matrix).S.subarray(0, 3), [4, 2, 0.5])).toBeLessThan(1e-13);
  });

  test("coherence: incoherent factors are spread out, coherent ones are standard basis vectors (μ = m/r)", () => {
    const m = 200, n = 150, r = 4;
    const inc = randomLowRank(m, n, r, { seed: 3 });
    const coh = randomLowRank(m, n, r, { seed: 3, coherence: "coherent" });
    const mid = randomLowRank(m, n, r, { seed: 3, coherence: 0.5 });
    // An orthonormalized Gaussian basis has max row norm² ≈ (r + O(log m))/m, so μ is O(log m),
    // far below the maximum m/r = 50 (here typically 3–5).
    expect(inc.coherence.left).toBeLessThan(10);
    expect(inc.coherence.right).toBeLessThan(10);
    expect(coh.coherence.left).toBeCloseTo(m / r, 12);
    expect(coh.coherence.right).toBeCloseTo(n / r, 12);
    expect(mid.coherence.left).toBeGreaterThan(inc.coherence.left);
    expect(mid.coherence.left).toBeLessThan(m / r);
    // coherent: each column of `left` is ±e_i for distinct rows i.
    const rowsHit = new Set<number>();
    for (let k = 0; k < r; k++) {
      const nz = [];
      for (let i = 0; i < m; i++) if (coh.left.data[i * r + k] !== 0) nz.push(i);
      expect(nz.length).toBe(1);
      expect(Math.abs(coh.left.data[nz[0] * r + k])).toBe(1);
      rowsHit.add(nz[0]);
    }
    expect(rowsHit.size).toBe(r);
    // The reported coherence is the definition, recomputed here.
    let maxRow = 0;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += inc.left.data[i * r + k] ** 2;
      maxRow = Math.max(maxRow, s);
    }
    expect(inc.coherence.left).toBeCloseTo((m / r) * maxRow, 12);
  });

  test("deterministic in the seed (number or Rng), different for another seed", () => {
    const a = randomLowRank(10, 8, 2, { seed: 5, condition: 3 });
    expect(randomLowRank(10, 8, 2, { seed: 5, condition: 3 })).toEqual(a);
    expect(randomLowRank(10, 8, 2, { seed: new Rng(5), condition: 3 })).toEqual(a);
    expect(randomLowRank(10, 8, 2, { seed: 6, condition: 3 }).U.data).not.toEqual(a.U.data);
  });

  test("rejects bad sizes and options", () => {
    expect(() => randomLowRank(5, 4, 5)).toThrow(/invalid rank: expected an integer in \[1, 4\], got 5/);
    expect(() => randomLowRank(0, 4, 1)).toThrow(/invalid rows/);
    expect(() => randomLowRank(5, 4, 0)).toThrow(/invalid rank/);
    expect(() => randomLowRank(5, 4, 2, { condition: 0.5 })).toThrow(/invalid condition: expected a finite number ≥ 1, got 0.5/);
    expect(() => randomLowRank(5, 4, 2, { condition: Infinity })).toThrow(/invalid condition/);
    expect(() => randomLowRank(5, 4, 2, { singularValues: [1] })).toThrow(/expected length 2 \(the rank\), got length 1/);
    expect(() => randomLowRank(5, 4, 2, { singularValues: [1, 0] })).toThrow(/singularValues\[1\] = 0; expected finite values > 0/);
    expect(() => randomLowRank(5, 4, 2, { coherence: 2 })).toThrow(/invalid coherence/);
    expect(() => randomLowRank(5, 4, 2, { coherence: "spiky" as never })).toThrow(TypeError);
    expect(() => randomLowRank(5, 4, 2, { seed: 2 ** 32 })).toThrow(/invalid seed/);
    expect(() => randomLowRank(5, 4, 2, { kappa: 2 } as never)).toThrow(/unknown option kappa/);
  });
});
