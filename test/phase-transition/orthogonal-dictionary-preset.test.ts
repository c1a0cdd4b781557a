// The "orthogonal-dictionary" preset: exact recovery with many samples and sparse codes, failure
// with dense codes and few samples, the records' measures against the public metrics, checks.
import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { phaseTransition } from "../../src/phase-transition/phase-transition.js";
import type { OrthogonalDictionaryTrialRecord } from "../../src/phase-transition/presets/orthogonal-dictionary.js";

beforeAll(async () => {
  await init();
});

test('"msp" (with its default rounding "l1") and "sphere": success with sparse codes and many samples, failure with dense codes and few', async () => {
  const before = runtime().arena.stats().bytesLive;
  const result = await phaseTransition<OrthogonalDictionaryTrialRecord>({
    problem: "orthogonal-dictionary",
    grid: { n: [10], theta: [0.1, 0.7], samples: [40, 1500], method: ["msp", "sphere"] },
    trials: 2,
    seed: 3,
    workers: 1,
  });
  expect(runtime().arena.stats().bytesLive).toBe(before);
  const rate = (method: string, theta: number, samples: number) =>
    result.rates.find((c) => c.method === method && c.theta === theta && c.samples === samples)!.rate;
  for (const method of ["msp", "sphere"]) {
    // Measured: both exact (error ~1e-14) at θ = 0.1, p = 1500; both fail at θ = 0.7, p = 40
    // (errors ~0.9); with p = 40 = 4n and θ = 0.1 "sphere" is right on one of two trials.
    expect(rate(method, 0.1, 1500)).toBe(1);
    expect(rate(method, 0.7, 40)).toBe(0);
  }
  for (const entry of result.records) {
    expect(entry.success).toBe(entry.record.error < 1e-2);
    expect(entry.params.rounding).toBe("l1");
    expect(entry.record.l4Error).toBeGreaterThanOrEqual(-1e-12);
    // Where codes are sparse and samples many, recovery is exact, not merely within 1e-2.
    if (entry.params.theta === 0.1 && entry.params.samples === 1500) expect(entry.record.error).toBeLessThan(1e-8);
  }
});

test("the preset's parameters are checked up front", async () => {
  const run = (grid: Record<string, unknown[]>) => phaseTransition({ problem: "orthogonal-dictionary", grid: grid as never, workers: 1 });
  await expect(run({ theta: [0], samples: [100] })).rejects.toThrow("invalid grid.theta: expected a rate in (0, 1], got 0");
  await expect(run({ theta: [0.2], samples: [20] })).rejects.toThrow("invalid grid.samples: expected an integer ≥ 30, got 20");
  await expect(run({ theta: [0.2], samples: [100], method: ["ksvd"] })).rejects.toThrow('invalid grid.method: expected one of "msp", "sphere", "subgradient"');
  await expect(run({ theta: [0.2] })).rejects.toThrow("samples");
  await expect(run({ theta: [0.2], samples: [100], rounding: [true] })).rejects.toThrow('invalid grid.rounding: expected one of "l1", "lp", got true');
});
