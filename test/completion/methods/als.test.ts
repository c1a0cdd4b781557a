import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { randomLowRank } from "../../../src/data/lowrank.js";
import type { Matrix } from "../../../src/matrix.js";
import type { Observed } from "../../../src/completion/observed.js";
import { matrixCompletion, type FactorPoint } from "../../../src/completion/problem.js";
import { relativeError } from "../../../src/symmetry/product-error.js";
import {
  lowRankInstance, spectralStart, expectMethodStops, slowCallback, fullyObserved, scaledColumns, randomStart, imbalance,
  factorMethod,
} from "./recovery.js";

const completeAls = factorMethod("als");

beforeAll(async () => {
  await init();
});

/** The entries of `o` for which `keep(i, j, k)` holds (k counts the entries kept before in row i). */
function filtered(o: Observed, keep: (i: number, j: number) => boolean): Observed {
  const idx: number[] = [];
  for (let k = 0; k < o.row.length; k++) if (keep(o.row[k], o.col[k])) idx.push(k);
  return {
    rows: o.rows, cols: o.cols,
    row: Int32Array.from(idx, (k) => o.row[k]), col: Int32Array.from(idx, (k) => o.col[k]),
    value: Float64Array.from(idx, (k) => o.value[k]),
  };
}

/** Keeps only the first `count` entries of row i (or, with `column`, of column i). */
function thinned(o: Observed, i: number, count: number, column = false): Observed {
  let seen = 0;
  return filtered(o, (a, b) => ((column ? b : a) === i ? seen++ < count : true));
}

const norm = (a: Float64Array): number => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

