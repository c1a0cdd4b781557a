import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { cholesky } from "../../../src/kernels/linalg/cholesky.js";
import { choleskySolve } from "../../../src/kernels/linalg/cholesky-solve.js";
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import {
  U, frob, hilbert, mat, matmul, maxAboveDiagonal, randn, spdWithCondition, sub, transposeOf,
} from "./solve-fixtures.js";

beforeAll(async () => {
  await init();
});

// Cholesky is backward stable: L·Lᵀ = A + E, |E| ≤ γ_{n+1}·|L|·|Lᵀ| (Higham Thm 10.3), and
// ‖ |L|·|Lᵀ| ‖_F ≤ n·‖A‖_F; errors add up like a random walk in practice, so 8·(n + 1)·u
// relative to ‖A‖_F is a modest multiple of what is observed and far below any real bug.
const tol = (n: number): number => 8 * (n + 1) * U;

function randomSpd(rng: Rng, n: number): Matrix {
  const g = randn(rng, n, n);
  const a = matmul(g, transposeOf(g));
  for (let i = 0; i < n; i++) a.data[i * n + i] += n;
  return a;
}

function checkFactor(a: Matrix, label: string): Matrix {
  const l = cholesky(a);
  const n = a.rows;
  expect(maxAboveDiagonal(l), `${label} L lower`).toBe(0);
  for (let i = 0; i < n; i++) expect(l.data[i * n + i], `${label} L[${i}][${i}] > 0`).toBeGreaterThan(0);
  expect(frob(sub(a, matmul(l, transposeOf(l)))) / (frob(a) || 1), `${label} ‖A − LLᵀ‖/‖A‖`).toBeLessThanOrEqual(tol(n));
  return l;
}

describe("cholesky", () => {
  test("random SPD matrices on the shape grid, every build", async () => {
    const rng = new Rng(21);
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64, 100]) {
      const a = randomSpd(rng, n);
      await eachBinary((binary) => {
        checkFactor(a, `${binary} n=${n}`);
      });
    }
  });

  test("reads only the lower triangle", () => {
    const a = randomSpd(new Rng(22), 6);
    const garbage = mat(6, 6, a.data.slice());
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) garbage.data[i * 6 + j] = 1e6 * (i - j);
    expect(cholesky(garbage).data).toEqual(cholesky(a).data);
  });

  test("the builds agree within rounding", async () => {
    const a = randomSpd(new Rng(23), 50);
    const results = [...(await resultsByBinary(() => cholesky(a))).values()];
    for (const l of results.slice(1)) {
      // cond(A) is small here (A = GGᵀ + nI), so L is accurate to a few hundred u.
      expect(frob(sub(l, results[0])) / frob(results[0])).toBeLessThanOrEqual(1e3 * U);
    }
  });

  test("ill-conditioned, Hilbert and graded SPD matrices", async () => {
    const rng = new Rng(24);
    const ill = spdWithCondition(rng, 40, 10);
    // Graded: A = D·M·D with D = diag(10^(−6i/(n−1))): Cholesky is invariant under this scaling,
    // so the backward error stays small relative to each entry's scale, not just ‖A‖.
    const m = randomSpd(rng, 30);
    const graded = mat(30, 30, m.data.map((v, idx) => v * 10 ** (-(6 * Math.floor(idx / 30)) / 29) * 10 ** (-(6 * (idx % 30)) / 29)));
    await eachBinary((binary) => {
      checkFactor(ill, `${binary} cond 1e10`);
      const l = checkFactor(graded, `${binary} graded`);
      const e = sub(graded, matmul(l, transposeOf(l)));
      for (let i = 0; i < 30; i++) {
        const scale = Math.sqrt(graded.data[i * 31] * graded.data[i * 31]);
        expect(Math.abs(e.data[i * 31]) / scale).toBeLessThanOrEqual(tol(30));
      }
      // Hilbert matrices: cond(H₁₁) ≈ 5e14, so n·u·cond < 1 and Cholesky must succeed
      // (Demmel's criterion; observed: n ≤ 12 succeed, n = 13 fails at pivot 12, on these builds).
      for (let n = 1; n <= 11; n++) checkFactor(hilbert(n), `${binary} Hilbert ${n}`);
    });
  });

  test("non-positive-definite input names the failing pivot", () => {
    const before = runtime().arena.stats().buffersLive;
    // Leading 2×2 minor [[1, 2], [2, 1]] has determinant −3: pivot 1 is 1 − 4 = −3.
    const a = mat(3, 3, Float64Array.of(1, 2, 0, 2, 1, 0, 0, 0, 1));
    expect(() => cholesky(a)).toThrow(RangeError);
    expect(() => cholesky(a)).toThrow(/invalid A: not positive definite, pivot 1 is -3 ≤ 0 \(the leading 2×2 minor/);
    expect(() => cholesky(mat(2, 2, Float64Array.of(0, 0, 0, 1)))).toThrow(/pivot 0 is 0/);
    expect(() => cholesky(mat(2, 2, Float64Array.of(-1, 0, 0, 1)))).toThrow(/pivot 0 is -1/);
    // Hilbert matrices far past cond ≈ 1/u: either a clean RangeError naming a pivot, or a
    // backward-stable factor (both are legitimate in floating point).
    for (const n of [12, 13, 14, 20, 30]) {
      try {
        checkFactor(hilbert(n), `Hilbert ${n}`);
      } catch (err) {
        expect(String(err)).toMatch(/invalid A: not positive definite, pivot \d+ is/);
      }
    }
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => cholesky(mat(2, 3))).toThrow(/invalid A: expected a square matrix, got a 2×3 matrix/);
    expect(() => cholesky(mat(2, 2, Float64Array.of(1, 0, NaN, 1)))).toThrow(/invalid A: entry 2 is NaN/);
    expect(() => cholesky(mat(1, 1, Float64Array.of(-Infinity)))).toThrow(RangeError);
    expect(() => cholesky(null as never)).toThrow(TypeError);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});

