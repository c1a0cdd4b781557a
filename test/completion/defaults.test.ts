// completeMatrix's defaults on ratings-shaped data, its checks at sizes it must not scan, and the
// one validation of the entries (issue 9).
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { powerLawSample } from "../../src/data/masks.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { Rng } from "../../src/data/rng.js";
import { observedFromFactors } from "../../src/completion/from-factors.js";
import { splitObserved } from "../../src/completion/split.js";
import { completeMatrix } from "../../src/completion/complete-matrix.js";
import { pmfLambda } from "../../src/completion/default-lambda.js";
import type { Observed } from "../../src/completion/observed.js";

beforeAll(async () => {
  await init();
});

/**
 * Ratings-shaped data as bench/completion.mjs builds it, smaller: 1500 users × 600 items, 45,000
 * ratings at power-law positions (exponent 0.9: some users with fewer than 10 ratings), rating =
 * 3.6 + user bias N(0, 0.3²) + item bias N(0, 0.4²) + rank-5 signal (RMS 0.8) + noise N(0, 0.5²).
 * 20% held out.
 */
let cached: { train: Observed; test: Observed } | undefined;
function ratingsSplit(): { train: Observed; test: Observed } {
  if (cached !== undefined) return cached;
  const m = 1500, n = 600, r = 5;
  const shape = Array.from({ length: r }, (_, k) => 1 - k / (2 * r));
  const scale = (0.8 * Math.sqrt(m * n)) / Math.sqrt(shape.reduce((s, x) => s + x * x, 0));
  const { U, V } = randomLowRank(m, n, r, { seed: 11, singularValues: shape.map((x) => x * scale) });
  const positions = powerLawSample(m, n, 45_000, { exponent: 0.9, seed: 12 });
  const o = observedFromFactors(U, V, positions, { noise: 0.5, seed: 13 });
  const rng = new Rng(14);
  const user = rng.normalArray(m), item = rng.normalArray(n);
  for (let k = 0; k < o.value.length; k++) o.value[k] += 3.6 + 0.3 * user[o.row[k]] + 0.4 * item[o.col[k]];
  return (cached = splitObserved(o, { testFraction: 0.2, seed: 15 }));
}

function testRmse(fit: { predictAll(r: Int32Array, c: Int32Array): Float64Array }, test: Observed): number {
  const p = fit.predictAll(test.row, test.col);
  let s = 0;
  for (let k = 0; k < p.length; k++) s += (p[k] - test.value[k]) ** 2;
  return Math.sqrt(s / p.length);
}

describe("completeMatrix: defaults that work on ratings", () => {
  let train: Observed, held: Observed;
  beforeAll(() => {
    ({ train, test: held } = ratingsSplit());
  });

  test("offsets imply centering: bias \"both\" fits the mean too (it gave a worse model without)", async () => {
    const mean = train.value.reduce((s, v) => s + v, 0) / train.value.length;
    const fit = await completeMatrix(train, { rank: 5, bias: "both", lambda: 5, maxIterations: 30 });
    expect(fit.baseline.mean).toBeCloseTo(mean, 12);
    const centered = await completeMatrix(train, { rank: 5, bias: "both", center: true, lambda: 5, maxIterations: 30 });
    expect(testRmse(fit, held)).toBe(testRmse(centered, held));
    // Explicitly uncentered, the ridge pulls the offsets toward 0 instead of the mean: worse.
    const uncentered = await completeMatrix(train, { rank: 5, bias: "both", center: false, lambda: 5, maxIterations: 30 });
    expect(uncentered.baseline.mean).toBe(0);
    expect(testRmse(uncentered, held)).toBeGreaterThan(testRmse(fit, held) + 0.005);
  });

  test("the default λ works on ratings: no error at rank 5, the PMF value, near the best of a grid", async () => {
    // Some users have fewer than 5 ratings: λ = 0 would have no unique solution (it threw).
    const counts = new Int32Array(train.rows);
    for (const i of train.row) counts[i]++;
    expect(counts.some((c) => c > 0 && c < 5)).toBe(true);
    const fit = await completeMatrix(train, { rank: 5, bias: "both" });
    // λ̂ = √(r·v/2), v the mean square of the values after the baseline (recomputed here).
    const b = fit.baseline;
    let v = 0;
    for (let k = 0; k < train.value.length; k++) v += (train.value[k] - b.mean - b.rowBias![train.row[k]] - b.colBias![train.col[k]]) ** 2;
    expect(fit.lambda).toBeCloseTo(pmfLambda(5, v / train.value.length), 10);
    const atDefault = testRmse(fit, held);
    const grid: number[] = [];
    for (const lambda of [0.3, 1, 3, 10, 30]) grid.push(testRmse(await completeMatrix(train, { rank: 5, bias: "both", lambda }), held));
    // Measured: 0.643 against 0.659, 0.640, 0.663, 0.765, 0.927 along the grid.
    expect(atDefault).toBeLessThan(Math.min(...grid) * 1.01);
    expect(atDefault).toBeLessThan(grid[0]);
    expect(atDefault).toBeLessThan(grid[4] - 0.1);
  });

  test("λ = 0 on such data is an error that says which λ to use", async () => {
    await expect(completeMatrix(train, { rank: 5, bias: "both", lambda: 0 })).rejects.toThrow(
      /invalid lambda: row \d+ has \d observed entr(y|ies), fewer than rank = 5, .* omit it for the default, about \d\.\d\d here/,
    );
  });

  test("ALS ends a converged fit on noisy data (relative cost test) where ‖∇F‖ never meets 1e-6", async () => {
    const fit = await completeMatrix(train, { rank: 5, bias: "both", maxIterations: 500 });
    expect(fit.result.reason).toBe("cost-tolerance");
    expect(fit.result.converged).toBe(true);
    expect(fit.result.iterations).toBeLessThan(200);
    expect(fit.result.gradientNorm).toBeGreaterThan(1e-6);
    // Converged for practical purposes: 300 more sweeps change the test RMSE by < 0.1%.
    const long = await completeMatrix(train, { rank: 5, bias: "both", maxIterations: 500, costTolerance: 0, gradientTolerance: 0 });
    expect(Math.abs(testRmse(fit, held) - testRmse(long, held))).toBeLessThan(1e-3 * testRmse(long, held));
    const { cost } = fit.result.history;
    const last = cost.length - 1;
    expect(cost[last - 1] - cost[last]).toBeLessThanOrEqual(1e-6 * cost[last]);
  });
});

