import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { gemv } from "../../src/kernels/blas/gemv.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { brockett } from "../../src/problems/brockett.js";
import type { Problem } from "../../src/problems/problem.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { rankOneFactorization, symmetricFactorization } from "../../src/problems/symmetric-factorization.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { bestRankDistance, column as col, distanceUpToSign as distUpToSign, eigenFactor, randomPsd, randomSymmetric, slowed } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** f(x) = ½xᵀAx − bᵀx on ℝⁿ with A = GGᵀ/n + shift·I positive definite (cond ≈ 4/shift + 1). */
function quadratic(n: number, seed: number, shift = 1): Problem<Float64Array> {
  const A = randomPsd(n, seed);
  for (let i = 0; i < n; i++) A.data[i * n + i] += shift;
  const b = new Rng(seed + 1).normalArray(n);
  const grad = (x: Float64Array): Float64Array => gemv(A, x).map((v, i) => v - b[i]);
  return {
    manifold: euclidean(n),
    cost: (x) => {
      const ax = gemv(A, x);
      let s = 0;
      for (let i = 0; i < n; i++) s += 0.5 * x[i] * ax[i] - b[i] * x[i];
      return s;
    },
    egrad: grad,
    ehessVec: (_x, u) => gemv(A, u),
  };
}

