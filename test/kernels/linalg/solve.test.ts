import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { solve } from "../../../src/kernels/linalg/solve.js";
import { rcond } from "../../../src/kernels/linalg/solve-rcond.js";
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import { U, frob, hilbert, inverse, mat, matmul, norm1, randn, sub, withCondition } from "./solve-fixtures.js";

beforeAll(async () => {
  await init();
});

// LU with partial pivoting: (A + ΔA)·X = B with ‖ΔA‖ ≤ γ_{3n}·ρ·‖A‖ roughly (Higham Thm 9.4),
// the growth factor ρ being O(1)–O(√n) on these matrices. Normwise residual
// ‖AX − B‖/(‖A‖‖X‖) ≤ 8·(n + 1)·u is a modest multiple of what we observe; forward error
// ‖X − X*‖/‖X*‖ ≤ cond(A)·(that bound)·√n (cond₂ vs. Frobenius norms).
const tol = (n: number): number => 8 * (n + 1) * U;

function relResidual(a: Matrix, x: Matrix, b: Matrix): number {
  return frob(sub(matmul(a, x), b)) / ((frob(a) || 1) * (frob(x) || 1));
}

describe("solve", () => {
  test("random, ill-conditioned (cond up to 1e10) and graded systems on every build", async () => {
    const rng = new Rng(41);
    for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64, 100]) {
      for (const k of [0, 5, 10]) {
        const a = k === 0 ? randn(rng, n, n) : withCondition(rng, n, n, k);
        const cond = k === 0 ? 1 / Math.max(rcondTrue(a), 1e-300) : 10 ** k;
        const xTrue = randn(rng, n, 4);
        const b = matmul(a, xTrue);
        await eachBinary((binary) => {
          const x = solve(a, b);
          const label = `${binary} n=${n} 1e${k}`;
          expect([x.rows, x.cols]).toEqual([n, 4]);
          expect(relResidual(a, x, b), label).toBeLessThanOrEqual(tol(n));
          expect(frob(sub(x, xTrue)) / (frob(xTrue) || 1), label).toBeLessThanOrEqual(tol(n) * cond * Math.sqrt(n + 1));
        });
      }
    }
    // Row-graded A = diag(10^(−8i/(n−1)))·G: partial pivoting handles the scaling.
    const n = 30;
    const g = randn(rng, n, n);
    const graded = mat(n, n, g.data.map((v, idx) => v * 10 ** (-(8 * Math.floor(idx / n)) / (n - 1))));
    const bg = randn(rng, n, 1);
    await eachBinary((binary) => {
      const x = solve(graded, bg);
      expect(relResidual(graded, x, bg), `${binary} graded`).toBeLessThanOrEqual(tol(n));
    });
  });

  test("a vector right-hand side returns a vector equal to the one-column solve", async () => {
    const rng = new Rng(42);
    const a = randn(rng, 20, 20);
    const b = rng.normalArray(20);
    await eachBinary(() => {
      const x = solve(a, b);
      expect(x).toBeInstanceOf(Float64Array);
      const xm = solve(a, mat(20, 1, b.slice()));
      for (let i = 0; i < 20; i++) expect(Math.abs(x[i] - xm.data[i])).toBeLessThanOrEqual(1e3 * U * (1 + Math.abs(x[i])));
    });
  });

  test("the builds agree within rounding", async () => {
    const rng = new Rng(43);
    const a = randn(rng, 50, 50);
    const b = randn(rng, 50, 3);
    const cond = 1 / rcondTrue(a);
    const results = [...(await resultsByBinary(() => solve(a, b))).values()];
    for (const x of results.slice(1)) {
      expect(frob(sub(x, results[0])) / frob(results[0])).toBeLessThanOrEqual(2 * tol(50) * cond);
    }
  });

  test("exactly singular input names the column; near-singular input still solves", () => {
    const before = runtime().arena.stats().buffersLive;
    // Row 0 = row 1 / 2 exactly (powers of two): elimination leaves an exact zero pivot in column 2.
    const a = mat(3, 3, Float64Array.of(1, 2, 3, 2, 4, 6, 1, 1, 1));
    expect(() => solve(a, new Float64Array(3))).toThrow(/invalid A: singular, column 2 has no non-zero pivot/);
    expect(() => solve(mat(2, 2, Float64Array.of(0, 1, 0, 1)), new Float64Array(2))).toThrow(/column 0/);
    expect(() => solve(mat(1, 1), new Float64Array(1))).toThrow(RangeError);
    const near = withCondition(new Rng(44), 10, 10, 15);
    expect(frob(solve(near, new Float64Array(10).fill(1)))).toBeGreaterThan(0);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const a = mat(2, 2, Float64Array.of(2, 1, 1, 3));
    expect(() => solve(mat(2, 3), new Float64Array(2))).toThrow(/invalid A: expected a square matrix, got a 2×3 matrix/);
    expect(() => solve(mat(2, 2, Float64Array.of(1, Infinity, 0, 1)), new Float64Array(2))).toThrow(/invalid A: entry 1 is Infinity/);
    expect(() => solve(a, Float64Array.of(1, NaN))).toThrow(/invalid B: entry 1 is NaN/);
    expect(() => solve(a, mat(3, 2))).toThrow(/invalid B: expected 2 rows \(the rows of the matrix\), got a 3×2 matrix/);
    expect(() => solve(a, new Float64Array(5))).toThrow(/invalid B: expected length 2/);
    expect(() => solve(a, [1, 2] as never)).toThrow(TypeError);
    expect(() => solve(a, "b" as never)).toThrow(/invalid B: expected a matrix/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});

// 1/(‖A‖₁·‖A⁻¹‖₁) with a plain-JS inverse.
function rcondTrue(a: Matrix): number {
  if (a.rows === 0) return 1;
  return 1 / (norm1(a) * norm1(inverse(a)));
}

describe("rcond", () => {
  test("is within a small factor of the true 1/cond₁ (never below it)", async () => {
    const rng = new Rng(45);
    const cases: [string, Matrix][] = [
      ["random 1", randn(rng, 1, 1)],
      ["random 7", randn(rng, 7, 7)],
      ["random 40", randn(rng, 40, 40)],
      ["cond 1e6", withCondition(rng, 30, 30, 6)],
      ["cond 1e10", withCondition(rng, 20, 20, 10)],
      ["Hilbert 8", hilbert(8)],
    ];
    for (const [label, a] of cases) {
      const exact = rcondTrue(a);
      await eachBinary((binary) => {
        const est = rcond(a);
        // The ‖A⁻¹‖₁ estimate is a lower bound (so rcond ≥ exact up to rounding of the
        // inverse, ~cond·u relative), and Hager–Higham is within a factor 3 in practice.
        expect(est, `${binary} ${label}`).toBeGreaterThanOrEqual(exact * (1 - 1e-4));
        expect(est, `${binary} ${label}`).toBeLessThanOrEqual(exact * 10);
      });
    }
  });

  test("0 for exactly singular, 1 for n = 0, and input checks", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(rcond(mat(3, 3, Float64Array.of(1, 2, 3, 2, 4, 6, 1, 1, 1)))).toBe(0);
    expect(rcond(mat(2, 2))).toBe(0);
    expect(rcond(mat(0, 0))).toBe(1);
    expect(rcond(mat(2, 2, Float64Array.of(3, 0, 0, 3)))).toBeCloseTo(1, 14);
    expect(() => rcond(mat(1, 2))).toThrow(/invalid A: expected a square matrix/);
    expect(() => rcond(mat(1, 1, Float64Array.of(NaN)))).toThrow(/invalid A: entry 0 is NaN/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
