import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { alignToShift, shiftCorrelation } from "../../src/symmetry/signed-shift.js";
import { circularConvolve } from "../../src/kernels/fft/convolve.js";
import { circularConvolve2d } from "../../src/kernels/fft/convolve2d.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";

beforeAll(async () => {
  await init();
});

/** Brute force over every relative shift (rows, cols) and both signs, plain JS. */
function bruteForce(a: Matrix, a0: Matrix): { correlation: number; shift: [number, number]; sign: number } {
  let best = { value: -1, shift: [0, 0] as [number, number], c: 0 };
  let na = 0, n0 = 0;
  for (const v of a.data) na += v * v;
  for (const v of a0.data) n0 += v * v;
  for (let sr = 1 - a0.rows; sr < a.rows; sr++) {
    for (let sc = 1 - a0.cols; sc < a.cols; sc++) {
      let c = 0;
      for (let i = 0; i < a0.rows; i++) {
        for (let j = 0; j < a0.cols; j++) {
          const r = i + sr, q = j + sc;
          if (r >= 0 && r < a.rows && q >= 0 && q < a.cols) c += a.data[r * a.cols + q] * a0.data[i * a0.cols + j];
        }
      }
      if (Math.abs(c) > best.value + 1e-12) best = { value: Math.abs(c), shift: [sr, sc], c };
    }
  }
  return { correlation: best.value / Math.sqrt(na * n0), shift: best.shift, sign: best.c < 0 ? -1 : 1 };
}

const vec = (v: Float64Array): Matrix => ({ rows: 1, cols: v.length, data: v });

describe("shiftCorrelation", () => {
  test("equals the brute-force maximum over all shifts and both signs, 1-D, kernels of different lengths", () => {
    const rng = new Rng(91);
    for (const [na, n0] of [[1, 1], [5, 3], [3, 5], [30, 10], [64, 64], [99, 33]]) {
      for (let trial = 0; trial < 4; trial++) {
        const a = rng.normalArray(na), a0 = rng.normalArray(n0);
        const got = shiftCorrelation(a, a0);
        const want = bruteForce(vec(a), vec(a0));
        expect(got.correlation).toBeCloseTo(want.correlation, 12);
        expect(got.shift).toBe(want.shift[1]);
        expect(got.sign).toBe(want.sign);
      }
    }
  });

  test("equals the brute force in 2-D, and finds a planted signed shift with correlation 1", () => {
    const rng = new Rng(92);
    for (const [ar, ac, r0, c0] of [[6, 9, 2, 3], [12, 12, 4, 4], [5, 4, 5, 4]]) {
      const a = { rows: ar, cols: ac, data: rng.normalArray(ar * ac) }, a0 = { rows: r0, cols: c0, data: rng.normalArray(r0 * c0) };
      const got = shiftCorrelation(a, a0);
      const want = bruteForce(a, a0);
      expect(got.correlation).toBeCloseTo(want.correlation, 12);
      expect(got.shift).toEqual(want.shift);
      expect(got.sign).toBe(want.sign);
    }
    // a0 planted at (3, 1) in a 12×9 window with sign −1.
    const a0 = { rows: 4, cols: 4, data: rng.normalArray(16) };
    const window = { rows: 12, cols: 9, data: new Float64Array(108) };
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) window.data[(3 + i) * 9 + 1 + j] = -2 * a0.data[i * 4 + j];
    const got = shiftCorrelation(window, a0);
    expect(got.correlation).toBeCloseTo(1, 14);
    expect(got.shift).toEqual([3, 1]);
    expect(got.sign).toBe(-1);
  });

  test("a negative shift: the estimate starts before the reference", () => {
    const a0 = Float64Array.of(1, 2, 3, 4);
    const a = Float64Array.of(3, 4, 0, 0, 0); // a[k + s] = a0[k] with s = −2
    const got = shiftCorrelation(a, a0);
    expect(got.shift).toBe(-2);
    expect(got.sign).toBe(1);
    expect(got.correlation).toBeCloseTo(25 / Math.sqrt(25 * 30), 14);
  });

  test("rejects zero, non-finite, empty or mixed kernels", () => {
    expect(() => shiftCorrelation(new Float64Array(3), Float64Array.of(1))).toThrow(/invalid a: the zero kernel/);
    expect(() => shiftCorrelation(Float64Array.of(1, NaN), Float64Array.of(1))).toThrow(/invalid a: entry 1 is NaN/);
    expect(() => shiftCorrelation(Float64Array.of(1), new Float64Array(0))).toThrow(/invalid a0: expected a nonempty kernel/);
    expect(() => shiftCorrelation(Float64Array.of(1), { rows: 1, cols: 1, data: Float64Array.of(1) })).toThrow(/invalid a0: expected a Float64Array like a/);
    expect(() => shiftCorrelation([1, 2] as never, Float64Array.of(1))).toThrow(TypeError);
  });
});

