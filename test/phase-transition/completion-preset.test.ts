// The "completion" preset in the calling thread: below the degrees of freedom no trial can
// succeed, far above them every trial must; masks are Bernoulli(sampling) and nested across rates;
// wasm memory is returned after a run and after an abort; its parameters are checked up front.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { phaseTransition } from "../../src/phase-transition/phase-transition.js";
import { completionPreset, type CompletionTrialRecord } from "../../src/phase-transition/presets/completion.js";

describe("before init()", () => {
  test("the preset asks for init() first", async () => {
    await expect(phaseTransition({ problem: "completion", grid: { rank: [1], sampling: [0.5] }, workers: 1 })).rejects.toThrow(
      "benign is not initialized: call `await init()` first",
    );
  });
});

describe("the completion preset", () => {
  beforeAll(async () => {
    await init();
  });

  test("fails below the degrees of freedom, succeeds far above them; masks nested and Bernoulli", async () => {
    // 30×30, rank 2: d/(mn) = r(m + n − r)/(mn) = 116/900 ≈ 0.129. With fewer observed entries
    // than d the rank-2 matrices matching the data form a positive-dimensional set through the
    // truth (test/completion/phase-transition.test.ts walks along it): no method can succeed. At
    // 0.9 the sample is ~7× d and ALS from the spectral start recovers to the tolerance.
    const before = runtime().arena.stats().bytesLive;
    const result = await phaseTransition<CompletionTrialRecord>({
      problem: "completion",
      grid: { rows: [30], cols: [30], rank: [2], sampling: [0.06, 0.3, 0.9] },
      trials: 3,
      seed: 5,
      workers: 1,
    });
    expect(runtime().arena.stats().bytesLive).toBe(before);
    expect(result.rates.map((r) => [r.sampling, r.rank, r.rows, r.method, r.lambda])).toEqual([
      [0.06, 2, 30, "als", 0], [0.3, 2, 30, "als", 0], [0.9, 2, 30, "als", 0],
    ]);
    const [low, , high] = result.rates;
    expect(low.rate).toBe(0);
    expect(high.rate).toBe(1);
    for (const entry of result.records) {
      const { record, params } = entry;
      // The success rule is relative error < 1e-4.
      expect(entry.success).toBe(record.relativeError < 1e-4);
      // Bernoulli(p) counts: within 5 standard deviations of p·mn.
      const p = params.sampling as number;
      expect(Math.abs(record.observed - p * 900)).toBeLessThan(5 * Math.sqrt(900 * p * (1 - p)));
      if (record.underdetermined) expect([record.iterations, record.reason, record.relativeError]).toEqual([0, "underdetermined", Infinity]);
      if (p === 0.06) expect(record.observed).toBeLessThan(116);
    }
    for (const entry of result.records.filter((e) => e.params.sampling === 0.9)) {
      expect(entry.record.relativeError).toBeLessThan(1e-8);
      expect(entry.record.reason).toBe("gradient-tolerance");
    }
    // Trial t shares its seed across rates, and its masks are nested: counts rise with the rate.
    for (let t = 0; t < 3; t++) {
      const counts = result.records.filter((e) => e.trial === t).map((e) => e.record.observed);
      expect(counts[0]).toBeLessThan(counts[1]);
      expect(counts[1]).toBeLessThan(counts[2]);
    }
  });

  test("an instance where ALS with λ = 0 meets a singular row system is a failed trial, not a failed sweep", async () => {
    // Found by bench/phase-transition.mjs: row 50 has 8 = rank entries whose factors are dependent.
    const params = { rows: 100, cols: 100, method: "als", lambda: 0, condition: 2, maxIterations: 300, tolerance: 1e-9, rank: 8, sampling: 0.25 };
    const record = await completionPreset.trial(params, 1859959387, { signal: new AbortController().signal });
    expect(record.reason).toBe("singular");
    expect(record.relativeError).toBe(Infinity);
    expect(runtime().arena.stats().buffersLive).toBe(0);
  });

  test("an abort during a solve returns the wasm memory and discards the trial", async () => {
    const before = runtime().arena.stats().bytesLive;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await phaseTransition({
      problem: "completion",
      grid: { rows: [200], cols: [200], rank: [8], sampling: [0.5] },
      trials: 50,
      workers: 1,
      signal: controller.signal,
    });
    expect(result.reason).toBe("aborted");
    expect(result.completed).toBeLessThan(50);
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });

  const bad: [string, Record<string, unknown>, RegExp, ErrorConstructor][] = [
    ["a rank above the size", { rows: [30], cols: [20], rank: [21], sampling: [0.5] }, /invalid grid.rank: expected an integer in \[1, 20\], got 21/, RangeError],
    ["a zero rate", { rank: [1], sampling: [0.5, 0] }, /invalid grid.sampling: expected a rate in \(0, 1\], got 0/, RangeError],
    ["a rate above 1", { rank: [1], sampling: [1.5] }, /invalid grid.sampling: expected a rate in \(0, 1\], got 1.5/, RangeError],
    ["an unknown method", { rank: [1], sampling: [0.5], method: ["soft-impute"] }, /invalid grid.method: expected one of "als", "gd", "riemannian", got "soft-impute"/, TypeError],
    ["an unknown axis", { rank: [1], sampling: [0.5], size: [10] }, /unknown grid axis size for the "completion" preset: expected some of rows, cols, rank, sampling/, TypeError],
    ["no rank axis", { sampling: [0.5] }, /invalid grid: the "completion" preset needs an axis rank/, RangeError],
    ["a negative λ", { rank: [1], sampling: [0.5], lambda: [-1] }, /invalid grid.lambda: expected a finite number ≥ 0, got -1/, RangeError],
  ];
  for (const [what, grid, message, kind] of bad) {
    test(`rejects ${what}`, async () => {
      const error = await phaseTransition({ problem: "completion", grid: grid as never, workers: 1 }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(kind);
      expect((error as Error).message).toMatch(message);
    });
  }
});
