import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { circularConvolve, circularCorrelate } from "../../../src/kernels/fft/convolve.js";
import { circularConvolve2d, circularCorrelate2d } from "../../../src/kernels/fft/convolve2d.js";
import { clearFftPlans } from "../../../src/kernels/fft/plans.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { directCircular, dotProduct, EPS, norm2 } from "./reference.js";

beforeAll(async () => {
  await init();
});

const METHODS = ["direct", "fft", "auto"] as const;

// Each output is a sum of na products; the direct path errs by ≤ γ_na·Σ|a_k||x_·| ≤ na·ε·‖a‖‖x‖
// (Cauchy–Schwarz), the FFT path by O(ε·log n)·‖a‖₁‖x‖ through ‖DFT(a)‖∞ ≤ ‖a‖₁ ≤ √na‖a‖.
// Checked in the max norm against ‖a‖‖x‖·ε·(na + 30·√na·(log2 n + 2)).
function convTolerance(n: number, na: number, a: Float64Array, x: Float64Array): number {
  return EPS * (na + 30 * Math.sqrt(na) * (Math.log2(Math.max(2, n)) + 2)) * norm2(a) * norm2(x);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe("circularConvolve / circularCorrelate (1-D)", () => {
  test("both paths match the direct sums on every build", async () => {
    const rng = new Rng(31);
    const cases: [number, number][] = [
      [1, 1], [2, 1], [2, 2], [3, 2], [5, 5], [7, 3], [8, 8], [16, 5], [17, 4], [33, 33], [64, 7],
      [97, 10], [100, 100], [257, 31], [1000, 17], [1009, 1009], [214, 214], [514, 100], [646, 646], [1819, 300],
    ];
    const data = cases.map(([n, na]) => {
      const x = rng.normalArray(n);
      const a = rng.normalArray(na);
      return {
        n, na, x, a,
        conv: directCircular(x, 1, n, a, 1, na, false),
        corr: directCircular(x, 1, n, a, 1, na, true),
      };
    });
    await eachBinary(() => {
      for (const { n, na, x, a, conv, corr } of data) {
        const tol = convTolerance(n, na, a, x);
        for (const method of METHODS) {
          expect(maxDiff(circularConvolve(x, a, { method }), conv), `${method} n=${n} na=${na}`).toBeLessThanOrEqual(tol);
          expect(maxDiff(circularCorrelate(x, a, { method }), corr), `${method} n=${n} na=${na}`).toBeLessThanOrEqual(tol);
        }
      }
    });
  });

  test("adjoint identity ⟨a ⊛ x, y⟩ = ⟨x, corr(a, y)⟩ on both paths", () => {
    const rng = new Rng(32);
    for (const [n, na] of [[50, 7], [1024, 1024], [4093, 100]]) {
      const x = rng.normalArray(n);
      const y = rng.normalArray(n);
      const a = rng.normalArray(na);
      for (const method of ["direct", "fft"] as const) {
        const lhs = dotProduct(circularConvolve(x, a, { method }), y);
        const rhs = dotProduct(x, circularCorrelate(y, a, { method }));
        // Each side carries the convolution error (≤ convTolerance per entry) times ‖y‖₁ ≤ √n‖y‖.
        const tol = 2 * Math.sqrt(n) * convTolerance(n, na, a, x) * norm2(y);
        expect(Math.abs(lhs - rhs), `${method} n=${n}`).toBeLessThanOrEqual(tol);
      }
    }
  });

  test("a unit impulse kernel is the identity, a shifted one a circular shift", () => {
    const x = new Float64Array([1, 2, 3, 4, 5]);
    for (const method of METHODS) {
      expect(Array.from(circularConvolve(x, new Float64Array([1]), { method })).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 2, 3, 4, 5]);
      const shifted = circularConvolve(x, new Float64Array([0, 1]), { method });
      expect(maxDiff(shifted, [5, 1, 2, 3, 4])).toBeLessThanOrEqual(1e-14);
      const back = circularCorrelate(x, new Float64Array([0, 1]), { method });
      expect(maxDiff(back, [2, 3, 4, 5, 1])).toBeLessThanOrEqual(1e-14);
    }
  });

  test("NaN propagates", () => {
    const x = new Float64Array([1, NaN, 3, 4]);
    expect(Number.isNaN(circularConvolve(x, new Float64Array([1, 1]), { method: "direct" })[1])).toBe(true);
    expect(circularConvolve(x, new Float64Array([1, 1]), { method: "fft" }).every(Number.isNaN)).toBe(true);
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const x = new Float64Array(4);
    expect(() => circularConvolve([1, 2] as never, x)).toThrow(/invalid x: expected a Float64Array, got Array\(2\)/);
    expect(() => circularCorrelate(x, new Float32Array(2) as never)).toThrow(/invalid a: expected a Float64Array, got Float32Array\(2\)/);
    expect(() => circularCorrelate(new Float64Array(0), x)).toThrow(/invalid y: expected length ≥ 1/);
    expect(() => circularConvolve(x, new Float64Array(0))).toThrow(/invalid a: expected length ≥ 1/);
    expect(() => circularConvolve(x, new Float64Array(5))).toThrow(/invalid a: kernel length 5 exceeds the signal length 4/);
    expect(() => circularConvolve(x, x, { method: "fast" } as never)).toThrow(/invalid method: expected one of "auto", "direct", "fft", got "fast"/);
    expect(() => circularConvolve(x, x, { mode: "fft" } as never)).toThrow(/unknown option mode/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});

describe("circularConvolve2d / circularCorrelate2d", () => {
  test("both paths match the direct sums on every build", async () => {
    const rng = new Rng(41);
    const shapes: [number, number, number, number][] = [
      [1, 1, 1, 1], [1, 7, 1, 3], [5, 1, 2, 1], [3, 5, 2, 2], [8, 6, 3, 6], [7, 11, 7, 1], [16, 16, 4, 4],
      [12, 20, 12, 20], [31, 9, 5, 5], [17, 37, 3, 4],
    ];
    const data = shapes.map(([rows, cols, ar, ac]) => {
      const x = rng.normalArray(rows * cols);
      const a = rng.normalArray(ar * ac);
      return {
        rows, cols, ar, ac,
        X: { rows, cols, data: x },
        A: { rows: ar, cols: ac, data: a },
        conv: directCircular(x, rows, cols, a, ar, ac, false),
        corr: directCircular(x, rows, cols, a, ar, ac, true),
      };
    });
    await eachBinary(() => {
      for (const { rows, cols, ar, ac, X, A, conv, corr } of data) {
        const tol = convTolerance(rows * cols, ar * ac, A.data, X.data);
        for (const method of METHODS) {
          const y = circularConvolve2d(X, A, { method });
          expect(y.rows).toBe(rows);
          expect(y.cols).toBe(cols);
          expect(maxDiff(y.data, conv), `${method} ${rows}×${cols} * ${ar}×${ac}`).toBeLessThanOrEqual(tol);
          expect(maxDiff(circularCorrelate2d(X, A, { method }).data, corr), `${method} ${rows}×${cols}`).toBeLessThanOrEqual(tol);
        }
      }
    });
  });

  test("adjoint identity in 2-D on both paths", () => {
    const rng = new Rng(42);
    const [rows, cols, ar, ac] = [24, 37, 5, 4];
    const X = { rows, cols, data: rng.normalArray(rows * cols) };
    const Y = { rows, cols, data: rng.normalArray(rows * cols) };
    const A = { rows: ar, cols: ac, data: rng.normalArray(ar * ac) };
    for (const method of ["direct", "fft"] as const) {
      const lhs = dotProduct(circularConvolve2d(X, A, { method }).data, Y.data);
      const rhs = dotProduct(X.data, circularCorrelate2d(Y, A, { method }).data);
      const n = rows * cols;
      const tol = 2 * Math.sqrt(n) * convTolerance(n, ar * ac, A.data, X.data) * norm2(Y.data);
      expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(tol);
    }
  });

  test("rejects bad input before any work and leaks nothing beyond the cached plans", () => {
    clearFftPlans();
    const before = runtime().arena.stats().buffersLive;
    const X = { rows: 3, cols: 4, data: new Float64Array(12) };
    expect(() => circularConvolve2d({ rows: 3, cols: 4, data: [] } as never, X)).toThrow(/invalid x: expected a matrix/);
    expect(() => circularCorrelate2d(X, { rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(/invalid a: data has length 3/);
    expect(() => circularConvolve2d(X, { rows: 4, cols: 1, data: new Float64Array(4) })).toThrow(
      /invalid a: a 4×1 kernel is larger than the 3×4 signal/,
    );
    expect(() => circularConvolve2d({ rows: 0, cols: 4, data: new Float64Array(0) }, X)).toThrow(/invalid x: expected at least one row/);
    expect(() => circularConvolve2d(X, X, { method: 1 } as never)).toThrow(/invalid method/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
    circularConvolve2d(X, X, { method: "fft" });
    circularConvolve(new Float64Array(10), new Float64Array(3), { method: "fft" });
    expect(runtime().arena.stats().buffersLive).toBe(before + 3); // plans for 3, 4 and real 10
    clearFftPlans();
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
