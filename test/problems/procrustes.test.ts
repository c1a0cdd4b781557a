import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { svdValues } from "../../src/kernels/linalg/svd-values.js";
import { polar } from "../../src/kernels/linalg/polar.js";
import { procrustes, procrustesSolution } from "../../src/problems/procrustes.js";
import { riemannianGradient } from "../../src/problems/problem.js";
import { hessianSpectrum } from "../../src/landscape/hessian-spectrum.js";
import { classifyCriticalPoint } from "../../src/landscape/classify.js";
import { maxAbs, randomOrthogonal, Rng } from "../landscape/fixtures.js";
import { det } from "../helpers/det.js";

beforeAll(async () => {
  await init();
});

const gaussian = (rows: number, cols: number, rng: Rng): Matrix => ({ rows, cols, data: rng.normalArray(rows * cols) });

describe("procrustes", () => {
  test("cost, egrad, ehessVec against plain loops", () => {
    const rng = new Rng(1);
    const m = 5, n = 3;
    const A = gaussian(m, n, rng), B = gaussian(m, n, rng);
    const p = procrustes(A, B);
    const Q = p.manifold.random(rng), U = gaussian(n, n, rng);
    const R = new Float64Array(m * n), AU = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0, t = 0;
        for (let k = 0; k < n; k++) { s += A.data[i * n + k] * Q.data[k * n + j]; t += A.data[i * n + k] * U.data[k * n + j]; }
        R[i * n + j] = s - B.data[i * n + j];
        AU[i * n + j] = t;
      }
    }
    let f = 0;
    for (const v of R) f += v * v;
    // Summation-order differences only (entries O(1)).
    expect(p.cost(Q)).toBeCloseTo(f, 12);
    const g = p.egrad(Q), h = p.ehessVec!(Q, U);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let sg = 0, sh = 0;
        for (let i = 0; i < m; i++) { sg += 2 * A.data[i * n + a] * R[i * n + b]; sh += 2 * A.data[i * n + a] * AU[i * n + b]; }
        expect(g.data[a * n + b]).toBeCloseTo(sg, 12);
        expect(h.data[a * n + b]).toBeCloseTo(sh, 12);
      }
    }
    const both = p.costAndGrad!(Q);
    expect(both.cost).toBe(p.cost(Q));
    expect(Array.from(both.egrad.data)).toEqual(Array.from(g.data));
  });

  test("Q* = polar(AᵀB) is critical, with a positive-definite Hessian, and beats random orthogonal matrices", () => {
    const rng = new Rng(2);
    for (const [m, n] of [[10, 4], [4, 4], [6, 2], [3, 1]] as const) {
      const A = gaussian(m, n, rng), B = gaussian(m, n, rng);
      const p = procrustes(A, B);
      const Q = procrustesSolution(A, B);
      const scale = maxAbs(svdValues(gemm(A, B, { transA: true })));
      // ‖grad‖ at the exact minimizer is 0; the polar factor is accurate to ≈ ε·σ₁/σ_n.
      expect(p.manifold.norm(Q, riemannianGradient(p, Q))).toBeLessThan(1e-10 * scale);
      const c = classifyCriticalPoint(p, Q, { gradientTolerance: 1e-10 * scale });
      if (n > 1) {
        expect(c.kind).toBe("minimizer");
        expect(c.minEigenvalue).toBeGreaterThan(0);
      }
      const best = p.cost(Q);
      for (let t = 0; t < 50; t++) expect(best).toBeLessThanOrEqual(p.cost(p.manifold.random(rng)));
      // The other orientation, polar(BAᵀ), is the answer to min ‖QA − B‖ — wrong here (and m×m).
      if (m === n) {
        const wrong = polar(gemm(B, A, { transB: true })).Q;
        expect(p.cost(wrong)).toBeGreaterThan(best);
        expect(p.manifold.norm(wrong, riemannianGradient(p, wrong))).toBeGreaterThan(1e-3 * scale);
      }
    }
  });

  test("exact alignment: B = A·Q₀ gives Q* = Q₀ and cost 0 (also a reflection, det Q₀ = −1)", () => {
    const rng = new Rng(3);
    const n = 5;
    const A = gaussian(8, n, rng);
    const Q0 = randomOrthogonal(n, rng);
    // Flip one column of Q₀ so both determinants are exercised.
    for (const flip of [false, true]) {
      const Qf = { ...Q0, data: Q0.data.map((v, i) => (flip && i % n === 0 ? -v : v)) };
      const B = gemm(A, Qf);
      const Q = procrustesSolution(A, B);
      expect(maxAbs(Q.data.map((v, i) => v - Qf.data[i]))).toBeLessThan(1e-12);
      expect(procrustes(A, B).cost(Q)).toBeLessThan(1e-24);
    }
  });

  test("over SO(n): Kabsch's rotation is a rotation, a minimizer on SO(n), and beats random rotations", () => {
    const rng = new Rng(6);
    let flipped = 0;
    for (let t = 0; t < 12; t++) {
      const n = 2 + (t % 4);
      const A = gaussian(n + 3, n, rng), B = gaussian(n + 3, n, rng);
      const p = procrustes(A, B, { special: true });
      expect(p.manifold.name).toBe(`SO(${n})`);
      const Q = procrustesSolution(A, B, { special: true });
      const polarQ = procrustesSolution(A, B);
      expect(Math.abs(det(Q) - 1)).toBeLessThan(1e-12);
      // The polar factor when it is a rotation; otherwise a different point with a larger cost
      // (the best reflection is not in SO(n)).
      if (det(polarQ) > 0) expect(maxAbs(Q.data.map((v, i) => v - polarQ.data[i]))).toBeLessThan(1e-12);
      else {
        flipped++;
        expect(p.cost(Q)).toBeGreaterThan(procrustes(A, B).cost(polarQ));
      }
      // Critical on SO(n) with a positive-definite Hessian there (n ≥ 2), and no random rotation does better.
      const scale = maxAbs(svdValues(gemm(A, B, { transA: true })));
      expect(classifyCriticalPoint(p, Q, { gradientTolerance: 1e-10 * scale }).kind).toBe("minimizer");
      const best = p.cost(Q);
      for (let k = 0; k < 50; k++) expect(best).toBeLessThanOrEqual(p.cost(p.manifold.random(rng)));
    }
    expect(flipped).toBeGreaterThanOrEqual(3);
    const A = gaussian(4, 3, rng);
    expect(() => procrustesSolution(A, A, { special: 1 } as never)).toThrow(/invalid special/);
    expect(() => procrustesSolution(A, A, { polar: true } as never)).toThrow(/unknown option polar/);
  });

  test("rank-deficient AᵀB with two zero singular values: a flat direction (σ_a + σ_b = 0)", () => {
    const rng = new Rng(4);
    const A = gaussian(2, 4, rng), B = gaussian(2, 4, rng); // AᵀB is 4×4 of rank 2
    const p = procrustes(A, B);
    const s = hessianSpectrum(p, procrustesSolution(A, B));
    expect(s.values[0]).toBeGreaterThan(-1e-12);
    expect(Math.abs(s.values[0])).toBeLessThan(1e-12);
    expect(s.values[1]).toBeGreaterThan(1e-3);
  });

  test("bad input gives clear errors; A and B are copied", () => {
    const rng = new Rng(5);
    const A = gaussian(3, 2, rng), B = gaussian(3, 2, rng);
    const live = runtime().arena.stats().buffersLive;
    expect(() => procrustes(A, gaussian(2, 2, rng))).toThrow(/invalid B: expected a 3×2 matrix/);
    expect(() => procrustes({ rows: 0, cols: 0, data: new Float64Array(0) }, { rows: 0, cols: 0, data: new Float64Array(0) })).toThrow(/invalid A: expected a non-empty matrix/);
    expect(() => procrustes({ ...A, data: A.data.map((v, i) => (i === 2 ? NaN : v)) }, B)).toThrow(/invalid A: entry 2 is NaN/);
    expect(() => procrustes(A, { ...B, data: B.data.map((v, i) => (i === 1 ? Infinity : v)) })).toThrow(/invalid B: entry 1 is Infinity/);
    expect(() => procrustes(A, B, { retraction: "exp" as never })).toThrow(/invalid retraction/);
    expect(() => procrustes(A, B, { foo: 1 } as never)).toThrow(/foo/);
    expect(() => procrustes("A" as never, B)).toThrow(TypeError);
    expect(() => procrustesSolution(A, gaussian(3, 3, rng))).toThrow(/invalid B/);
    expect(runtime().arena.stats().buffersLive).toBe(live);
    const p = procrustes(A, B);
    const Q = p.manifold.random(rng);
    const before = p.cost(Q);
    A.data.fill(0);
    B.data.fill(0);
    expect(p.cost(Q)).toBe(before);
  });
});
