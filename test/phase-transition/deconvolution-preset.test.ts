// The "deconvolution" preset: recovery of a random kernel over the sparsity θ and the length m,
// each trial the same as a direct call of the generators and deconvolve with its seed.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { phaseTransition } from "../../src/phase-transition/phase-transition.js";
import { clearFftPlans } from "../../src/kernels/fft/plans.js";
import type { DeconvolutionTrialRecord } from "../../src/phase-transition/presets/deconvolution.js";

describe("the deconvolution preset", () => {
  beforeAll(async () => {
    await init();
  });

  test("sparse activations on a long signal succeed, dense ones on a short signal fail; success is correlation ≥ 0.99", async () => {
    clearFftPlans(); // the generators' copying convolutions cache plans: compare without them
    const before = runtime().arena.stats().bytesLive;
    const result = await phaseTransition<DeconvolutionTrialRecord>({
      problem: "deconvolution",
      grid: { theta: [0.02, 0.5], length: [300, 1200], kernelLength: [20] },
      trials: 3,
      seed: 3,
      workers: 1,
    });
    clearFftPlans();
    expect(runtime().arena.stats().bytesLive).toBe(before);
    const rate = (theta: number, length: number) => result.rates.find((r) => r.theta === theta && r.length === length)!.rate;
    expect(rate(0.02, 1200)).toBe(1);
    expect(rate(0.5, 300)).toBeLessThanOrEqual(1 / 3);
    for (const entry of result.records) {
      expect(entry.success).toBe(entry.record.correlation >= 0.99);
      expect(entry.record.correlation).toBeLessThanOrEqual(1);
      expect(entry.record.iterations).toBeGreaterThan(0);
    }
  }, 30_000);

  test("bad cells are named", async () => {
    await expect(phaseTransition({ problem: "deconvolution", grid: { theta: [0.1], length: [50], kernelLength: [20] }, workers: 1 }))
      .rejects.toThrow("invalid grid.length: expected an integer in [60, 4194304], got 50");
    await expect(phaseTransition({ problem: "deconvolution", grid: { theta: [0], length: [100] }, workers: 1 }))
      .rejects.toThrow("invalid grid.theta: expected a rate in (0, 1], got 0");
    await expect(phaseTransition({ problem: "deconvolution", grid: { theta: [0.1] }, workers: 1 }))
      .rejects.toThrow('invalid grid: the "deconvolution" preset needs an axis length');
  });
});
