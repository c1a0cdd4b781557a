// Recovery in the papers' settings (Lau et al. 2020, §5): 1-D with and without an offset over ten
// seeds, and 2-D; Ψ never rises, the kernel stays on the sphere.
import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { deconvolve } from "../../src/deconvolution/deconvolve.js";
import { convolutionalData, randomKernel } from "../../src/deconvolution/generators.js";
import { shiftCorrelation } from "../../src/symmetry/signed-shift.js";
import { l1 } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** Within each stage every recorded Ψ is at most the one before. */
function expectMonotone(cost: Float64Array, stageStarts: number[]): void {
  expect(stageStarts.length).toBeGreaterThan(1);
  const ends = [...stageStarts.slice(1), cost.length];
  stageStarts.forEach((start, s) => {
    for (let i = start + 1; i < ends[s]; i++) expect(cost[i], `stage ${s}, iteration ${i}`).toBeLessThanOrEqual(cost[i - 1]);
  });
}

describe("1-D: n = 100, m = 10⁴, θ = n^(−3/4), Bernoulli–Rademacher x₀, λ = 0.01 (the papers' instance)", () => {
  for (const offset of [0, 1]) {
    test(`homotopy recovers the kernel on 10 of 10 seeds with Ψ at or below Ψ(truth)${offset ? ", offset b = 1 estimated" : ""}`, async () => {
      const n = 100, m = 10_000, lambda = 0.01;
      const theta = n ** -0.75;
      const correlations: number[] = [];
      for (let seed = 1; seed <= 10; seed++) {
        const a0 = randomKernel(n, { seed });
        const data = convolutionalData(a0, m, { theta, activation: "bernoulli-rademacher", bias: offset, seed: 100 + seed });
        const norms: number[] = [];
        const r = await deconvolve(data.signal, {
          kernelLength: n, lambda, bias: offset !== 0, seed,
          onIteration: (info) => {
            let s = 0;
            for (const v of info.point) s += v * v;
            norms.push(Math.sqrt(s));
          },
        });
        const c = shiftCorrelation(r.kernel, a0);
        correlations.push(c.correlation);
        // Ψ at the truth: the true kernel in the window and x₀ fit y exactly (no noise).
        expect(r.objective, `seed ${seed}`).toBeLessThanOrEqual(lambda * l1(data.activation));
        expectMonotone(r.result.history.cost, r.stageStarts);
        for (const v of norms) expect(Math.abs(v - 1)).toBeLessThanOrEqual(1e-12);
        expect(r.kernel.length).toBe(3 * n);
        expect(r.activation.length).toBe(m);
        if (offset) expect(Math.abs(r.bias - 1)).toBeLessThanOrEqual(1e-3);
        else expect(r.bias).toBe(0);
      }
      expect(Math.min(...correlations), correlations.map((c) => c.toFixed(4)).join(" ")).toBeGreaterThanOrEqual(0.99);
    }, 60_000);
  }
});

describe("2-D: a 16×16 kernel, a 256×256 Bernoulli–Gaussian activation with θ = 10⁻³", () => {
  test("homotopy recovers the kernel (shiftCorrelation ≥ 0.99), Ψ monotone, kernel on the sphere", async () => {
    const a0 = randomKernel([16, 16], { seed: 3 });
    const data = convolutionalData(a0, [256, 256], { theta: 1e-3, seed: 4 });
    const norms: number[] = [];
    const r = await deconvolve(data.signal, {
      kernelShape: [16, 16], lambda: 0.01, seed: 2,
      onIteration: (info) => {
        norms.push(Math.hypot(...info.point));
      },
    });
    expect(shiftCorrelation(r.kernel, a0).correlation).toBeGreaterThanOrEqual(0.99);
    expect([r.kernel.rows, r.kernel.cols, r.activation.rows, r.activation.cols]).toEqual([48, 48, 256, 256]);
    expect(r.objective).toBeLessThanOrEqual(0.01 * l1(data.activation.data));
    expectMonotone(r.result.history.cost, r.stageStarts);
    for (const v of norms) expect(Math.abs(v - 1)).toBeLessThanOrEqual(1e-12);
  }, 60_000);
});
