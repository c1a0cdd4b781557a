import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { leastSquares } from "../../../src/kernels/linalg/qr-least-squares.js";
import { svd } from "../../../src/kernels/linalg/svd.js";
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { U, frob, inverse, mat, matmul, orthonormal, randn, sub, transposeOf } from "./solve-fixtures.js";

beforeAll(async () => {
  await init();
});

// Householder least squares is backward stable (Higham Thm 20.3). With A = U·Σ·Vᵀ (U m×n
// orthonormal) and B = A·X* + R, R ⟂ range(A), the exact solution is X*, and the forward error
// is ≲ c·m·n·u·(κ + κ²·‖R‖/(‖A‖‖X*‖)) (Golub & Van Loan Thm 5.3.1). The constant c·m·n is taken
// as 8·(m + n), a modest multiple of what is observed, as in the QR tests.
const tol = (m: number, n: number): number => 8 * (m + n + 1) * U;

function problem(rng: Rng, m: number, n: number, k: number, p: number) {
  const u = orthonormal(rng, m, Math.min(m, n + p));
  const v = orthonormal(rng, n, n);
  const us = mat(m, n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) us.data[i * n + j] = u.data[i * u.cols + j] * 10 ** (-(k * j) / Math.max(1, n - 1));
  const a = matmul(us, transposeOf(v));
  const xTrue = randn(rng, n, p);
  const b = matmul(a, xTrue);
  // residual part: the remaining orthonormal columns of u (outside range(A)), scaled to ~‖b‖
  for (let q = 0; q < p && n + q < u.cols; q++) for (let i = 0; i < m; i++) b.data[i * p + q] += u.data[i * u.cols + n + q];
  return { a, b, xTrue, cond: 10 ** k };
}

/**
 * The independent reference: the pseudo-inverse solution V·Σ_r⁻¹·Uᵀ·B from the SVD, keeping the
 * singular values above rcond·σ₁, with that rank and σ₁/σ_r.
 */
function pseudoInverseSolution(a: Matrix, b: Matrix, rcond: number): { X: Matrix; rank: number; cond: number } {
  const { U: u, S, V } = svd(a);
  const rank = S.filter((s) => s > rcond * S[0]).length;
  const utb = matmul(transposeOf(u), b);
  for (let i = 0; i < utb.rows; i++) for (let q = 0; q < utb.cols; q++) utb.data[i * utb.cols + q] = i < rank ? utb.data[i * utb.cols + q] / S[i] : 0;
  return { X: matmul(V, utb), rank, cond: rank === 0 ? 1 : S[0] / S[rank - 1] };
}

/** A rank-r m×n product of Gaussian factors (σ_{r+1} … are rounding-level after forming it). */
function lowRank(rng: Rng, m: number, n: number, r: number): Matrix {
  return matmul(randn(rng, m, r), randn(rng, r, n));
}

