import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { rankOneFactorization } from "../../src/problems/symmetric-factorization.js";
import type { Problem } from "../../src/problems/problem.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";

beforeAll(async () => {
  await init();
});

function randomSymmetric(n: number, seed: number): Matrix {
  const g = new Rng(seed).normalArray(n * n);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (g[i * n + j] + g[j * n + i]) / 2;
  return { rows: n, cols: n, data };
}

/** X = GGᵀ/n (G Gaussian): PSD with distinct eigenvalues almost surely; symmetrized exactly. */
function randomPsd(n: number, seed: number): Matrix {
  const G: Matrix = { rows: n, cols: n, data: new Rng(seed).normalArray(n * n) };
  const X = gemm(G, G, { transB: true, alpha: 1 / n });
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) X.data[i * n + j] = X.data[j * n + i];
  return X;
}

const scaled = (v: Float64Array, a: number): Float64Array => v.map((x) => a * x);
const distance = (a: Float64Array, b: Float64Array): number => Math.hypot(...a.map((x, i) => x - b[i]));

/**
 * The rank-one landscape WITHOUT its Hessian (PGD must not need it), its minimizer u* = √λ₁v₁ and the
 * strict saddle √λᵢvᵢ, i = 2 + seed mod (n − 1) (eigh is ascending: v₁ is the last column). The Hessian
 * at u* has eigenvalues 2λ₁ and λ₁ − λⱼ: μ = λ₁ − λ₂ is its smallest, and ‖u − u*‖ ≤ ‖grad‖/μ near u*.
 */
function rankOneCase(n: number, seed: number): { problem: Problem<Float64Array>; saddle: Float64Array; minimizer: Float64Array; mu: number } {
  const X = randomPsd(n, 1000 + seed);
  const { values, vectors } = eigh(X);
  const col = (j: number): Float64Array => Float64Array.from({ length: n }, (_, i) => vectors.data[i * n + j]);
  const i = n - 2 - (seed % (n - 1));
  const { ehessVec: _unused, ...firstOrder } = rankOneFactorization(X);
  return {
    problem: firstOrder,
    saddle: scaled(col(i), Math.sqrt(values[i])),
    minimizer: scaled(col(n - 1), Math.sqrt(values[n - 1])),
    mu: values[n - 1] - values[n - 2],
  };
}

function expectAtMinimizer(point: Float64Array, minimizer: Float64Array, bound: number): void {
  expect(Math.min(distance(point, minimizer), distance(point, scaled(minimizer, -1)))).toBeLessThan(bound);
}