describe("trustRegions", () => {
  test("Rayleigh quotient (n = 50): the bottom eigenvector, with superlinear local convergence", async () => {
    const n = 50;
    const A = randomSymmetric(n, 3);
    const { values, vectors } = eigh(A);
    const result = await trustRegions(rayleighQuotient(A), undefined, { gradientTolerance: 1e-11, seed: 5 });
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.converged).toBe(true);
    // sin∠(x, v₁) ≤ ‖grad‖/(λ₂ − λ₁) (Davis–Kahan): ≤ 1e-11/gap, well below 1e-10 for gap ≳ 0.1.
    expect(values[1] - values[0]).toBeGreaterThan(0.1);
    expect(distUpToSign(result.point, col(vectors, 0))).toBeLessThan(1e-10);
    // f − λ₁ = Σ_{i>1}(λᵢ − λ₁)cᵢ² ≤ (λ_n − λ₁)·sin²: rounding level.
    expect(Math.abs(result.cost - values[0])).toBeLessThan(1e-13 * Math.abs(values[0]));
    // Superlinear convergence: over the last accepted iterates with ‖g‖ above the rounding floor
    // (1e-12), the ratios qₖ = ‖gₖ₊₁‖/‖gₖ‖ strictly shrink and the estimated order
    // log qₖ₊₁ / log qₖ is ≥ 1.5 (θ = 1 gives order 2 in theory, ABG 2007 Thm 4.13; a linearly
    // convergent method has constant ratios and order 1).
    const g = Array.from(result.history.gradientNorm).filter((v, i) => result.history.step[i] > 0 || i === 0);
    const tail = g.filter((v) => v < 1e-1 && v > 1e-12);
    expect(tail.length).toBeGreaterThanOrEqual(3);
    for (let k = 0; k + 2 < tail.length; k++) {
      const q0 = tail[k + 1] / tail[k];
      const q1 = tail[k + 2] / tail[k + 1];
      expect(q1).toBeLessThan(q0);
      expect(Math.log(q1) / Math.log(q0)).toBeGreaterThan(1.5);
    }
    expect(result.history.cost.length).toBe(result.iterations + 1);
  });

  test("Rayleigh quotient with |f| ≈ 1e3 near the minimizer: ρ's roundoff regularization keeps accepting steps", async () => {
    // With A + 1000·I, f ≈ 1e3 carries rounding errors ~1e-13·n while the reductions from a start
    // 1e-7 away from v₁ are ~1e-14: unregularized, ρ would be noise of either sign (half the
    // steps rejected, the radius shrinking); with the offset max(1, |f|)·1e3·ε ≈ 2e-10 added to
    // both reductions, ρ ≈ 1 and every iteration is accepted until ‖grad‖ ≤ 1e-12.
    const n = 30;
    const A = randomSymmetric(n, 9);
    for (let i = 0; i < n; i++) A.data[i * n + i] += 1000;
    const { vectors } = eigh(A);
    for (let seed = 0; seed < 10; seed++) {
      const w = new Rng(seed).normalArray(n);
      const x0 = col(vectors, 0).map((v, i) => v + 1e-7 * w[i]);
      const norm = Math.hypot(...x0);
      const result = await trustRegions(rayleighQuotient(A), x0.map((v) => v / norm), { gradientTolerance: 1e-12, seed });
      expect(result.reason).toBe("gradient-tolerance");
      expect(result.history.step.subarray(1).every((s) => s > 0)).toBe(true);
      expect(distUpToSign(result.point, col(vectors, 0))).toBeLessThan(1e-11);
    }
  });

  test("Brockett on St(20, 3): the eigenvectors of the 3 smallest eigenvalues, cost Σ(k−j+1)λⱼ", async () => {
    const n = 20;
    const k = 3;
    const A = randomSymmetric(n, 4);
    const { values, vectors } = eigh(A);
    const gradientTolerance = 1e-10;
    const result = await trustRegions(brockett(A, k), undefined, { gradientTolerance, seed: 1 });
    expect(result.reason).toBe("gradient-tolerance");
    let optimum = 0;
    for (let j = 0; j < k; j++) optimum += (k - j) * values[j];
    // Rounding of a sum of size ~Σ|terms|; the cost error at a critical point is O(‖g‖²).
    expect(Math.abs(result.cost - optimum)).toBeLessThan(1e-12 * (Math.abs(optimum) + 10));
    // At the minimizer the Hessian's eigenvalues are 2(Nᵢ − Nⱼ)(λⱼ − λᵢ) and 2Nⱼ(λₗ − λⱼ), l > k,
    // all ≥ μ = 2·min gap among λ₁…λ_{k+1}; each column is within ‖g‖/μ of ±vⱼ (factor 10 spare).
    let gap = Infinity;
    for (let j = 0; j < k; j++) gap = Math.min(gap, values[j + 1] - values[j]);
    for (let j = 0; j < k; j++) {
      expect(distUpToSign(col(result.point, j), col(vectors, j))).toBeLessThan((10 * gradientTolerance) / (2 * gap));
    }
  });

  describe("saddle escape on ¼‖X − uuᵀ‖² (n = 20)", () => {
    const n = 20;
    const gradientTolerance = 1e-9;
    /** ‖u − (±√λ₁v₁)‖/√λ₁ and the bound it must meet: ‖Δu‖ ≤ ‖g‖/μ with μ = λ₁ − λ₂ the smallest
     *  Hessian eigenvalue at the minimizer (eigenvalues 2λ₁ and λ₁ − λᵢ), factor 10 spare. */
    function check(X: Matrix, u: Float64Array): void {
      const { values, vectors } = eigh(X);
      const l1 = values[n - 1];
      const err = distUpToSign(u, col(vectors, n - 1, Math.sqrt(l1))) / Math.sqrt(l1);
      expect(err).toBeLessThan((10 * gradientTolerance) / ((l1 - values[n - 2]) * Math.sqrt(l1)));
    }

    test("from exact strict saddles ±√λᵢvᵢ (i ≥ 2), 20 of 20 seeds", async () => {
      for (let seed = 0; seed < 20; seed++) {
        const X = randomPsd(n, 100 + seed);
        const { values, vectors } = eigh(X);
        const i = seed % (n - 1); // ascending order: columns 0 … n−2 are the saddles
        const u0 = col(vectors, i, (seed % 2 ? -1 : 1) * Math.sqrt(values[i]));
        const p = rankOneFactorization(X);
        expect(Math.hypot(...p.egrad(u0))).toBeLessThan(1e-12); // started at a critical point
        const result = await trustRegions(p, u0, { gradientTolerance, seed });
        expect(result.reason).toBe("gradient-tolerance");
        expect(result.iterations).toBeGreaterThan(0);
        check(X, result.point);
      }
    });

    test("from random starts, 20 of 20 seeds", async () => {
      for (let seed = 0; seed < 20; seed++) {
        const X = randomPsd(n, 200 + seed);
        const result = await trustRegions(rankOneFactorization(X), undefined, { gradientTolerance, seed });
        expect(result.reason).toBe("gradient-tolerance");
        check(X, result.point);
      }
    });

    test("secondOrder: false stops at once at the saddle (a first-order point)", async () => {
      const X = randomPsd(n, 300);
      const { values, vectors } = eigh(X);
      const u0 = col(vectors, n - 2, Math.sqrt(values[n - 2]));
      const result = await trustRegions(rankOneFactorization(X), u0, { gradientTolerance, secondOrder: false });
      expect(result.reason).toBe("gradient-tolerance");
      expect(result.iterations).toBe(0);
      expect(result.point).toBe(u0);
      expect(result.evaluations.hessian).toBe(0);
    });
  });

  test("rank 3 (¼‖X − UUᵀ‖², n = 20) from the saddle [√λ₁v₁, √λ₂v₂, √λ₄v₄]: UUᵀ = the best rank-3 approximation", async () => {
    const n = 20;
    const r = 3;
    const X = randomPsd(n, 400);
    const { values, vectors } = eigh(X);
    const U0 = eigenFactor(values, vectors, [1, 2, 4]);
    const p = symmetricFactorization(X, r);
    expect(Math.hypot(...p.egrad(U0).data)).toBeLessThan(1e-12);
    const gradientTolerance = 1e-9;
    const result = await trustRegions(p, U0, { gradientTolerance, seed: 3 });
    expect(result.reason).toBe("gradient-tolerance");
    // Best rank-3 approximation X₃ = Σ_{k≤3} λₖvₖvₖᵀ (Eckart–Young).
    const { error, size } = bestRankDistance(result.point, values, vectors, 3);
    // Off the rotation orbit the Hessian at the minimizer is ≥ μ = λ₃ − λ₄, so ‖ΔU‖ ≤ ‖g‖/μ and
    // ‖Δ(UUᵀ)‖ ≤ 2‖U‖₂‖ΔU‖ ≤ 2√λ₁‖g‖/μ (factor 10 spare). The saddle itself is off by ~λ₃ − λ₄.
    const mu = values[n - 3] - values[n - 4];
    expect(error).toBeLessThan((10 * 2 * Math.sqrt(values[n - 1]) * gradientTolerance) / mu);
    expect(error / size).toBeLessThan(1e-7);
  });

  test("stop reasons: max-iterations, callback, max-time, step-too-small; rejected iterations are recorded", async () => {
    const p = rayleighQuotient(randomSymmetric(40, 6));
    const few = await trustRegions(p, undefined, { maxIterations: 3, gradientTolerance: 0 });
    expect(few.reason).toBe("max-iterations");
    expect(few.iterations).toBe(3);
    expect(few.history.step.length).toBe(4);
    expect(few.converged).toBe(false);
    const seen: number[] = [];
    const cb = await trustRegions(p, undefined, { gradientTolerance: 0, onIteration: (info) => (seen.push(info.iteration), info.iteration === 4 ? "stop" : undefined) });
    expect(cb.reason).toBe("callback");
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    const timed = await trustRegions(slowed(p, 1, "cost"), undefined, { gradientTolerance: 0, maxIterations: 1e9, maxTime: 30 });
    expect(timed.reason).toBe("max-time");
    expect(timed.time).toBeGreaterThanOrEqual(30);
    // A cost 1e3 higher everywhere but at x0 (more than any decrease, |f| ≤ ‖A‖₂ ≈ 13): every step is rejected
    // and the radius shrinks ×¼ from maxRadius/8 until it is below 1e-14·maxRadius:
    // 4ᵏ > 1.25e13 first for k = 22.
    const x0 = new Float64Array(40);
    x0[0] = 1;
    const jump: Problem<Float64Array> = { ...p, cost: (x) => p.cost(x) + (x === x0 ? 0 : 1e3) };
    const stuck = await trustRegions(jump, x0);
    expect(stuck.reason).toBe("step-too-small");
    expect(stuck.iterations).toBe(22);
    expect(Array.from(stuck.history.step)).toEqual(new Array(23).fill(0));
    expect(stuck.point).toBe(x0);
  });

  test("abort: during a long truncated-CG solve, and with an already aborted signal", async () => {
    // Each Hessian product takes 2 ms, the radius is large and cond(A) ≈ 4e3 with κ = 1e-14, so
    // the first inner solve needs ~n = 200 CG steps (≥ 400 ms). The abort must take effect in the
    // middle of that solve (no outer iteration recorded), within a few yield intervals.
    const p = slowed(quadratic(200, 7, 1e-3), 2, "ehessVec");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const aborted = await trustRegions(p, new Float64Array(200), { maxRadius: 1e6, initialRadius: 1e6, kappa: 1e-14, gradientTolerance: 0, signal: controller.signal });
    expect(aborted.reason).toBe("aborted");
    expect(aborted.iterations).toBe(0);
    expect(aborted.evaluations.hessian).toBeGreaterThan(0); // it was inside the inner solve
    expect(aborted.time).toBeLessThan(20 + 200); // slack for timer delays on a loaded machine
    const before = new AbortController();
    before.abort();
    const none = await trustRegions(quadratic(10, 1), undefined, { signal: before.signal });
    expect(none.reason).toBe("aborted");
    expect(none.iterations).toBe(0);
  });

  test("a positive definite quadratic is solved by one Newton step (tCG to the residual tolerance)", async () => {
    const p = quadratic(30, 2);
    const result = await trustRegions(p, new Float64Array(30), { maxRadius: 1e3, initialRadius: 1e3, kappa: 1e-10, gradientTolerance: 1e-8 });
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.iterations).toBe(1);
  });

  test("bad options, a problem without ehessVec, a bad start: errors before any work; no wasm leak", async () => {
    const p = rayleighQuotient(randomSymmetric(5, 7));
    const live = runtime().arena.stats().buffersLive;
    const bad: [object, RegExp][] = [
      [{ maxIterations: -1 }, /invalid maxIterations: .*-1/],
      [{ maxRadius: -1 }, /invalid maxRadius: .*-1/],
      [{ maxRadius: 0 }, /invalid maxRadius: .*> 0, got 0/],
      [{ initialRadius: 10, maxRadius: 1 }, /invalid initialRadius: .*got 10/],
      [{ acceptanceRatio: 0.3 }, /invalid acceptanceRatio: .*got 0.3/],
      [{ kappa: 1 }, /invalid kappa: .*got 1/],
      [{ theta: -1 }, /invalid theta: .*-1/],
      [{ maxInnerIterations: 0 }, /invalid maxInnerIterations: .*got 0/],
      [{ secondOrder: "yes" }, /invalid secondOrder: .*"yes"/],
      [{ lanczosSteps: 0 }, /invalid lanczosSteps: .*got 0/],
      [{ curvatureTolerance: NaN }, /invalid curvatureTolerance: .*NaN/],
      [{ foo: 1 }, /foo/],
    ];
    for (const [options, message] of bad) await expect(trustRegions(p, undefined, options as never)).rejects.toThrow(message);
    let calls = 0;
    const noHessian: Problem<Float64Array> = { manifold: p.manifold, cost: (x) => (calls++, p.cost(x)), egrad: (x) => (calls++, p.egrad(x)) };
    await expect(trustRegions(noHessian)).rejects.toThrow(/ehessVec/);
    expect(calls).toBe(0);
    await expect(trustRegions(p, new Float64Array(4))).rejects.toThrow(RangeError);
    const boom = trustRegions(p, undefined, { onIteration: (info) => { if (info.iteration === 2) throw new Error("boom"); } });
    await expect(boom).rejects.toThrow("boom");
    for (let i = 0; i < 20; i++) await trustRegions(p, undefined, { seed: i, maxIterations: 50 });
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