describe("choleskySolve", () => {
  test("residuals and forward errors, vector and several right-hand sides, every build", async () => {
    const rng = new Rng(31);
    for (const n of [0, 1, 2, 3, 5, 8, 17, 64]) {
      for (const k of [0, 6, 10]) {
        const a = spdWithCondition(rng, n, k);
        const xTrue = randn(rng, n, 3);
        const b = matmul(a, xTrue);
        const bv = Float64Array.from({ length: n }, (_, i) => b.data[i * 3]);
        await eachBinary((binary) => {
          const l = cholesky(a);
          const x = choleskySolve(l, b);
          const xv = choleskySolve(l, bv);
          expect(xv).toBeInstanceOf(Float64Array);
          expect([x.rows, x.cols]).toEqual([n, 3]);
          const label = `${binary} n=${n} cond 1e${k}`;
          // Backward stable: ‖AX − B‖ ≤ c·n·u·‖A‖·‖X‖ (3 triangular-solve/factor error terms).
          const an = frob(a) || 1;
          expect(frob(sub(matmul(a, x), b)) / (an * (frob(x) || 1)), label).toBeLessThanOrEqual(3 * tol(n));
          // Forward error ≤ cond(A)·(backward error) to first order.
          const cond = 10 ** k;
          expect(frob(sub(x, xTrue)) / (frob(xTrue) || 1), label).toBeLessThanOrEqual(3 * tol(n) * cond * Math.sqrt(n + 1));
          for (let i = 0; i < n; i++) expect(Math.abs(xv[i] - x.data[i * 3]), label).toBeLessThanOrEqual(1e-12 * cond * (1 + Math.abs(x.data[i * 3])));
        });
      }
    }
  });

  test("rejects bad input and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const l = mat(2, 2, Float64Array.of(1, 0, 1, 1));
    expect(() => choleskySolve(l, new Float64Array(3))).toThrow(/invalid B: expected length 2/);
    expect(() => choleskySolve(l, mat(3, 1))).toThrow(/invalid B: expected 2 rows/);
    expect(() => choleskySolve(l, Float64Array.of(1, NaN))).toThrow(/invalid B: entry 1 is NaN/);
    expect(() => choleskySolve(mat(2, 2, Float64Array.of(1, 0, 1, 0)), new Float64Array(2))).toThrow(/invalid L: diagonal entry 1 is 0/);
    expect(() => choleskySolve(mat(2, 1), new Float64Array(2))).toThrow(/invalid L: expected a square matrix/);
    expect(() => choleskySolve(l, [1, 2] as never)).toThrow(TypeError);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
