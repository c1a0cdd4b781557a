import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { rankOneFactorization } from "../../src/problems/symmetric-factorization.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { distanceUpToSign, expectBottomEigenpair, expectCommonStops, expectReachesMinimizer, expectSeedRepeats, expectThrowPropagates, randomSymmetric, rankOneCase as sharedRankOneCase, type RankOneCase } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The rank-one case WITHOUT its Hessian: PGD must not need it. */
function rankOneCase(n: number, seed: number): RankOneCase {
  const c = sharedRankOneCase(n, seed);
  const { ehessVec: _unused, ...firstOrder } = c.problem;
  return { ...c, problem: firstOrder };
}

function expectAtMinimizer(point: Float64Array, minimizer: Float64Array, bound: number): void {
  expect(distanceUpToSign(point, minimizer)).toBeLessThan(bound);
}

describe("perturbedGradientDescent", () => {
  test("Rayleigh quotient on the sphere: the eigenvector of the smallest eigenvalue, certified", async () => {
    const A = randomSymmetric(40, 3);
    const { values, vectors } = eigh(A);
    const result = await perturbedGradientDescent(rayleighQuotient(A), undefined, { gradientTolerance: 1e-9, seed: 5 });
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.converged).toBe(true);
    expectBottomEigenpair(result, values, vectors);
    // Certification: at least `escapeIterations` (100) steps after the point was first reached, then
    // the unperturbed point recorded again as the last entry.
    expect(result.iterations).toBeGreaterThan(100);
    const h = result.history;
    const last = h.cost.length - 1;
    expect(h.step[last]).toBe(0);
    expect(h.cost[last]).toBe(result.cost);
    expect(result.evaluations.hessian).toBe(0);
  });

  test("escapes exact saddles of the rank-one landscape (20 of 20 seeds) with no Hessian", async () => {
    expect(rankOneCase(20, 0).problem.ehessVec).toBeUndefined();
    await expectReachesMinimizer(perturbedGradientDescent, "saddle", rankOneCase);
  });

  test("from random starts (20 of 20 seeds)", async () => {
    await expectReachesMinimizer(perturbedGradientDescent, "random", rankOneCase);
  });

  test("the perturbation is what escapes: with radius 0 the saddle is returned, certified", async () => {
    // X = diag(d²) with exact squares: at the saddle u = dᵢeᵢ the residual X − uuᵀ is exact, so the
    // gradient is exactly 0 and stays 0 under gradient steps — no rounding error for gradient
    // descent to amplify (at a generic saddle roundoff grows by ≈ 1 + η|λ_min| per step and would
    // eventually escape on its own). Curvature along e₁ is dᵢ² − d₁² < 0: a strict saddle.
    const n = 20;
    const d = Float64Array.from({ length: n }, (_, i) => (n - i) / 4);
    const X: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) X.data[i * n + i] = d[i] * d[i];
    const { ehessVec: _unused, ...problem } = rankOneFactorization(X);
    const minimizer = Float64Array.from({ length: n }, (_, i) => (i === 0 ? d[0] : 0));
    for (const i of [1, 5, 12]) {
      const saddle = Float64Array.from({ length: n }, (_, j) => (j === i ? d[i] : 0));
      expect(Array.from(problem.egrad(saddle)).every((g) => g === 0)).toBe(true);
      const stuck = await perturbedGradientDescent(problem, saddle, { gradientTolerance: 1e-8, seed: i, perturbationRadius: 0 });
      expect(stuck.reason).toBe("gradient-tolerance");
      expect(stuck.point).toBe(saddle);
      // Exactly one escape phase (escapeIterations = 100 steps), then the saddle recorded again.
      expect(stuck.iterations).toBe(101);
      const escaped = await perturbedGradientDescent(problem, saddle, { gradientTolerance: 1e-8, seed: i });
      expect(escaped.reason).toBe("gradient-tolerance");
      // μ = d₁² − d₂² at the minimizer ±d₁e₁.
      expectAtMinimizer(escaped.point, minimizer, (2 * 1e-8) / (d[0] ** 2 - d[1] ** 2));
    }
  });

  test("a fixed step size (the paper's η = c/ℓ) also escapes", async () => {
    const c = rankOneCase(20, 3);
    // ℓ ≤ 3‖u‖² + ‖X‖ on the region visited (‖u‖² ≤ λ₁ ≲ 4 here): η = 0.05 is below 1/ℓ.
    const result = await perturbedGradientDescent(c.problem, c.saddle, { gradientTolerance: 1e-8, stepSize: 0.05, seed: 1 });
    expect(result.reason).toBe("gradient-tolerance");
    expectAtMinimizer(result.point, c.minimizer, (2 * 1e-8) / c.mu);
  });

  test("stop reasons: max-iterations, callback, max-time, aborted", async () => {
    await expectCommonStops(perturbedGradientDescent);
  });

  test("seeds repeat exactly; bad options named; no wasm leak, also after a throw", async () => {
    const c = rankOneCase(12, 4);
    await expectSeedRepeats(perturbedGradientDescent, c);

    const live = runtime().arena.stats().buffersLive;
    const p = c.problem;
    await expect(perturbedGradientDescent(p, undefined, { maxIterations: -1 })).rejects.toThrow(/invalid maxIterations: .*-1/);
    await expect(perturbedGradientDescent(p, undefined, { stepSize: 0 })).rejects.toThrow(/invalid stepSize: .*0/);
    await expect(perturbedGradientDescent(p, undefined, { perturbationRadius: -1 })).rejects.toThrow(/invalid perturbationRadius: .*-1/);
    await expect(perturbedGradientDescent(p, undefined, { escapeIterations: 0 })).rejects.toThrow(/invalid escapeIterations: .*0/);
    await expect(perturbedGradientDescent(p, undefined, { escapeDecrease: NaN })).rejects.toThrow(/invalid escapeDecrease: .*NaN/);
    await expect(perturbedGradientDescent(p, undefined, { foo: 1 } as never)).rejects.toThrow(/foo/);
    await expect(perturbedGradientDescent(p, new Float64Array(3))).rejects.toThrow(RangeError);
    await expectThrowPropagates(perturbedGradientDescent, p);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
