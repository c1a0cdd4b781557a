import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { randomLowRank } from "../../../src/data/lowrank.js";
import type { Matrix } from "../../../src/matrix.js";
import { relativeError } from "../../../src/symmetry/product-error.js";
import { lowRankInstance, spectralStart, expectMethodStops, fullyObserved, scaledColumns, randomStart, imbalance, factorMethod } from "./recovery.js";

const completeGd = factorMethod("gd");

beforeAll(async () => {
  await init();
});

function scaled(F: Matrix, c: number): Matrix {
  return { ...F, data: F.data.map((v) => v * c) };
}

describe("completeGd", () => {
  test("exact recovery from a spectral start: 100×80, rank 3, 35% observed, noiseless", async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const { truth, observed } = lowRankInstance(100, 80, 3, 0.35, seed, { condition: 2 });
      const fit = await completeGd(observed, { rank: 3, lambda: 0, ...spectralStart(observed, 3), gradientTolerance: 1e-9, maxIterations: 2000 });
      expect(fit.result.reason).toBe("gradient-tolerance");
      // Near the (locally strongly convex modulo symmetry) minimum, ‖UVᵀ − M‖ ≲ ‖∇F‖/(p·σ_min)
      // ≈ 1e-9/0.17, far below 1e-6·‖M‖ (‖M‖_F ≈ 1.2).
      expect(relativeError(fit.U, fit.V, truth.U, truth.V)).toBeLessThan(1e-6);
      expect(fit.U.rows).toBe(100);
      expect(fit.V.rows).toBe(80);
    }
  });

  test("exact recovery from a small random start (gradient descent leaves the saddle at 0)", async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { truth, observed } = lowRankInstance(100, 80, 3, 0.35, seed, { condition: 2 });
      const fit = await completeGd(observed, { rank: 3, lambda: 0, ...randomStart(100, 80, 3, seed, 0.1), gradientTolerance: 1e-9, maxIterations: 3000 });
      expect(fit.result.reason).toBe("gradient-tolerance");
      expect(relativeError(fit.U, fit.V, truth.U, truth.V)).toBeLessThan(1e-6);
    }
  });

  test("with noise, the error is proportional to the noise level", async () => {
    // The same seed draws the same noise vector, scaled by σ. Near the truth the minimizer moves
    // linearly with the noise (a nondegenerate least-squares problem modulo symmetry), with a
    // second-order term O(σ²/σ_min): σ × 100 gives error × 100 to within far less than 5%. The
    // gradient tolerance 1e-12 is far below either error.
    const errors: number[] = [];
    for (const noise of [1e-6, 1e-4]) {
      const { truth, observed } = lowRankInstance(100, 80, 3, 0.35, 2, { noise });
      const fit = await completeGd(observed, { rank: 3, lambda: 0, ...spectralStart(observed, 3), gradientTolerance: 1e-12, maxIterations: 3000 });
      expect(fit.result.converged).toBe(true);
      errors.push(relativeError(fit.U, fit.V, truth.U, truth.V));
    }
    expect(errors[1] / errors[0]).toBeGreaterThan(100 / 1.05);
    expect(errors[1] / errors[0]).toBeLessThan(100 * 1.05);
  });

  test("the default balancing term recovers from an unbalanced start where β = 0 stalls", async () => {
    // (U0·5, V0/5): the same product, factors 25× out of balance. The data term's gradient flow
    // conserves UᵀU − VᵀV, so without the term GD keeps the bad scaling and crawls.
    const { truth, observed } = lowRankInstance(100, 80, 3, 0.35, 7, { condition: 3 });
    const { U0, V0 } = spectralStart(observed, 3);
    const options = { rank: 3, lambda: 0, U0: scaled(U0, 5), V0: scaled(V0, 1 / 5), gradientTolerance: 1e-9, maxIterations: 1000 };
    const balanced = await completeGd(observed, options);
    expect(balanced.result.reason).toBe("gradient-tolerance");
    expect(relativeError(balanced.U, balanced.V, truth.U, truth.V)).toBeLessThan(1e-6);
    expect(imbalance(balanced.U, balanced.V)).toBeLessThan(1e-6);
    const plain = await completeGd(observed, { ...options, balance: 0 });
    expect(plain.result.reason).toBe("max-iterations");
    expect(relativeError(plain.U, plain.V, truth.U, truth.V)).toBeGreaterThan(1e-3);
  });

  test("λ > 0 on a fully observed matrix: the soft-thresholded SVD, balanced factors", async () => {
    // min ½‖UVᵀ − M‖² + (λ/2)(‖U‖² + ‖V‖²) = min ½‖Z − M‖² + λ‖Z‖_*: Z = Σ max(σᵢ − λ, 0)·pᵢqᵢᵀ
    // (Cai, Candès & Shen 2010), reached with U = P·diag(√(σ − λ)), V = Q·diag(√(σ − λ)).
    const sigma = [5, 4, 3, 1, 0.5, 0.2];
    const M = randomLowRank(20, 15, 6, { seed: 4, singularValues: sigma, dense: true });
    const lambda = 2;
    const shrunk = [3, 2, 1];
    const Ustar = scaledColumns(M.left, shrunk), Vstar = scaledColumns(M.right, shrunk);
    for (let seed = 1; seed <= 3; seed++) {
      // Rank 4 > 3 surviving values, from a small random start: the extra column must vanish.
      const start = randomStart(20, 15, 4, seed, 0.3);
      const fit = await completeGd(fullyObserved(M.matrix as Matrix), { rank: 4, lambda, ...start, gradientTolerance: 1e-10, maxIterations: 5000 });
      expect(fit.result.reason).toBe("gradient-tolerance");
      expect(fit.result.gradientNorm).toBeLessThanOrEqual(1e-10);
      // The minimum is strongly convex modulo rotations with curvature ≥ min(σ₃ − λ, λ − σ₄) = 1:
      // the distance is ≲ ‖∇F‖ / 1 = 1e-10, relative to ‖Z‖_F ≈ 3.7.
      expect(relativeError(fit.U, fit.V, Ustar, Vstar)).toBeLessThan(1e-8);
      expect(imbalance(fit.U, fit.V)).toBeLessThan(1e-8);
    }
  });

  test("stop reasons and the iteration callback pass through", async () => {
    const { base } = await expectMethodStops(completeGd);
    const { observed } = lowRankInstance(40, 30, 2, 0.5, 3);
    // The caller's start factors are not written to.
    const { U0 } = spectralStart(observed, 2);
    expect(base.U0.data).toEqual(U0.data);
  });

  test("bad options are rejected before work; no arena leak after many fits, a throw or an abort", async () => {
    const { observed } = lowRankInstance(30, 20, 2, 0.5, 9);
    const base = { rank: 2, lambda: 0, ...spectralStart(observed, 2) };
    const live = runtime().arena.stats().buffersLive;
    await expect(completeGd(observed, { ...base, rank: 0 })).rejects.toThrow(/invalid rank: .*got 0/);
    await expect(completeGd(observed, { ...base, lambda: -1 })).rejects.toThrow(/invalid lambda: .*-1/);
    await expect(completeGd(observed, { ...base, balance: -1 })).rejects.toThrow(/invalid balance: .*-1/);
    await expect(completeGd(observed, { ...base, U0: base.V0 })).rejects.toThrow(/invalid init\.U: expected a 30×2 matrix/);
    await expect(completeGd(observed, { ...base, V0: { ...base.V0, data: base.V0.data.map(() => NaN) } })).rejects.toThrow(/invalid init\.V: entry 0 is NaN/);
    await expect(completeGd(observed, { ...base, solver: "x" } as never)).rejects.toThrow(/unknown option solver/);
    await expect(completeGd(observed, { ...base, maxIterations: -1 })).rejects.toThrow(/invalid maxIterations/);
    await expect(completeGd({ ...observed, row: observed.col }, base)).rejects.toThrow(/invalid observed/);
    await expect(completeGd(observed, { ...base, onIteration: () => { throw new Error("boom"); } })).rejects.toThrow("boom");
    const controller = new AbortController();
    controller.abort();
    expect((await completeGd(observed, { ...base, signal: controller.signal })).result.reason).toBe("aborted");
    for (let i = 0; i < 20; i++) await completeGd(observed, { ...base, maxIterations: 5 });
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
