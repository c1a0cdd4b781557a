// A small phase transition over the sparsity θ and the signal length m (the full sweep is in
// bench/deconvolution.mjs): the success region shrinks as θ grows and grows with m, as in
// Lau et al. (2020, Fig. 4) and Kuo et al. (2019).
import { beforeAll, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { deconvolve } from "../../src/deconvolution/deconvolve.js";
import { convolutionalData, randomKernel } from "../../src/deconvolution/generators.js";
import { shiftCorrelation } from "../../src/symmetry/signed-shift.js";

beforeAll(async () => {
  await init();
});

test("success (shiftCorrelation ≥ 0.99) falls as θ grows and rises with m; n = 30, 6 seeds per cell", async () => {
  const n = 30, seeds = 6;
  const thetas = [0.02, 0.1, 0.4];
  const lengths = [300, 1200];
  const rate = new Map<string, number>();
  for (const m of lengths) {
    for (const theta of thetas) {
      let ok = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const a0 = randomKernel(n, { seed });
        const data = convolutionalData(a0, m, { theta, seed: 1000 * seed + m });
        const r = await deconvolve(data.signal, { kernelLength: n, lambda: 0.01, seed, maxIterations: 1000 });
        if (shiftCorrelation(r.kernel, a0).correlation >= 0.99) ok++;
      }
      rate.set(`${m}:${theta}`, ok / seeds);
    }
  }
  const table = [...rate].map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ");
  for (const m of lengths) {
    expect(rate.get(`${m}:0.02`), table).toBe(1);
    for (let i = 1; i < thetas.length; i++) expect(rate.get(`${m}:${thetas[i]}`), table).toBeLessThanOrEqual(rate.get(`${m}:${thetas[i - 1]}`)!);
  }
  for (const theta of thetas) expect(rate.get(`1200:${theta}`), table).toBeGreaterThanOrEqual(rate.get(`300:${theta}`)!);
  // The transition is inside the sweep: dense activations on short signals fail.
  expect(rate.get("300:0.4"), table).toBeLessThanOrEqual(0.5);
}, 60_000);