describe("alignToShift", () => {
  test("moves a shifted, sign-flipped estimate onto the truth and keeps a ⊛ x", () => {
    const rng = new Rng(93);
    const m = 200, n = 10;
    const a0 = rng.normalArray(n);
    const x0 = new Float64Array(m);
    for (let i = 0; i < m; i += 17) x0[i] = rng.normal();
    // The estimate: −a0 at offset 7 of a 30-window, and the activation moved the other way.
    const window = new Float64Array(3 * n);
    for (let k = 0; k < n; k++) window[7 + k] = -a0[k];
    const x = new Float64Array(m);
    for (let i = 0; i < m; i++) x[i] = -x0[(i + 7) % m];
    const y = circularConvolve(x, window);
    const y0 = circularConvolve(x0, a0);
    for (let i = 0; i < m; i++) expect(y[i]).toBeCloseTo(y0[i], 12);
    const aligned = alignToShift(window, a0, { activation: x });
    expect(aligned.shift).toBe(7);
    expect(aligned.sign).toBe(-1);
    expect(aligned.correlation).toBeCloseTo(1, 14);
    const k = aligned.kernel as Float64Array;
    for (let i = 0; i < n; i++) expect(k[i]).toBeCloseTo(a0[i], 14);
    const xa = aligned.activation as Float64Array;
    for (let i = 0; i < m; i++) expect(xa[i]).toBeCloseTo(x0[i], 14);
  });

  test("2-D: kernel and activation aligned; parts of the window outside the reference are cropped", () => {
    const rng = new Rng(94);
    const a0 = { rows: 3, cols: 4, data: rng.normalArray(12) };
    const window = { rows: 9, cols: 12, data: new Float64Array(108) };
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) window.data[(2 + i) * 12 + 5 + j] = a0.data[i * 4 + j];
    window.data[0] = 1e-3; // outside the aligned footprint: dropped
    const X = { rows: 20, cols: 24, data: new Float64Array(480) };
    X.data[3 * 24 + 4] = 1.5;
    const aligned = alignToShift(window, a0, { activation: X });
    expect(aligned.shift).toEqual([2, 5]);
    const k = aligned.kernel as Matrix;
    expect([k.rows, k.cols]).toEqual([3, 4]);
    for (let i = 0; i < 12; i++) expect(k.data[i]).toBeCloseTo(a0.data[i], 14);
    const xa = aligned.activation as Matrix;
    expect(xa.data[(3 + 2) * 24 + 4 + 5]).toBe(1.5);
    // The convolution agrees away from the cropped entry.
    const y = circularConvolve2d(X, window).data, ya = circularConvolve2d(xa, k).data;
    expect(Math.max(...y.map((v, i) => Math.abs(v - ya[i])))).toBeLessThanOrEqual(1.5e-3 + 1e-12);
  });

  test("rejects unknown options and mismatched activations", () => {
    const a = Float64Array.of(1, 2, 3);
    expect(() => alignToShift(a, a, { x: a } as never)).toThrow(/unknown option x/);
    expect(() => alignToShift(a, a, { activation: { rows: 1, cols: 3, data: a } })).toThrow(/invalid options.activation: expected a Float64Array like kernel/);
    expect(() => alignToShift(a, a, { activation: new Float64Array(0) })).toThrow(/invalid options.activation: expected a nonempty signal/);
  });
});
