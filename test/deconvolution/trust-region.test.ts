// The smoothed bilinear lasso with x eliminated (the trust-region method's objective): derivative
// checks, the inner minimizer against plain-JS optimality, memory; the method's recovery.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import { checkHessian } from "../../src/landscape/check-hessian.js";
import { surrogateProblem } from "../../src/deconvolution/surrogate.js";
import { deconvolve } from "../../src/deconvolution/deconvolve.js";
import { convolutionalData, randomKernel } from "../../src/deconvolution/generators.js";
import { shiftCorrelation } from "../../src/symmetry/signed-shift.js";
import type { ConvolutionShape } from "../../src/deconvolution/geometry.js";
import { correlate, dot, residual } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const CASES: { shape: ConvolutionShape; seed: number }[] = [
  { shape: { rows: 1, cols: 120, windowRows: 1, windowCols: 15 }, seed: 1 },
  { shape: { rows: 10, cols: 12, windowRows: 3, windowCols: 6 }, seed: 2 },
];

function instance(shape: ConvolutionShape, seed: number, lambda: number) {
  const rng = new Rng(seed);
  const y = rng.normalArray(shape.rows * shape.cols).map((v) => (rng.uniform() < 0.3 ? v : 0.1 * v));
  return { y, problem: surrogateProblem({ shape, y, bias: 0.05, lambda, smoothing: lambda / 4 }) };
}

describe("surrogateProblem", () => {
  test("gradient and Hessian pass the Taylor checks at seeded points, 1-D and 2-D, two λ", () => {
    for (const { shape, seed } of CASES) {
      for (const lambda of [0.05, 0.3]) {
        const { problem } = instance(shape, seed, lambda);
        const release = problem.retain!();
        try {
          for (let s = 0; s < 2; s++) {
            const a = problem.manifold.random(new Rng(10 * seed + s));
            const g = checkGradient(problem, a, { seed: s });
            expect(g.passed, `gradient ${shape.rows}×${shape.cols} λ=${lambda}`).toBe(true);
            const h = checkHessian(problem, a, { seed: s });
            expect(h.passed, `Hessian ${shape.rows}×${shape.cols} λ=${lambda} slope ${h.slope}`).toBe(true);
          }
        } finally {
          release();
        }
      }
    }
  });

  test("the cost is F(x*) at an x* where ∇F vanishes (plain-JS gradient), retained or not, leaking nothing", () => {
    const before = runtime().arena.stats().bytesLive;
    for (const { shape, seed } of CASES) {
      const lambda = 0.1, mu = lambda / 4, bias = 0.05;
      const { y, problem } = instance(shape, seed, lambda);
      const a = problem.manifold.random(new Rng(seed));
      const value = problem.cost(a); // not retained: a state of its own, freed after
      const x = (problem as ReturnType<typeof surrogateProblem>).minimizer(a);
      const r = residual(shape, [a], [x], bias, y);
      const h = x.reduce((s, v) => s + Math.sqrt(v * v + mu * mu) - mu, 0);
      expect(value).toBeCloseTo(0.5 * dot(r, r) + lambda * h, 10);
      const grad = correlate(shape, a, r).map((g, i) => g + (lambda * x[i]) / Math.sqrt(x[i] * x[i] + mu * mu));
      expect(Math.sqrt(dot(grad, grad))).toBeLessThanOrEqual(1e-9);
      const release = problem.retain!();
      expect(problem.cost(a)).toBeCloseTo(value, 11);
      release();
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });
});

describe('deconvolve(…, { method: "trust-region" })', () => {
  test("recovers the kernel of small instances, with and without an offset, and frees its memory", async () => {
    for (const [seed, offset] of [[1, 0], [2, 1]]) {
      const a0 = randomKernel(10, { seed });
      const data = convolutionalData(a0, 600, { theta: 0.1, activation: "bernoulli-rademacher", bias: offset, seed: 40 + seed });
      const before = runtime().arena.stats().bytesLive; // after the generator's cached FFT plans
      const r = await deconvolve(data.signal, { kernelLength: 10, method: "trust-region", bias: offset !== 0, seed });
      expect(runtime().arena.stats().bytesLive).toBe(before);
      expect(shiftCorrelation(r.kernel, a0).correlation).toBeGreaterThanOrEqual(0.99);
      expect(Math.abs(Math.hypot(...r.kernel) - 1)).toBeLessThanOrEqual(1e-12);
      expect(r.stageStarts).toEqual([]);
      expect(r.result.history.cost.length).toBe(r.result.iterations + 2); // two runs, each with its start
      if (offset) expect(Math.abs(r.bias - 1)).toBeLessThanOrEqual(1e-2);
    }
  }, 60_000);
});