describe("perturbedGradientDescent", () => {
  test("Rayleigh quotient on the sphere: the eigenvector of the smallest eigenvalue, certified", async () => {
    const A = randomSymmetric(40, 3);
    const { values, vectors } = eigh(A);
    const result = await perturbedGradientDescent(rayleighQuotient(A), undefined, { gradientTolerance: 1e-9, seed: 5 });
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.converged).toBe(true);
    // |f − λ₁| ≤ ‖grad‖²/(λ₂ − λ₁) and sin θ ≤ ‖grad‖/(2(λ₂ − λ₁)): roundoff level for this gap.
    expect(Math.abs(result.cost - values[0])).toBeLessThan(1e-12 * Math.abs(values[0]));
    const overlap = result.point.reduce((s, x, i) => s + x * vectors.data[i * 40], 0);
    expect(1 - Math.abs(overlap)).toBeLessThan(1e-12);
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
    const tol = 1e-8;
    for (let seed = 0; seed < 20; seed++) {
      const c = rankOneCase(20, seed);
      expect(c.problem.ehessVec).toBeUndefined();
      expect(c.problem.manifold.norm(c.saddle, c.problem.egrad(c.saddle))).toBeLessThan(1e-12);
      const result = await perturbedGradientDescent(c.problem, c.saddle, { gradientTolerance: tol, seed });
      expect(result.reason).toBe("gradient-tolerance");
      // ‖u − u*‖ ≤ ‖grad‖/μ to first order; a factor 2 for the second-order term.
      expectAtMinimizer(result.point, c.minimizer, (2 * tol) / c.mu);
    }
  });

  test("from random starts (20 of 20 seeds)", async () => {
    const tol = 1e-8;
    for (let seed = 0; seed < 20; seed++) {
      const c = rankOneCase(20, seed);
      const result = await perturbedGradientDescent(c.problem, undefined, { gradientTolerance: tol, seed });
      expect(result.reason).toBe("gradient-tolerance");
      expectAtMinimizer(result.point, c.minimizer, (2 * tol) / c.mu);
    }
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
    const p = rayleighQuotient(randomSymmetric(40, 6));
    const few = await perturbedGradientDescent(p, undefined, { maxIterations: 3, gradientTolerance: 0 });
    expect(few.reason).toBe("max-iterations");
    expect(few.iterations).toBe(3);
    expect(few.converged).toBe(false);
    const seen: number[] = [];
    const cb = await perturbedGradientDescent(p, undefined, { gradientTolerance: 0, onIteration: (info) => (seen.push(info.iteration), info.iteration === 4 ? "stop" : undefined) });
    expect(cb.reason).toBe("callback");
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    // A cost that takes 1 ms per evaluation: far from converged when time runs out.
    const slow: Problem<Float64Array> = {
      ...p,
      cost: (x) => {
        const t = performance.now();
        while (performance.now() - t < 1);
        return p.cost(x);
      },
    };
    const timed = await perturbedGradientDescent(slow, undefined, { gradientTolerance: 0, maxIterations: 1e9, maxTime: 30 });
    expect(timed.reason).toBe("max-time");
    expect(timed.time).toBeGreaterThanOrEqual(30);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const aborted = await perturbedGradientDescent(slow, undefined, { gradientTolerance: 0, maxIterations: 1e9, signal: controller.signal });
    expect(aborted.reason).toBe("aborted");
    expect(aborted.time).toBeLessThan(20 + 200);
  });

  test("seeds repeat exactly; bad options named; no wasm leak, also after a throw", async () => {
    const c = rankOneCase(12, 4);
    const a = await perturbedGradientDescent(c.problem, c.saddle, { seed: 9, gradientTolerance: 1e-10 });
    const b = await perturbedGradientDescent(c.problem, c.saddle, { seed: 9, gradientTolerance: 1e-10 });
    expect(b.point).toEqual(a.point);
    expect(b.history.cost).toEqual(a.history.cost);

    const live = runtime().arena.stats().buffersLive;
    const p = c.problem;
    await expect(perturbedGradientDescent(p, undefined, { maxIterations: -1 })).rejects.toThrow(/invalid maxIterations: .*-1/);
    await expect(perturbedGradientDescent(p, undefined, { stepSize: 0 })).rejects.toThrow(/invalid stepSize: .*0/);
    await expect(perturbedGradientDescent(p, undefined, { perturbationRadius: -1 })).rejects.toThrow(/invalid perturbationRadius: .*-1/);
    await expect(perturbedGradientDescent(p, undefined, { escapeIterations: 0 })).rejects.toThrow(/invalid escapeIterations: .*0/);
    await expect(perturbedGradientDescent(p, undefined, { escapeDecrease: NaN })).rejects.toThrow(/invalid escapeDecrease: .*NaN/);
    await expect(perturbedGradientDescent(p, undefined, { foo: 1 } as never)).rejects.toThrow(/foo/);
    await expect(perturbedGradientDescent(p, new Float64Array(3))).rejects.toThrow(RangeError);
    // An error in the middle of a run (the 5th gradient) propagates and frees every buffer.
    let calls = 0;
    const failing: Problem<Float64Array> = { ...p, costAndGrad: undefined, egrad: (u) => { if (++calls === 5) throw new Error("boom"); return p.egrad(u); } };
    await expect(perturbedGradientDescent(failing, undefined, { gradientTolerance: 0 })).rejects.toThrow("boom");
    for (let i = 0; i < 20; i++) await perturbedGradientDescent(p, undefined, { seed: i, maxIterations: 30 });
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
