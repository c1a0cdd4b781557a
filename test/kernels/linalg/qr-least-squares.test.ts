import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { leastSquares } from "../../../src/kernels/linalg/qr-least-squares.js";
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

describe("leastSquares", () => {
  test("overdetermined and square full-rank problems on every build", async () => {
    const rng = new Rng(51);
    for (const [m, n] of [[1, 1], [3, 2], [5, 5], [9, 4], [17, 8], [33, 17], [64, 64], [100, 30]]) {
      for (const k of [0, 4, 8]) {
        const { a, b, xTrue, cond } = problem(rng, m, n, k, 2);
        const bv = Float64Array.from({ length: m }, (_, i) => b.data[i * 2]);
        await eachBinary((binary) => {
          const label = `${binary} ${m}×${n} cond 1e${k}`;
          const x = leastSquares(a, b);
          expect([x.rows, x.cols]).toEqual([n, 2]);
          const err = frob(sub(x, xTrue)) / frob(xTrue);
          const rnorm = m > n ? 1 : 0;
          expect(err, label).toBeLessThanOrEqual(tol(m, n) * (cond + (cond * cond * rnorm) / frob(xTrue)) * 10);
          const xv = leastSquares(a, bv);
          expect(xv).toBeInstanceOf(Float64Array);
          for (let i = 0; i < n; i++) expect(Math.abs(xv[i] - x.data[i * 2]), label).toBeLessThanOrEqual(1e3 * U * cond * cond * (1 + Math.abs(xv[i])));
          // Optimality: the residual is orthogonal to range(A): ‖Aᵀ(AX − B)‖ ≲ u·‖A‖·(‖A‖‖X‖ + ‖B‖)·cond.
          const g = matmul(transposeOf(a), sub(matmul(a, x), b));
          expect(frob(g), label).toBeLessThanOrEqual(tol(m, n) * frob(a) * (frob(a) * frob(x) + frob(b)) * 10);
        });
      }
    }
  });

  test("underdetermined problems give the minimum-norm solution", async () => {
    const rng = new Rng(52);
    for (const [m, n] of [[1, 3], [2, 5], [7, 20], [30, 64]]) {
      const a = randn(rng, m, n);
      const b = randn(rng, m, 3);
      // Reference: X = Aᵀ(AAᵀ)⁻¹B, fine for a well-conditioned Gaussian A.
      const ref = matmul(transposeOf(a), matmul(inverse(matmul(a, transposeOf(a))), b));
      await eachBinary((binary) => {
        const x = leastSquares(a, b);
        expect([x.rows, x.cols]).toEqual([n, 3]);
        expect(frob(sub(x, ref)) / frob(ref), `${binary} ${m}×${n}`).toBeLessThanOrEqual(1e4 * U);
        expect(frob(sub(matmul(a, x), b)) / (frob(a) * frob(x)), `${binary} ${m}×${n}`).toBeLessThanOrEqual(tol(m, n));
      });
    }
  });

  test("rank deficiency with an exact zero in R names the column; bad input is rejected", () => {
    const before = runtime().arena.stats().buffersLive;
    const a = mat(3, 2, Float64Array.of(1, 0, 2, 0, 3, 0));
    expect(() => leastSquares(a, new Float64Array(3))).toThrow(/invalid A: rank deficient, R\[1\]\[1\] = 0/);
    expect(() => leastSquares(mat(2, 3, Float64Array.of(1, 2, 3, 0, 0, 0)), new Float64Array(2))).toThrow(/rank deficient/);
    expect(() => leastSquares(a, new Float64Array(2))).toThrow(/invalid B: expected length 3/);
    expect(() => leastSquares(a, mat(2, 1))).toThrow(/invalid B: expected 3 rows/);
    expect(() => leastSquares(mat(1, 1, Float64Array.of(NaN)), new Float64Array(1))).toThrow(/invalid A: entry 0 is NaN/);
    expect(() => leastSquares(mat(1, 1, Float64Array.of(1)), Float64Array.of(-Infinity))).toThrow(/invalid B: entry 0 is -Infinity/);
    expect(() => leastSquares({} as Matrix, new Float64Array(1))).toThrow(TypeError);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