describe("completeMatrix: sizes it must not scan, and edges", () => {
  test("no entries (an empty or header-only ratings file) says so, not `expected an integer in [1, 0]`", async () => {
    const empty = { rows: 0, cols: 0, row: new Int32Array(0), col: new Int32Array(0), value: new Float64Array(0) };
    await expect(completeMatrix(empty, { rank: 1 })).rejects.toThrow(/invalid observed: no entries/);
    await expect(completeMatrix({ ...empty, rows: 5, cols: 4 }, { rank: 1 })).rejects.toThrow(/invalid observed: no entries/);
  });

  test("10⁵ × 10⁵ with 1000 entries: 'fewer than rank' comes from the counts, before any wasm memory", async () => {
    const { row, col } = powerLawSample(100_000, 100_000, 1000, { exponent: 0, seed: 1 });
    const o = { rows: 100_000, cols: 100_000, row, col, value: new Rng(2).normalArray(1000) };
    const before = runtime().arena.stats().memoryBytes;
    const t0 = performance.now();
    await expect(completeMatrix(o, { rank: 10, lambda: 0 })).rejects.toThrow(/fewer than rank = 10/);
    expect(performance.now() - t0).toBeLessThan(500); // was 6.7 s
    expect(runtime().arena.stats().memoryBytes).toBe(before);
  });

  test("10⁶ × 10⁶ with 1000 entries: work grows with the entries, not with m·n (it ran > 120 s)", async () => {
    const m = 1_000_000;
    const { row, col } = powerLawSample(m, m, 1000, { exponent: 0, seed: 3 });
    const o = { rows: m, cols: m, row, col, value: new Rng(4).normalArray(1000) };
    const live = runtime().arena.stats().bytesLive;
    const t0 = performance.now();
    const fit = await completeMatrix(o, { rank: 5, lambda: 1, maxIterations: 20 });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect([fit.U.rows, fit.V.rows]).toEqual([m, m]);
    // Rows and columns without entries predict the baseline (0 here).
    const empty = row.includes(0) ? 1 + row.indexOf(0) : 0;
    expect(fit.predict(empty, 0)).toBe(0);
    expect(fit.trainRmse).toBeLessThan(1);
    expect(runtime().arena.stats().bytesLive).toBe(live);
  });
});

describe("completeMatrix: the entries are validated once", () => {
  test("each array of the input is read once, where the data enter (it was read 4–5 times)", async () => {
    const { train } = ratingsSplit();
    const reads: Record<string, number> = { rows: 0, cols: 0, row: 0, col: 0, value: 0 };
    const counted = {} as Observed;
    for (const key of Object.keys(reads) as (keyof Observed)[]) {
      Object.defineProperty(counted, key, { get: () => (reads[key]++, train[key]), enumerable: true });
    }
    const fit = await completeMatrix(counted, { rank: 5, bias: "both", lambda: 5, maxIterations: 3 });
    expect(fit.result.iterations).toBe(3);
    expect(reads).toEqual({ rows: 1, cols: 1, row: 1, col: 1, value: 1 });
  });

  test("bad options are named before any work, and nothing is held afterwards", async () => {
    const { train } = ratingsSplit();
    const live = runtime().arena.stats().buffersLive;
    const memory = runtime().arena.stats().memoryBytes;
    const bad: [object, RegExp][] = [
      [{ rank: 5, costTolerance: -1 }, /invalid costTolerance: expected a finite number ≥ 0, got -1/],
      [{ rank: 5, center: "yes" }, /invalid center: expected a boolean, got "yes"/],
      [{ rank: 5, bias: "users" }, /invalid bias: expected one of/],
      [{ rank: 5, method: "gd", balance: -2 }, /invalid balance: expected a finite number ≥ 0, got -2/],
      [{ rank: 5, method: "riemannian", solver: "newton" }, /invalid solver: .*"newton"/],
      [{ rank: 5, method: "soft-impute", path: { count: 0 } }, /invalid path\.count/],
      [{ rank: 5, method: "gd", costTolerance: 1e-6 }, /unknown option costTolerance/],
      [{ rank: 5, maxTime: -1 }, /invalid maxTime/],
    ];
    for (const [options, message] of bad) await expect(completeMatrix(train, options as never)).rejects.toThrow(message);
    expect(runtime().arena.stats().buffersLive).toBe(live);
    expect(runtime().arena.stats().memoryBytes).toBe(memory);
  });
});