describe("completeAls", () => {
  test("exact recovery, 100×80, rank 3, 35% observed, noiseless: spectral and small random starts", async () => {
    // Near the minimum (strongly convex modulo GL(3) under incoherence), ‖UVᵀ − M‖_F ≲
    // ‖∇F‖/(p·σ_min) with p = 0.35 and σ_min of order 0.5·‖M‖_F/√3 here, so a gradient below 1e-12
    // puts the relative error orders of magnitude below 1e-8.
    for (let seed = 1; seed <= 4; seed++) {
      const { truth, observed } = lowRankInstance(100, 80, 3, 0.35, seed, { condition: 2 });
      const starts = [spectralStart(observed, 3), randomStart(100, 80, 3, seed, 1e-3)];
      for (const start of starts) {
        const fit = await completeAls(observed, { rank: 3, lambda: 0, ...start, gradientTolerance: 1e-12 });
        expect(fit.result.reason).toBe("gradient-tolerance");
        expect(fit.result.converged).toBe(true);
        expect(relativeError(fit.U, fit.V, truth.U, truth.V)).toBeLessThan(1e-8);
        expect([fit.U.rows, fit.U.cols, fit.V.rows, fit.V.cols]).toEqual([100, 3, 80, 3]);
      }
    }
  });

  test("the issue's size: 500×500, rank 5, 20% observed, noiseless, reaches relative error < 1e-6", async () => {
    // Measured: 14 sweeps from the spectral start to ‖∇F‖ < 1e-10 on each of seeds 1–10 (relative
    // error 0.7–3e-10; ≈ 25 ms per run on the shared machine, after a ≈ 0.5 s dense spectral start).
    // One seed here to keep the suite fast.
    const { truth, observed } = lowRankInstance(500, 500, 5, 0.2, 1);
    const fit = await completeAls(observed, { rank: 5, lambda: 0, ...spectralStart(observed, 5), gradientTolerance: 1e-10 });
    expect(fit.result.reason).toBe("gradient-tolerance");
    expect(fit.result.iterations).toBeLessThan(40);
    expect(relativeError(fit.U, fit.V, truth.U, truth.V)).toBeLessThan(1e-6);
  });

  test("the objective decreases every sweep; the recorded gradient norm is ‖∇F‖ and tends to 0", async () => {
    const { observed } = lowRankInstance(60, 50, 3, 0.4, 5, { noise: 1e-2 });
    const lambda = 0.05;
    const fit = await completeAls(observed, { rank: 3, lambda, ...randomStart(60, 50, 3, 5, 1), gradientTolerance: 1e-9, costTolerance: 0, maxIterations: 500 });
    expect(fit.result.reason).toBe("gradient-tolerance");
    const { cost, gradientNorm } = fit.result.history;
    // Exact block minimization never increases F; the computed F can rise by its rounding,
    // a few ulps of the data term summed over |Ω| ≈ 1200 terms: 1e-12 relative is generous.
    for (let k = 1; k < cost.length; k++) expect(cost[k]).toBeLessThanOrEqual(cost[k - 1] * (1 + 1e-12));
    expect(gradientNorm[gradientNorm.length - 1]).toBeLessThanOrEqual(1e-9);
    expect(gradientNorm[gradientNorm.length - 1]).toBeLessThan(1e-6 * gradientNorm[0]);

    // Against the problem's own gradient, at the start (both blocks) and after a few sweeps
    // (V just minimized: ∇_V F = 0 up to the rounding of the solves).
    const start = randomStart(60, 50, 3, 6, 1);
    const seen: FactorPoint[] = [];
    const few = await completeAls(observed, { rank: 3, lambda, ...start, maxIterations: 3, onIteration: (info) => void seen.push(info.point) });
    using problem = matrixCompletion(observed, { rank: 3, lambda });
    const at0 = problem.costAndGrad(seen[0]);
    expect(few.result.history.cost[0]).toBeCloseTo(at0.cost, 12);
    const g0 = Math.hypot(norm(at0.egrad[0].data), norm(at0.egrad[1].data));
    expect(Math.abs(few.result.history.gradientNorm[0] - g0)).toBeLessThan(1e-12 * g0);
    const at3 = problem.costAndGrad([few.U, few.V]);
    expect(Math.abs(few.result.cost - at3.cost)).toBeLessThan(1e-12 * at3.cost);
    const gU = norm(at3.egrad[0].data);
    // Both sides compute R·V + λU by the same kernels (summed in another order): rounding only.
    expect(Math.abs(few.result.gradientNorm - gU)).toBeLessThan(1e-10 * gU);
    // The normal equations are solved backward stably: the residual is ≈ ε·‖Σ UᵢUᵢᵀ + λI‖·‖V‖.
    expect(norm(at3.egrad[1].data)).toBeLessThan(1e-12 * (1 + norm(few.U.data) ** 2) * norm(few.V.data));
  });

  test("λ > 0 on a fully observed matrix: the soft-thresholded SVD, balanced factors", async () => {
    // min ½‖UVᵀ − M‖² + (λ/2)(‖U‖² + ‖V‖²) = min ½‖Z − M‖² + λ‖Z‖_*: Z = Σ max(σᵢ − λ, 0)·pᵢqᵢᵀ
    // (Cai, Candès & Shen 2010), with U = P·diag(√(σ − λ)), V = Q·diag(√(σ − λ)).
    const sigma = [5, 4, 3, 1, 0.5, 0.2];
    const M = randomLowRank(20, 15, 6, { seed: 4, singularValues: sigma, dense: true });
    const lambda = 2;
    const shrunk = [3, 2, 1];
    const Ustar = scaledColumns(M.left, shrunk), Vstar = scaledColumns(M.right, shrunk);
    for (let seed = 1; seed <= 3; seed++) {
      // Rank 4 > 3 surviving values: the extra column must vanish.
      const start = randomStart(20, 15, 4, seed, 0.3);
      const fit = await completeAls(fullyObserved(M.matrix as Matrix), { rank: 4, lambda, ...start, gradientTolerance: 1e-10, costTolerance: 0, maxIterations: 2000 });
      expect(fit.result.reason).toBe("gradient-tolerance");
      const { cost } = fit.result.history;
      for (let k = 1; k < cost.length; k++) expect(cost[k]).toBeLessThanOrEqual(cost[k - 1] * (1 + 1e-12));
      // Strongly convex modulo rotations with curvature ≥ min(σ₃ − λ, λ − σ₄) = 1: the distance
      // is ≲ ‖∇F‖ = 1e-10, relative to ‖Z‖_F ≈ 3.7.
      expect(relativeError(fit.U, fit.V, Ustar, Vstar)).toBeLessThan(1e-8);
      expect(imbalance(fit.U, fit.V)).toBeLessThan(1e-8);
    }
  });

  test("stop reasons and the iteration callback pass through", async () => {
    const { few, base } = await expectMethodStops(completeAls);
    expect(few.result.evaluations).toEqual({ cost: 4, gradient: 4, hessian: 0 });
    const { observed } = lowRankInstance(40, 30, 2, 0.5, 3);
    // Aborted (between sweeps or between the half-steps of one, with yieldInterval 0 both yield):
    // the result is the last recorded sweep.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 15);
    let last: FactorPoint | undefined;
    const aborted = await completeAls(observed, {
      ...base, maxIterations: 1e9, signal: controller.signal, yieldInterval: 0,
      onIteration: (info) => {
        last = info.point;
        slowCallback();
      },
    });
    expect(aborted.result.reason).toBe("aborted");
    expect(aborted.result.history.cost.length).toBe(aborted.result.iterations + 1);
    expect(aborted.U).toBe(last?.[0]);
    expect(aborted.V).toBe(last?.[1]);
    // An abort that lands between the two half-steps of sweep 2: a signal that reads as aborted
    // from its third read after sweep 1 was recorded (the pause after that record reads it up to
    // twice, the pause between the half-steps next). Without that pause the run would record
    // sweep 2 first. The result is sweep 1, the last recorded point.
    let reads = -Infinity;
    const signal = { get aborted() { return ++reads >= 3; } } as AbortSignal;
    const points: FactorPoint[] = [];
    const midSweep = await completeAls(observed, {
      ...base, maxIterations: 1e9, signal,
      onIteration: (info) => {
        points.push(info.point);
        if (info.iteration === 1) reads = 0;
      },
    });
    expect(midSweep.result.reason).toBe("aborted");
    expect(midSweep.result.iterations).toBe(1);
    expect(points.length).toBe(2);
    expect(midSweep.U).toBe(points[1][0]);
    // The caller's start factors are not written to.
    expect(base.U0.data).toEqual(spectralStart(observed, 2).U0.data);
  });

  test("max-time on a bigger problem without a callback", async () => {
    const { observed } = lowRankInstance(300, 300, 5, 0.3, 2);
    const fit = await completeAls(observed, { rank: 5, lambda: 0, ...randomStart(300, 300, 5, 2, 1), gradientTolerance: 0, costTolerance: 0, maxIterations: 1e9, maxTime: 200 });
    expect(fit.result.reason).toBe("max-time");
    expect(fit.result.iterations).toBeGreaterThan(0);
  });

  test("λ = 0 with too few entries in a row or column is rejected before any work; empty ones get zero factors", async () => {
    const { observed } = lowRankInstance(40, 30, 3, 0.5, 8);
    const start = randomStart(40, 30, 3, 8, 1);
    const live = runtime().arena.stats().buffersLive;
    await expect(completeAls(thinned(observed, 7, 2), { rank: 3, lambda: 0, ...start }))
      .rejects.toThrow(/invalid lambda: row 7 has 2 observed entries, fewer than rank = 3.*use lambda > 0/);
    await expect(completeAls(thinned(observed, 4, 1, true), { rank: 3, lambda: 0, ...start }))
      .rejects.toThrow(/invalid lambda: column 4 has 1 observed entry, fewer than rank = 3/);
    expect(runtime().arena.stats().buffersLive).toBe(live);
    // λ > 0 regularizes the same data.
    const ridge = await completeAls(thinned(observed, 7, 2), { rank: 3, lambda: 1e-3, ...start, maxIterations: 5 });
    expect(ridge.result.reason).toBe("max-iterations");

    // Row 5 and column 4 without entries (start factors nonzero there): zero after the fit, also
    // with λ = 0 (the minimum-norm choice: F does not depend on them).
    const holes = filtered(observed, (i, j) => i !== 5 && j !== 4);
    for (const lambda of [0, 0.1]) {
      const fit = await completeAls(holes, { rank: 3, lambda, ...start, maxIterations: 3 });
      expect(Array.from(fit.U.data.subarray(15, 18))).toEqual([0, 0, 0]);
      expect(Array.from(fit.V.data.subarray(12, 15))).toEqual([0, 0, 0]);
      expect(norm(fit.U.data)).toBeGreaterThan(0);
    }
  });

  test("bad options are rejected before work; no arena leak after many fits, a throw or an abort", async () => {
    const { observed } = lowRankInstance(30, 20, 2, 0.5, 9);
    const base = { rank: 2, lambda: 0, ...spectralStart(observed, 2) };
    const live = runtime().arena.stats().buffersLive;
    await expect(completeAls(observed, { ...base, rank: 0 })).rejects.toThrow(/invalid rank: .*got 0/);
    await expect(completeAls(observed, { ...base, lambda: -1 })).rejects.toThrow(/invalid lambda: .*-1/);
    await expect(completeAls(observed, { ...base, U0: base.V0 })).rejects.toThrow(/invalid init\.U: expected a 30×2 matrix/);
    await expect(completeAls(observed, { ...base, balance: 1 } as never)).rejects.toThrow(/unknown option balance/);
    await expect(completeAls(observed, { ...base, maxIterations: -1 })).rejects.toThrow(/invalid maxIterations/);
    await expect(completeAls({ ...observed, row: observed.col }, base)).rejects.toThrow(/invalid observed/);
    // Throws during the run: from the callback, and a singular row system (V0 = 0 with λ = 0).
    await expect(completeAls(observed, { ...base, onIteration: () => { throw new Error("boom"); } })).rejects.toThrow("boom");
    const zeroV = { ...base.V0, data: new Float64Array(base.V0.data.length) };
    await expect(completeAls(observed, { ...base, V0: zeroV })).rejects.toThrow(/invalid lambda: row 0 \(\d+ entries\) gives a singular .* use lambda > 0/);
    // Y = 0 on Ω: the U half-step gives U = 0, so the V half-step's systems are all singular.
    const zeros = { ...observed, value: new Float64Array(observed.value.length) };
    await expect(completeAls(zeros, base)).rejects.toThrow(/invalid lambda: column 0 \(\d+ entries\) gives a singular/);
    const controller = new AbortController();
    controller.abort();
    const aborted = await completeAls(observed, { ...base, signal: controller.signal });
    expect(aborted.result.reason).toBe("aborted");
    expect(aborted.result.iterations).toBe(0);
    for (let i = 0; i < 20; i++) await completeAls(observed, { ...base, maxIterations: 5 });
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
