import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { rankOneFactorization } from "../../src/problems/symmetric-factorization.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import type { Problem } from "../../src/problems/problem.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { column, expectBottomEigenpair, expectCommonStops, randomSymmetric } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe("gradientDescent", () => {
  test("finds the eigenvector of the smallest eigenvalue (Rayleigh quotient)", async () => {
    const A = randomSymmetric(30, 3);
    const { values, vectors } = eigh(A);
    const result = await gradientDescent(rayleighQuotient(A), undefined, { gradientTolerance: 1e-9, maxIterations: 20000, seed: 5 });
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.converged).toBe(true);
    expectBottomEigenpair(result, values, vectors);
    expect(result.history.cost.length).toBe(result.iterations + 1);
    for (let i = 1; i < result.history.cost.length; i++) {
      // Armijo: decrease, up to the roundoff slack 1e-12·|f| the line search allows near the minimum.
      expect(result.history.cost[i]).toBeLessThanOrEqual(result.history.cost[i - 1] + 1e-12 * Math.abs(result.history.cost[i - 1]));
    }
  });

  test("reaches 1e-8 where the cost is flat to rounding (f* ≈ 550 on the rank-one landscape)", async () => {
    // X = diag(((20 − i)/4)²): at the minimizer f* = ¼Σ_{i≥1} λᵢ² is large while the decrease per
    // step near it is far below ulp(f*); an exact Armijo test then accepts rounding noise as
    // progress and the step memory cycles (seen: max-iterations at ‖grad‖ ≈ 1e-6).
    const n = 20;
    const X = { rows: n, cols: n, data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) X.data[i * n + i] = ((20 - i) / 4) ** 2;
    for (const seed of [1, 2, 3]) {
      const result = await gradientDescent(rankOneFactorization(X), undefined, { seed, gradientTolerance: 1e-8, maxIterations: 10000 });
      expect(result.reason).toBe("gradient-tolerance");
      expect(Math.abs(Math.abs(result.point[0]) - 5)).toBeLessThan(1e-8);
    }
  });

  test("converges linearly where doubling the step settles at 2/ℓ (Rayleigh quotient of [[2, 1], [1, 2]])", async () => {
    // Hess f at the minimizer is 2(λ₂ − λ₁) = 4 along the circle, so ℓ = 4 and 2/ℓ = 0.5: a memory
    // that doubles accepted steps reached t ≈ 0.5, overshot to nearly the same cost on the other
    // side every step and left ‖grad‖ at 0.04 after 1000 iterations. Linear convergence with rate
    // |1 − t·ℓ| ≤ ½ for t within [1/(2ℓ), 3/(2ℓ)] reaches 1e-10 in a few dozen steps.
    const problem = rayleighQuotient({ rows: 2, cols: 2, data: Float64Array.of(2, 1, 1, 2) });
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = await gradientDescent(problem, undefined, { seed, gradientTolerance: 1e-10, maxIterations: 60 });
      expect(result.reason, `seed ${seed}`).toBe("gradient-tolerance");
      expect(Math.abs(result.cost - 1)).toBeLessThan(1e-15);
    }
  });

  test("stays at a critical point (gradient zero)", async () => {
    const A = randomSymmetric(10, 4);
    const { vectors } = eigh(A);
    const x0 = column(vectors, 5);
    const result = await gradientDescent(rayleighQuotient(A), x0);
    expect(result.iterations).toBe(0);
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.point).toBe(x0);
  });

  test("stop reasons: max-iterations, callback, max-time, aborted; caching", async () => {
    const few = await expectCommonStops(gradientDescent);
    // The gradient of each accepted point is evaluated once, the cost once per trial point.
    expect(few.evaluations.gradient).toBe(few.iterations + 1);
  });

  test("bad options and start point are rejected before work; no wasm leak", async () => {
    const p = rayleighQuotient(randomSymmetric(5, 7));
    const live = runtime().arena.stats().buffersLive;
    await expect(gradientDescent(p, undefined, { maxIterations: -1 })).rejects.toThrow(/invalid maxIterations: .*-1/);
    await expect(gradientDescent(p, undefined, { contraction: 1 })).rejects.toThrow(/invalid contraction/);
    await expect(gradientDescent(p, undefined, { initialStepSize: 0 })).rejects.toThrow(/invalid initialStepSize: .*0/);
    await expect(gradientDescent(p, undefined, { sufficientDecrease: 1 })).rejects.toThrow(/invalid sufficientDecrease: .*1/);
    await expect(gradientDescent(p, undefined, { maxBacktracks: 0 })).rejects.toThrow(/invalid maxBacktracks: .*0/);
    await expect(gradientDescent(p, undefined, { foo: 1 } as never)).rejects.toThrow(/foo/);
    await expect(gradientDescent(p, new Float64Array(4))).rejects.toThrow(RangeError);
    const bad: Problem<Float64Array> = { manifold: sphere(3), cost: () => NaN, egrad: (x) => x.slice() };
    await expect(gradientDescent(bad)).rejects.toThrow(/invalid x0: at the start, cost returned a non-finite value \(NaN\)/);
    for (let i = 0; i < 20; i++) await gradientDescent(p, undefined, { seed: i, maxIterations: 50 });
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
