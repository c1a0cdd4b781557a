import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { powerLawSample } from "../../src/data/masks.js";
import { observedFromFactors, splitObserved } from "../../src/completion/index.js";
import { rmse, testRmse } from "../../src/symmetry/index.js";
import { gaussian } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe("rmse", () => {
  test("is √(mean squared difference), without overflow or underflow", () => {
    const p = Float64Array.of(1, 2, 3, 4), v = Float64Array.of(1, 0, 3, 8);
    expect(rmse(p, v)).toBeCloseTo(Math.sqrt((4 + 16) / 4), 15);
    expect(rmse(Float64Array.of(3e200, 0), Float64Array.of(-1e200, 0))).toBeCloseTo(4e200 / Math.SQRT2, -186);
    expect(rmse(Float64Array.of(3e-200), Float64Array.of(0))).toBe(3e-200);
  });

  test("NaN and ±Infinity propagate; empty input is NaN", () => {
    expect(rmse(Float64Array.of(1, NaN), Float64Array.of(1, 1))).toBeNaN();
    expect(rmse(Float64Array.of(1, Infinity), Float64Array.of(1, 1))).toBe(Infinity);
    expect(rmse(Float64Array.of(Infinity), Float64Array.of(Infinity))).toBeNaN();
    expect(rmse(new Float64Array(0), new Float64Array(0))).toBeNaN();
  });

  test("rejects mismatched lengths and wrong types", () => {
    expect(() => rmse(new Float64Array(2), new Float64Array(3))).toThrow(/invalid values: expected length 2, got length 3/);
    expect(() => rmse([1, 2] as never, new Float64Array(2))).toThrow(/invalid predictions: expected a Float64Array/);
  });
});

describe("testRmse", () => {
  test("equals the dense computation on the observed entries", () => {
    const rng = new Rng(1);
    const U = gaussian(rng, 7, 2), V = gaussian(rng, 6, 2);
    const o = { rows: 7, cols: 6, row: Int32Array.of(0, 6, 3), col: Int32Array.of(5, 0, 2), value: Float64Array.of(1, -2, 0.5) };
    let s = 0;
    for (let k = 0; k < 3; k++) {
      const i = o.row[k], j = o.col[k];
      s += (U.data[2 * i] * V.data[2 * j] + U.data[2 * i + 1] * V.data[2 * j + 1] - o.value[k]) ** 2;
    }
    expect(testRmse(U, V, o)).toBeCloseTo(Math.sqrt(s / 3), 14);
    expect(testRmse(U, V, { ...o, row: new Int32Array(0), col: new Int32Array(0), value: new Float64Array(0) })).toBeNaN();
  });

  test("the true factors on noisy held-out ratings give an RMSE ≈ the noise level", () => {
    const sigma = 0.1;
    const { U, V } = randomLowRank(200, 150, 3, { seed: 2 });
    const positions = powerLawSample(200, 150, 6000, { exponent: 0.5, seed: 3 });
    const observed = observedFromFactors(U, V, positions, { noise: sigma, seed: 4 });
    const { test: held } = splitObserved(observed, { testFraction: 0.2, seed: 5 });
    // RMSE² is a mean of 1200 σ²χ²₁ draws: relative sd √(2/1200) ≈ 0.04 for RMSE², 0.02 for RMSE.
    expect(Math.abs(testRmse(U, V, held) / sigma - 1)).toBeLessThan(0.1);
  });

  test("rejects invalid observed entries and mismatched factors", () => {
    const rng = new Rng(3);
    const U = gaussian(rng, 3, 2), V = gaussian(rng, 4, 2);
    const o = { rows: 3, cols: 4, row: Int32Array.of(0, 0), col: Int32Array.of(1, 1), value: Float64Array.of(1, 2) };
    expect(() => testRmse(U, V, o)).toThrow(/invalid observed: duplicate entry \(0, 1\)/);
    expect(() => testRmse(U, gaussian(rng, 5, 2), { ...o, col: Int32Array.of(1, 2) })).toThrow(/invalid V/);
  });
});