describe("leastSquares", () => {
  test("overdetermined and square full-rank problems on every build", async () => {
    const rng = new Rng(51);
    for (const [m, n] of [[1, 1], [3, 2], [5, 5], [9, 4], [17, 8], [33, 17], [64, 64], [100, 30]]) {
      for (const k of [0, 4, 8]) {
        const { a, b, xTrue, cond } = problem(rng, m, n, k, 2);
        const bv = Float64Array.from({ length: m }, (_, i) => b.data[i * 2]);
        await eachBinary((binary) => {
          const label = `${binary} ${m}×${n} cond 1e${k}`;
          const { X: x, rank } = leastSquares(a, b);
          expect(rank, label).toBe(n);
          expect([x.rows, x.cols]).toEqual([n, 2]);
          const err = frob(sub(x, xTrue)) / frob(xTrue);
          const rnorm = m > n ? 1 : 0;
          expect(err, label).toBeLessThanOrEqual(tol(m, n) * (cond + (cond * cond * rnorm) / frob(xTrue)) * 10);
          const xv = leastSquares(a, bv).X;
          expect(xv).toBeInstanceOf(Float64Array);
          for (let i = 0; i < n; i++) expect(Math.abs(xv[i] - x.data[i * 2]), label).toBeLessThanOrEqual(1e3 * U * cond * cond * (1 + Math.abs(xv[i])));
          // Optimality: the residual is orthogonal to range(A): ‖Aᵀ(AX − B)‖ ≲ u·‖A‖·(‖A‖‖X‖ + ‖B‖)·cond.
          const g = matmul(transposeOf(a), sub(matmul(a, x), b));
          expect(frob(g), label).toBeLessThanOrEqual(tol(m, n) * frob(a) * (frob(a) * frob(x) + frob(b)) * 10);
        });
      }
    }
  });

  test("underdetermined full-rank problems give the minimum-norm solution", async () => {
    const rng = new Rng(52);
    for (const [m, n] of [[1, 3], [2, 5], [7, 20], [30, 64]]) {
      const a = randn(rng, m, n);
      const b = randn(rng, m, 3);
      // Reference: X = Aᵀ(AAᵀ)⁻¹B, fine for a well-conditioned Gaussian A.
      const ref = matmul(transposeOf(a), matmul(inverse(matmul(a, transposeOf(a))), b));
      await eachBinary((binary) => {
        const { X: x, rank } = leastSquares(a, b);
        expect(rank).toBe(m);
        expect([x.rows, x.cols]).toEqual([n, 3]);
        expect(frob(sub(x, ref)) / frob(ref), `${binary} ${m}×${n}`).toBeLessThanOrEqual(1e4 * U);
        expect(frob(sub(matmul(a, x), b)) / (frob(a) * frob(x)), `${binary} ${m}×${n}`).toBeLessThanOrEqual(tol(m, n));
      });
    }
  });

  test("a 100×5 matrix with one column twice another: rank 4 and the pseudo-inverse solution, not ‖X‖ ≈ 1e12", async () => {
    const rng = new Rng(53);
    const a = randn(rng, 100, 5);
    for (let i = 0; i < 100; i++) a.data[i * 5 + 3] = 2 * a.data[i * 5 + 1];
    const b = randn(rng, 100, 1);
    const bv = b.data.slice();
    const ref = pseudoInverseSolution(a, b, 100 * Number.EPSILON);
    expect(ref.rank).toBe(4);
    await eachBinary((binary) => {
      const { X, rank } = leastSquares(a, bv);
      expect(rank, binary).toBe(4);
      expect(frob(X), binary).toBeLessThan(10 * frob(ref.X));
      expect(frob(sub(mat(5, 1, X), ref.X)) / frob(ref.X), binary).toBeLessThanOrEqual(1e3 * U * ref.cond ** 2);
      // The minimum-norm solution gives the doubled column and its original 2 : 1 weights (x₃ = 2x₁).
      expect(Math.abs(X[3] - 2 * X[1]), binary).toBeLessThanOrEqual(1e-12 * frob(ref.X));
    });
  });

  test("rank-deficient tall, square and wide matrices: rank and X equal the SVD pseudo-inverse's", async () => {
    const rng = new Rng(54);
    for (const [m, n, r] of [[40, 12, 5], [12, 12, 7], [9, 30, 4], [30, 9, 1], [64, 48, 47], [5, 3, 2], [2, 2, 1], [1, 4, 0]]) {
      const a = r === 0 ? mat(m, n) : lowRank(rng, m, n, r);
      const b = randn(rng, m, 3); // not in range(A): a true least-squares residual
      const rcond = Math.max(m, n) * Number.EPSILON;
      const ref = pseudoInverseSolution(a, b, 1e-10);
      expect(ref.rank).toBe(r);
      await eachBinary((binary) => {
        const label = `${binary} ${m}×${n} rank ${r}`;
        const { X, rank } = leastSquares(a, b);
        expect(rank, label).toBe(r);
        expect([X.rows, X.cols]).toEqual([n, 3]);
        if (r === 0) {
          expect(Array.from(X.data).every((v) => v === 0), label).toBe(true);
          return;
        }
        // Both solve the same rank-r problem up to the rounding-level directions they drop, a
        // perturbation of relative size ~ u·(m + n) amplified by σ₁/σ_r (observed ≤ 0.1 of this bound).
        expect(frob(sub(X, ref.X)) / frob(ref.X), label).toBeLessThanOrEqual(100 * (m + n) * U * ref.cond);
        // Any least-squares solution satisfies the normal equations Aᵀ(AX − B) = 0.
        const g = matmul(transposeOf(a), sub(matmul(a, X), b));
        expect(frob(g), label).toBeLessThanOrEqual(100 * (m + n) * U * frob(a) * (frob(a) * frob(X) + frob(b)) * ref.cond);
        expect(rcond).toBeGreaterThan(0);
      });
    }
  });

  test("rcond sets the rank: singular values below rcond·σ₁ count as zero", () => {
    const rng = new Rng(55);
    // A = U·diag(1, 1e-4, 1e-8)·Vᵀ, 20×3.
    const u = orthonormal(rng, 20, 3);
    const v = orthonormal(rng, 3, 3);
    const s = [1, 1e-4, 1e-8];
    const us = mat(20, 3, u.data.map((x, i) => x * s[i % 3]));
    const a = matmul(us, transposeOf(v));
    const b = randn(rng, 20, 2);
    for (const [rcond, rank] of [[0, 3], [1e-10, 3], [1e-6, 2], [1e-2, 1], [1, 1]] as const) {
      const got = leastSquares(a, b, { rcond });
      expect(got.rank, `rcond ${rcond}`).toBe(rank);
      const ref = pseudoInverseSolution(a, b, rcond === 1 ? 0.5 : rcond);
      expect(ref.rank).toBe(rank);
      // Dropping σ_{r+1} > 0 by the QR (R₂₂) or by the SVD gives rank-r problems that differ by
      // O(σ_{r+1}/σ_r) relative (Golub & Van Loan §5.5.6); with σ_{r+1} = 0 only rounding remains.
      const gap = rank < 3 ? s[rank] / s[rank - 1] : 0;
      expect(frob(sub(got.X, ref.X)) / frob(ref.X), `rcond ${rcond}`).toBeLessThanOrEqual(10 * gap + 1e3 * U * ref.cond ** 2);
    }
    expect(leastSquares(a, b).rank).toBe(3); // default max(m, n)·ε
  });

  test("badly scaled matrices: the rank does not depend on the scale", () => {
    const rng = new Rng(56);
    const a = lowRank(rng, 15, 10, 6);
    const b = randn(rng, 15, 1);
    const ref = leastSquares(a, b);
    for (const scale of [1e-290, 1e290]) {
      const scaled = mat(15, 10, a.data.map((x) => x * scale));
      const got = leastSquares(scaled, b);
      expect(got.rank, `scale ${scale}`).toBe(6);
      // X scales by 1/scale.
      expect(frob(sub(mat(10, 1, got.X.data.map((x) => x * scale)), ref.X)) / frob(ref.X)).toBeLessThanOrEqual(1e-12);
    }
  });

  test("bad input is rejected before any work, and nothing leaks", () => {
    const before = runtime().arena.stats().buffersLive;
    const a = mat(3, 2, Float64Array.of(1, 0, 2, 0, 3, 0));
    expect(leastSquares(a, Float64Array.of(1, 2, 3))).toMatchObject({ rank: 1 });
    expect(() => leastSquares(a, new Float64Array(2))).toThrow(/invalid B: expected length 3/);
    expect(() => leastSquares(a, mat(2, 1))).toThrow(/invalid B: expected 3 rows/);
    expect(() => leastSquares(mat(1, 1, Float64Array.of(NaN)), new Float64Array(1))).toThrow(/invalid A: entry 0 is NaN/);
    expect(() => leastSquares(mat(1, 1, Float64Array.of(1)), Float64Array.of(-Infinity))).toThrow(/invalid B: entry 0 is -Infinity/);
    expect(() => leastSquares({} as Matrix, new Float64Array(1))).toThrow(TypeError);
    expect(() => leastSquares(a, new Float64Array(3), { rcond: -1 })).toThrow(/invalid rcond: expected a finite number ≥ 0, got -1/);
    expect(() => leastSquares(a, new Float64Array(3), { rcond: NaN })).toThrow(/invalid rcond/);
    expect(() => leastSquares(a, new Float64Array(3), { rcond: 2 })).toThrow(/invalid rcond: expected a number in \[0, 1\], got 2/);
    expect(() => leastSquares(a, new Float64Array(3), { tol: 1 } as never)).toThrow(/unknown option tol/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
