import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { randomLowRank } from "../../../src/data/lowrank.js";
import type { Matrix } from "../../../src/matrix.js";
import { relativeError } from "../../../src/symmetry/product-error.js";
import { lowRankInstance, spectralStart, expectMethodStops, fullyObserved, scaledColumns, randomStart, factorMethod } from "./recovery.js";

const completeRiemannian = factorMethod("riemannian");

beforeAll(async () => {
  await init();
});

describe("completeRiemannian", () => {
  test("exact recovery with trust regions and with RGD: 100×80, rank 3, 35% observed, noiseless", async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { truth, observed } = lowRankInstance(100, 80, 3, 0.35, seed, { condition: 2 });
      const start = spectralStart(observed, 3);
      // The default balancing weight β = p, and the plain factored cost (β = 0) once.
      type Run = readonly ["trust-regions" | "gradient-descent", number | undefined];
      const runs: Run[] = [["trust-regions", undefined], ["gradient-descent", undefined]];
      if (seed === 1) runs.push(["trust-regions", 0]);
      for (const [solver, balance] of runs) {
        const fit = await completeRiemannian(observed, { rank: 3, lambda: 0, ...start, solver, balance, gradientTolerance: 1e-9, maxIterations: 2000 });
        expect(fit.result.reason, solver).toBe("gradient-tolerance");
        // ‖UVᵀ − M‖ ≲ ‖∇F‖/(p·σ_min) ≈ 1e-9/0.17 ≪ 1e-6·‖M‖ (as for gd).
        expect(relativeError(fit.U, fit.V, truth.U, truth.V), solver).toBeLessThan(1e-6);
        if (solver === "trust-regions") {
          // Superlinear: a handful of outer iterations, each a truncated-CG solve.
          expect(fit.result.iterations).toBeLessThan(40);
          expect(fit.result.evaluations.hessian).toBeGreaterThan(0);
        }
      }
    }
  });

  test("exact recovery with trust regions from a small random start", async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { truth, observed } = lowRankInstance(100, 80, 3, 0.35, seed, { condition: 2 });
      const fit = await completeRiemannian(observed, { rank: 3, lambda: 0, ...randomStart(100, 80, 3, seed, 0.1), gradientTolerance: 1e-9, seed });
      expect(fit.result.reason).toBe("gradient-tolerance");
      expect(relativeError(fit.U, fit.V, truth.U, truth.V)).toBeLessThan(1e-6);
    }
  });

  test("λ > 0 on a fully observed matrix from a random start: the soft-thresholded SVD", async () => {
    // As in the gd test: Z = Σ max(σᵢ − λ, 0)·pᵢqᵢᵀ, curvature ≥ min(σ₃ − λ, λ − σ₄) = 1 modulo rotations.
    const M = randomLowRank(20, 15, 6, { seed: 4, singularValues: [5, 4, 3, 1, 0.5, 0.2], dense: true });
    const observed = fullyObserved(M.matrix as Matrix);
    const Ustar = scaledColumns(M.left, [3, 2, 1]), Vstar = scaledColumns(M.right, [3, 2, 1]);
    for (let seed = 1; seed <= 3; seed++) {
      const fit = await completeRiemannian(observed, { rank: 4, lambda: 2, gradientTolerance: 1e-10, seed, ...randomStart(20, 15, 4, seed, 0.3) });
      expect(fit.result.reason).toBe("gradient-tolerance");
      expect(relativeError(fit.U, fit.V, Ustar, Vstar)).toBeLessThan(1e-8);
    }
  });

  test("stop reasons pass through; bad options; no arena leak", async () => {
    const { observed } = lowRankInstance(40, 30, 2, 0.5, 3);
    const base = { rank: 2, lambda: 0, ...spectralStart(observed, 2), gradientTolerance: 0 };
    const live = runtime().arena.stats().buffersLive;
    await expectMethodStops(completeRiemannian);
    const cb = await completeRiemannian(observed, { ...base, solver: "gradient-descent", onIteration: (i) => i.iteration < 3 });
    expect(cb.result.reason).toBe("callback");
    expect(cb.result.iterations).toBe(3);
    const controller = new AbortController();
    controller.abort();
    expect((await completeRiemannian(observed, { ...base, signal: controller.signal })).result.reason).toBe("aborted");
    await expect(completeRiemannian(observed, { ...base, solver: "newton" as never })).rejects.toThrow(/invalid solver: .*"newton"/);
    await expect(completeRiemannian(observed, { ...base, balance: -1 })).rejects.toThrow(/invalid balance: .*-1/);
    await expect(completeRiemannian(observed, { ...base, initialRadius: 1 } as never)).rejects.toThrow(/unknown option initialRadius/);
    await expect(completeRiemannian(observed, { ...base, V0: base.U0 })).rejects.toThrow(/invalid init\.V: expected a 30×2 matrix/);
    await expect(completeRiemannian(observed, { ...base, maxIterations: 3, onIteration: () => { throw new Error("boom"); } })).rejects.toThrow("boom");
    for (let i = 0; i < 10; i++) await completeRiemannian(observed, { ...base, maxIterations: 2 });
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
