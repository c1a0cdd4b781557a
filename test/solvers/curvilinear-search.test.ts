import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { brockett } from "../../src/problems/brockett.js";
import { symmetricFactorization } from "../../src/problems/symmetric-factorization.js";
import type { Problem } from "../../src/problems/problem.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { bestRankDistance, column, eigenFactor, expectBottomEigenpair, expectCommonStops, expectReachesMinimizer, expectSeedRepeats, expectThrowPropagates, randomPsd, randomSymmetric, rankOneCase } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe("curvilinearSearch", () => {
  test("Rayleigh quotient on the sphere: the eigenvector of the smallest eigenvalue", async () => {
    const A = randomSymmetric(40, 3);
    const { values, vectors } = eigh(A);
    const result = await curvilinearSearch(rayleighQuotient(A), undefined, { gradientTolerance: 1e-9, seed: 5 });
    expect(result.reason).toBe("gradient-tolerance");
    expectBottomEigenpair(result, values, vectors);
    // Second-order stopping: the final point was checked by Lanczos (≥ one Hessian-vector product).
    expect(result.evaluations.hessian).toBeGreaterThan(0);
  });

  test("Brockett on Stiefel: the k smallest eigenvectors, in order, up to sign", async () => {
    const n = 12;
    const k = 3;
    const A = randomSymmetric(n, 8);
    const { values, vectors } = eigh(A);
    const result = await curvilinearSearch(brockett(A, k), undefined, { gradientTolerance: 1e-9, maxIterations: 5000, seed: 2 });
    expect(result.reason).toBe("gradient-tolerance");
    let fStar = 0;
    for (let j = 0; j < k; j++) fStar += (k - j) * values[j];
    expect(Math.abs(result.cost - fStar)).toBeLessThan(1e-10 * Math.abs(fStar));
    for (let j = 0; j < k; j++) {
      const overlap = column(result.point, j).reduce((s, x, i) => s + x * vectors.data[i * n + j], 0);
      // sin θⱼ ≲ ‖grad‖/gap with gaps ≥ 0.1 here: 1 − |cos θⱼ| ≤ sin²θⱼ/2 ≪ 1e-10.
      expect(1 - Math.abs(overlap)).toBeLessThan(1e-10);
    }
  });

  test("escapes exact saddles of the rank-one landscape (20 of 20 seeds) and reaches ±√λ₁v₁", async () => {
    await expectReachesMinimizer(curvilinearSearch, "saddle");
  });

  test("from random starts (20 of 20 seeds)", async () => {
    await expectReachesMinimizer(curvilinearSearch, "random");
  });

  test("the first step from a saddle follows the negative curvature direction (closed form)", async () => {
    for (let seed = 0; seed < 5; seed++) {
      const c = rankOneCase(20, seed);
      const result = await curvilinearSearch(c.problem, c.saddle, { gradientTolerance: 1e-8, seed, maxIterations: 1 });
      // At u = √λᵢvᵢ the gradient is 0 and the bottom Hessian eigenvector is v₁ (curvature λᵢ − λ₁);
      // moving by h along ±v₁ changes ¼‖X − uuᵀ‖² by exactly ½h²(λᵢ − λ₁) + ¼h⁴. A gradient step
      // would not move at all (g ≈ 1e-15), and a unit direction w at an angle θ from v₁ would change
      // the cost by ½h²⟨w, Hess w⟩ + O(h³), off by ½h²·sin²θ·γ to second order (γ the Hessian's
      // gap above λ_min): matching to 1e-9 with h > 0.01 pins sin θ below ≈ 1e-3/√γ — d was used.
      const h = result.history.step[1];
      expect(h).toBeGreaterThan(0.01);
      const change = result.history.cost[1] - result.history.cost[0];
      expect(change).toBeCloseTo(0.5 * h * h * c.lambdaMin + 0.25 * h ** 4, 9);
    }
    // Without the second-order machinery the same start is accepted at once.
    const c = rankOneCase(20, 0);
    const first = await curvilinearSearch(c.problem, c.saddle, { gradientTolerance: 1e-8, secondOrder: false });
    expect(first.iterations).toBe(0);
    expect(first.point).toBe(c.saddle);
  });

  test("rank-3 factorization from the saddle [√λ₁v₁, √λ₂v₂, √λ₄v₄] reaches the best rank-3 approximation", async () => {
    const n = 15;
    const X = randomPsd(n, 77);
    const { values, vectors } = eigh(X);
    const U0 = eigenFactor(values, vectors, [1, 2, 4]); // λ₃ > λ₄ > 0 skipped
    const problem = symmetricFactorization(X, 3);
    expect(Math.hypot(...problem.egrad(U0).data)).toBeLessThan(1e-12);
    const result = await curvilinearSearch(problem, U0, { gradientTolerance: 1e-9, seed: 3 });
    expect(result.reason).toBe("gradient-tolerance");
    // The optimum is ¼Σ_{j>3} λⱼ² (Eckart–Young); near it the cost error is O(‖grad‖²/(λ₃ − λ₄)): roundoff here.
    let fStar = 0;
    for (let j = 0; j < n - 3; j++) fStar += values[j] ** 2 / 4;
    expect(Math.abs(result.cost - fStar)).toBeLessThan(1e-12 * fStar + 1e-14);
    // ‖UUᵀ − X₃‖ ≲ ‖grad‖·‖U‖/(λ₃ − λ₄) ≈ 1e-8 relative at most here.
    const { error, size } = bestRankDistance(result.point, values, vectors, 3);
    expect(error / size).toBeLessThan(1e-7);
  });

  test("stop reasons: max-iterations, callback, max-time, aborted", async () => {
    await expectCommonStops(curvilinearSearch);
  });

  test("the curvature policy: curvatureRatio 1 checks every iteration, 0 only at the start and the tolerance", async () => {
    const p = rayleighQuotient(randomSymmetric(30, 9));
    const steps = 10;
    const every = await curvilinearSearch(p, undefined, { curvatureRatio: 1, lanczosSteps: steps, maxIterations: 20, gradientTolerance: 0 });
    // Lanczos at the start and after each of iterations 1…19; the run stops at iteration 20 before checking it.
    expect(every.evaluations.hessian).toBe(steps * 20);
    const rare = await curvilinearSearch(p, undefined, { curvatureRatio: 0, lanczosSteps: steps, gradientTolerance: 1e-8 });
    expect(rare.reason).toBe("gradient-tolerance");
    expect(rare.evaluations.hessian).toBe(2 * steps); // the start and the final point
  });

  test("seeds repeat exactly; bad options named; Hessian required unless secondOrder is false; no wasm leak", async () => {
    const c = rankOneCase(12, 4);
    await expectSeedRepeats(curvilinearSearch, c);

    const live = runtime().arena.stats().buffersLive;
    const p = c.problem;
    await expect(curvilinearSearch(p, undefined, { maxIterations: -1 })).rejects.toThrow(/invalid maxIterations: .*-1/);
    await expect(curvilinearSearch(p, undefined, { contraction: 1 })).rejects.toThrow(/invalid contraction: .*1/);
    await expect(curvilinearSearch(p, undefined, { sufficientDecrease: 2 })).rejects.toThrow(/invalid sufficientDecrease: .*2/);
    await expect(curvilinearSearch(p, undefined, { curvatureRatio: 1.5 })).rejects.toThrow(/invalid curvatureRatio: .*1\.5/);
    await expect(curvilinearSearch(p, undefined, { curvatureTolerance: -1 })).rejects.toThrow(/invalid curvatureTolerance: .*-1/);
    await expect(curvilinearSearch(p, undefined, { lanczosSteps: 0 })).rejects.toThrow(/invalid lanczosSteps: .*0/);
    await expect(curvilinearSearch(p, undefined, { maxBacktracks: 0.5 })).rejects.toThrow(/invalid maxBacktracks: .*0\.5/);
    await expect(curvilinearSearch(p, undefined, { foo: 1 } as never)).rejects.toThrow(/foo/);
    await expect(curvilinearSearch(p, new Float64Array(3))).rejects.toThrow(RangeError);
    const noHessian: Problem<Float64Array> = { manifold: p.manifold, cost: p.cost, egrad: p.egrad };
    await expect(curvilinearSearch(noHessian)).rejects.toThrow(/ehessVec/);
    expect((await curvilinearSearch(noHessian, undefined, { secondOrder: false, gradientTolerance: 1e-8 })).reason).toBe("gradient-tolerance");
    await expectThrowPropagates(curvilinearSearch, p);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
