import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { svdValues } from "../../src/kernels/linalg/index.js";
import { principalAngles, subspaceDistance } from "../../src/symmetry/index.js";
import type { Matrix } from "../../src/matrix.js";
import { frob, gaussian, minus, plus, randomOrthogonal, scale, times, timesT } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/**
 * Bases of two subspaces of ℝᵐ with known principal angles θ: A spans e₁…e_p, B spans
 * cos θₖ·eₖ + sin θₖ·e_{p+k} (k < q), both rotated by one random orthogonal W and mixed by random
 * invertible column maps (which change the bases, not the subspaces).
 */
function pair(rng: Rng, m: number, p: number, thetas: number[]): { A: Matrix; B: Matrix } {
  const q = thetas.length;
  const A0 = { rows: m, cols: p, data: new Float64Array(m * p) };
  const B0 = { rows: m, cols: q, data: new Float64Array(m * q) };
  for (let k = 0; k < p; k++) A0.data[k * p + k] = 1;
  thetas.forEach((t, k) => {
    B0.data[k * q + k] = Math.cos(t);
    B0.data[(p + k) * q + k] = Math.sin(t);
  });
  const W = randomOrthogonal(rng, m);
  const mix = (n: number) => plus(gaussian(rng, n, n), scale({ rows: n, cols: n, data: Float64Array.from({ length: n * n }, (_, t) => (t % (n + 1) === 0 ? 1 : 0)) }, 3));
  return { A: times(times(W, A0), mix(p)), B: times(times(W, B0), mix(q)) };
}

/** The orthogonal projector onto col(X) from the dense formula X(XᵀX)⁻¹Xᵀ via Gram–Schmidt. */
function projector(X: Matrix): Matrix {
  const m = X.rows, k = X.cols;
  const qs: number[][] = [];
  for (let j = 0; j < k; j++) {
    let v = Array.from({ length: m }, (_, i) => X.data[i * k + j]);
    for (let pass = 0; pass < 2; pass++) for (const q of qs) {
      const d = q.reduce((s, x, i) => s + x * v[i], 0);
      v = v.map((x, i) => x - d * q[i]);
    }
    const n = Math.hypot(...v);
    qs.push(v.map((x) => x / n));
  }
  const Q = { rows: m, cols: k, data: new Float64Array(m * k) };
  qs.forEach((q, j) => q.forEach((x, i) => (Q.data[i * k + j] = x)));
  return timesT(Q, Q);
}

describe("principalAngles", () => {
  test("recover known angles, from tiny (1e-9, where arccos fails) to π/2, on non-orthonormal bases", () => {
    const rng = new Rng(1);
    const thetas = [1e-9, 1e-5, 0.3, Math.PI / 4, 1.2, Math.PI / 2];
    const { A, B } = pair(rng, 14, 6, thetas);
    const got = principalAngles(A, B);
    // Each angle is accurate to ≈ ε·κ(mixing) absolutely (bases orthonormalized by a backward-stable QR).
    for (let k = 0; k < thetas.length; k++) expect(Math.abs(got[k] - thetas[k])).toBeLessThan(1e-13);
    expect(Math.abs(got[0] / 1e-9 - 1)).toBeLessThan(1e-4); // relative, for the tiny one
    const swapped = principalAngles(B, A); // same angles up to rounding (≈ ε absolutely)
    for (let k = 0; k < thetas.length; k++) expect(Math.abs(swapped[k] - got[k])).toBeLessThan(1e-15);
  });

  test("p ≠ q gives min(p, q) angles", () => {
    const rng = new Rng(2);
    const { A, B } = pair(rng, 10, 4, [0.1, 0.7]);
    const got = principalAngles(A, B);
    expect(got.length).toBe(2);
    expect(got[0]).toBeCloseTo(0.1, 13);
    expect(got[1]).toBeCloseTo(0.7, 13);
    const swapped = principalAngles(B, A);
    for (let k = 0; k < 2; k++) expect(Math.abs(swapped[k] - got[k])).toBeLessThan(1e-15);
  });
});

describe("subspaceDistance", () => {
  test("spectral = sin θ_max = ‖P_A − P_B‖₂ and frobenius = ‖P_A − P_B‖_F (dense projectors)", () => {
    const rng = new Rng(3);
    for (const thetas of [[0.2, 0.5, 0.9], [1e-3, 2e-3, 0.4], [Math.PI / 2, 0.1, 0.1]]) {
      const { A, B } = pair(rng, 9, 3, thetas);
      const D = minus(projector(A), projector(B));
      expect(subspaceDistance(A, B)).toBeCloseTo(svdValues(D)[0], 13);
      expect(subspaceDistance(A, B)).toBeCloseTo(Math.sin(Math.max(...thetas)), 13);
      expect(subspaceDistance(A, B, { norm: "frobenius" })).toBeCloseTo(frob(D.data), 13);
    }
  });

  test("different dimensions: spectral 1, frobenius √(2Σsin²θ + |p − q|)", () => {
    const rng = new Rng(4);
    const { A, B } = pair(rng, 8, 3, [0.3, 0.6]);
    expect(subspaceDistance(A, B)).toBe(1);
    const D = minus(projector(A), projector(B));
    expect(subspaceDistance(A, B, { norm: "frobenius" })).toBeCloseTo(frob(D.data), 13);
    expect(subspaceDistance(A, B, { norm: "frobenius" })).toBeCloseTo(Math.sqrt(2 * (Math.sin(0.3) ** 2 + Math.sin(0.6) ** 2) + 1), 13);
  });

  test("is invariant to the basis and ≈ 0 for the same subspace; tiny distances are accurate", () => {
    const rng = new Rng(5);
    const A = gaussian(rng, 20, 3);
    const G = plus(gaussian(rng, 3, 3), scale({ rows: 3, cols: 3, data: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) }, 3));
    expect(subspaceDistance(A, times(A, G))).toBeLessThan(1e-14);
    const { A: A1, B: B1 } = pair(rng, 12, 2, [1e-10, 5e-11]);
    expect(Math.abs(subspaceDistance(A1, B1) / 1e-10 - 1)).toBeLessThan(1e-3);
  });

  test("rejects rank-deficient or mismatched bases, naming the argument; leaks nothing", () => {
    const rng = new Rng(6);
    const A = gaussian(rng, 6, 2);
    const live = runtime().arena.stats().buffersLive;
    const dep = { rows: 6, cols: 2, data: new Float64Array(12) };
    for (let i = 0; i < 6; i++) dep.data[2 * i] = dep.data[2 * i + 1] = i + 1;
    expect(() => subspaceDistance(dep, A)).toThrow(/invalid A: numerically rank deficient/);
    expect(() => subspaceDistance(A, dep)).toThrow(/invalid B: numerically rank deficient/);
    expect(() => subspaceDistance(A, gaussian(rng, 5, 2))).toThrow(/invalid B: expected 6 rows/);
    expect(() => subspaceDistance(gaussian(rng, 2, 3), gaussian(rng, 2, 1))).toThrow(/invalid A: a 2×3 matrix cannot have full column rank/);
    expect(() => subspaceDistance({ rows: 6, cols: 0, data: new Float64Array(0) }, A)).toThrow(/at least one column/);
    expect(() => subspaceDistance(A, A, { norm: "nuclear" as never })).toThrow(/invalid norm/);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
