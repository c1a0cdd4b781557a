import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { randomLowRank } from "../../../src/data/lowrank.js";
import { uniformMask } from "../../../src/data/masks.js";
import { observedFromFactors } from "../../../src/completion/from-factors.js";
import type { Observed } from "../../../src/completion/observed.js";
import { svd } from "../../../src/kernels/linalg/svd.js";
import type { Matrix } from "../../../src/matrix.js";
import { relativeError } from "../../../src/symmetry/product-error.js";
import { softImpute } from "./recovery.js";
import { Rng } from "../../../src/data/rng.js";
import { frob, gaussian, minus, times, timesT, transposed } from "../../symmetry/fixtures.js";

beforeAll(async () => {
  await init();
});

/** Entries of the rank-r truth at a uniform mask, optionally with noise. */
function problem(m: number, n: number, r: number, fraction: number, noise = 0, seed = 1) {
  const truth = randomLowRank(m, n, r, { seed, condition: 2 });
  const mask = uniformMask(m, n, fraction, seed + 1);
  const row: number[] = [], col: number[] = [];
  for (let k = 0; k < m * n; k++) if (mask[k]) { row.push(Math.floor(k / n)); col.push(k % n); }
  const observed = observedFromFactors(truth.U, truth.V, { row: Int32Array.from(row), col: Int32Array.from(col) }, { noise, seed: seed + 2 });
  return { truth, observed };
}

/** P_Ω(Y − Z) as a dense matrix. */
function residualMatrix(observed: Observed, Z: Matrix): Matrix {
  const R = new Float64Array(observed.rows * observed.cols);
  for (let k = 0; k < observed.row.length; k++) {
    const p = observed.row[k] * observed.cols + observed.col[k];
    R[p] = observed.value[k] - Z.data[p];
  }
  return { rows: observed.rows, cols: observed.cols, data: R };
}

/** The leading `r` columns. */
function cols(A: Matrix, r: number): Matrix {
  const data = new Float64Array(A.rows * r);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < r; j++) data[i * r + j] = A.data[i * A.cols + j];
  return { rows: A.rows, cols: r, data };
}

describe("softImpute", () => {
  test("wasm memory growing during the setup (views detached) is handled", async () => {
    // First in this file, in a fresh worker, with data built in plain JS: for this size (1000×1000,
    // ≈ 10⁵ entries, a deterministic Lehmer generator) the allocation of the observed values' copy
    // grows wasm memory, which detached a view taken before it (a bug found at 10⁴×10⁴).
    let seed = 1;
    const uniform = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const row: number[] = [], col: number[] = [], value: number[] = [];
    for (let i = 0; i < 1000; i++) for (let j = 0; j < 1000; j++) if (uniform() < 0.1) { row.push(i); col.push(j); value.push(Math.sin(i) * Math.cos(j)); }
    const observed = { rows: 1000, cols: 1000, row: Int32Array.from(row), col: Int32Array.from(col), value: Float64Array.from(value) };
    const before = runtime().arena.stats().memoryBytes;
    const fit = await softImpute(observed, { rank: 2, lambda: 0.01, path: [0.01], maxIterations: 1 });
    expect(runtime().arena.stats().memoryBytes).toBeGreaterThan(before);
    expect(fit.result.reason).toBe("max-iterations");
    // sin(i)·cos(j) is rank 1: one soft-impute step from 0 already has rank ≥ 1.
    expect(fit.path[0].rank).toBeGreaterThanOrEqual(1);
  });

  test("converges to the nuclear-norm optimum: the subgradient conditions hold (60×50, rank 3, 40 %, noisy)", async () => {
    const { observed } = problem(60, 50, 3, 0.4, 0.003);
    const lambda = 0.05;
    const fit = await softImpute(observed, { rank: 10, lambda, path: { count: 3 }, gradientTolerance: 1e-10, maxIterations: 5000 });
    expect(fit.result.reason).toBe("gradient-tolerance");
    expect(fit.U.cols).toBe(10);
    const Z = timesT(fit.U, fit.V);
    const z = svd(Z);
    const r = z.S.filter((s) => s > 1e-10 * z.S[0]).length;
    expect(r).toBe(fit.path[fit.path.length - 1].rank);
    expect(r).toBeLessThan(10); // below the rank cap: the steps were exact S_λ, so this is the convex optimum
    const Uz = cols(z.U, r), Vz = cols(z.V, r);
    const R = residualMatrix(observed, Z);
    // Optimality of ½‖P_Ω(Z − Y)‖² + λ‖Z‖_*: P_Ω(Y − Z) = λ(U_Z V_Zᵀ + W), ‖W‖₂ ≤ 1, U_ZᵀW = 0, WV_Z = 0.
    // At the returned Z, ‖Z − prox(Z − ∇f)‖_F ≤ 1e-10·‖Z‖_F ≈ 2e-10 (the stopping test), and that
    // mapping's norm bounds the violation of these conditions; relative to λ = 0.05, ≈ 4e-9.
    // 1e-6 leaves room for the inner SVD (residual 1e-11·σ₁) and conditioning constants.
    const tol = 1e-6 * lambda;
    expect(svd(R).S[0]).toBeLessThanOrEqual(lambda + tol);
    expect(frob(minus(times(transposed(Uz), R), { rows: r, cols: 50, data: transposed(Vz).data.map((v) => lambda * v) }).data)).toBeLessThan(tol);
    expect(frob(minus(times(R, Vz), { rows: 60, cols: r, data: Uz.data.map((v) => lambda * v) }).data)).toBeLessThan(tol);
    // The reported cost is the objective at Z.
    const nuclear = z.S.reduce((s, x) => s + x, 0);
    expect(Math.abs(fit.result.cost - (0.5 * frob(R.data) ** 2 + lambda * nuclear))).toBeLessThan(1e-12);
    // The plain iteration (no momentum) reaches the same optimum, decreasing monotonically at fixed λ
    // (proximal gradient with step 1 = 1/L) up to rounding, in more steps than the accelerated one.
    const plain = await softImpute(observed, { rank: 10, lambda, path: { count: 3 }, gradientTolerance: 1e-10, maxIterations: 5000, acceleration: false });
    expect(plain.result.reason).toBe("gradient-tolerance");
    expect(Math.abs(plain.result.cost - fit.result.cost)).toBeLessThan(1e-10 * fit.result.cost);
    expect(fit.result.iterations).toBeLessThan(0.8 * plain.result.iterations);
    const h = plain.result.history;
    expect(h.cost.length).toBe(plain.result.iterations + 1);
    let start = 0;
    for (const entry of plain.path) {
      for (let i = start + 1; i < start + entry.iterations; i++) expect(h.cost[i]).toBeLessThanOrEqual(h.cost[i - 1] * (1 + 1e-12));
      start += entry.iterations;
    }
  });

  test("along the default path a noiseless 200×200 rank-5 30 % problem is recovered to 1e-3", async () => {
    const { truth, observed } = problem(200, 200, 5, 0.3);
    const fit = await softImpute(observed, { rank: 10, lambda: 1e-4, path: { count: 6 }, gradientTolerance: 1e-5 });
    expect(fit.result.reason).toBe("gradient-tolerance");
    const error = relativeError(fit.U, fit.V, truth.U, truth.V);
    // The nuclear-norm bias is ≈ λ·√r / σ_min relative (λ = 1e-4, σ_min = 0.5): ≈ 5e-4.
    expect(error).toBeLessThan(1e-3);
    expect(fit.path.length).toBe(6);
    for (let j = 1; j < fit.path.length; j++) {
      expect(fit.path[j].lambda).toBeLessThan(fit.path[j - 1].lambda);
      expect(fit.path[j].trainRmse).toBeLessThan(fit.path[j - 1].trainRmse);
      expect(fit.path[j].converged).toBe(true);
    }
    // Rank ≥ 5 (a tail of the size of the stopping tolerance may still sit just above λ) and below the cap.
    expect(fit.path[fit.path.length - 1].rank).toBeGreaterThanOrEqual(5);
    expect(fit.path[fit.path.length - 1].rank).toBeLessThan(10);
    expect(fit.path[fit.path.length - 1].lambda).toBe(1e-4);
  });

  test("warm start at the solution stops at once; λ ≥ λ_max gives Z = 0; the rank cap is respected", async () => {
    const { observed } = problem(40, 30, 3, 0.5, 0.001, 5);
    const first = await softImpute(observed, { rank: 8, lambda: 0.02, path: { count: 3 }, gradientTolerance: 1e-9, maxIterations: 5000 });
    const again = await softImpute(observed, { rank: 8, lambda: 0.02, path: [0.02], U0: first.U, V0: first.V, gradientTolerance: 1e-8 });
    expect(again.result.iterations).toBe(0);
    expect(again.result.reason).toBe("gradient-tolerance");
    const zero = await softImpute(observed, { rank: 4, lambda: 1e3 });
    expect(zero.path).toHaveLength(1);
    expect(zero.path[0].rank).toBe(0);
    expect(zero.U.data.every((v) => v === 0)).toBe(true);
    expect(zero.U.cols).toBe(4);
    const capped = await softImpute(observed, { rank: 2, lambda: 0.02, path: { ratio: 0.2 }, gradientTolerance: 1e-6 });
    expect(capped.path.every((e) => e.rank <= 2)).toBe(true);
    expect(capped.path[capped.path.length - 1].rank).toBe(2);
    // A start of higher rank than the cap is truncated to it.
    const rng = new Rng(3);
    const wide = await softImpute(observed, { rank: 2, lambda: 0.02, path: [0.02], U0: gaussian(rng, 40, 5), V0: gaussian(rng, 30, 5), maxIterations: 3 });
    expect(wide.U.cols).toBe(2);
    expect(wide.path[0].rank).toBeLessThanOrEqual(2);
  });

  test("stop reasons: max-iterations, callback, max-time, aborted; no wasm leak, also when the callback throws", async () => {
    const { observed } = problem(40, 30, 3, 0.5, 0.001, 7);
    const live = runtime().arena.stats().buffersLive;
    const base = { rank: 6, lambda: 0.01, gradientTolerance: 0 };
    const capped = await softImpute(observed, { ...base, maxIterations: 7 });
    expect(capped.result.reason).toBe("max-iterations");
    expect(capped.result.iterations).toBe(7);
    expect(capped.path.reduce((s, e) => s + e.iterations, 0)).toBe(8); // 8 recorded points, each with its step
    const seen: number[] = [];
    const stopped = await softImpute(observed, { ...base, onIteration: (info) => (seen.push(info.iteration), info.iteration === 3 ? "stop" : undefined) });
    expect(stopped.result.reason).toBe("callback");
    expect(seen).toEqual([0, 1, 2, 3]);
    expect((await softImpute(observed, { ...base, maxTime: 0 })).result.reason).toBe("max-time");
    const controller = new AbortController();
    const aborted = await softImpute(observed, { ...base, signal: controller.signal, onIteration: (info) => { if (info.iteration === 2) controller.abort(); } });
    expect(aborted.result.reason).toBe("aborted");
    expect(aborted.result.iterations).toBe(2);
    await expect(softImpute(observed, { ...base, onIteration: () => { throw new Error("boom"); } })).rejects.toThrow("boom");
    // A timer aborts a long run: the run yields to the event loop every yieldInterval ms, so it
    // stops within one step (a few ms here) of the abort; 1 s of slack for a loaded machine.
    const timed = new AbortController();
    setTimeout(() => timed.abort(), 30);
    const late = await softImpute(observed, { ...base, maxIterations: 1e9, signal: timed.signal });
    expect(late.result.reason).toBe("aborted");
    expect(late.result.time).toBeLessThan(30 + 1000);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });

  test("bad options are rejected before any work", async () => {
    const { observed, truth } = problem(20, 15, 2, 0.5);
    const live = runtime().arena.stats().buffersLive;
    const bad: [object, RegExp][] = [
      [{ rank: 0, lambda: 1 }, /invalid rank/],
      [{ rank: 16, lambda: 1 }, /invalid rank/],
      [{ rank: 2, lambda: 0 }, /invalid lambda: soft-impute needs lambda > 0/],
      [{ rank: 2, lambda: NaN }, /invalid lambda/],
      [{ rank: 2, lambda: 1, path: { count: 0 } }, /invalid path\.count/],
      [{ rank: 2, lambda: 1, path: { count: 2, ratio: 0.5 } }, /exactly one of count and ratio/],
      [{ rank: 2, lambda: 1, path: { ratio: 1 } }, /invalid path\.ratio/],
      [{ rank: 2, lambda: 1, path: [1, -1] }, /invalid path\[1\]/],
      [{ rank: 2, lambda: 1, path: "geometric" }, /invalid path/],
      [{ rank: 2, lambda: 1, U0: truth.U }, /invalid init\.V/],
      [{ rank: 2, lambda: 1, U0: truth.V, V0: truth.V }, /invalid init\.U: expected a 20×c matrix/],
      [{ rank: 2, lambda: 1, maxIterations: -1 }, /invalid maxIterations/],
      [{ rank: 2, lambda: 1, tolerance: 1 }, /tolerance/],
      [{ rank: 2, lambda: 1, acceleration: 1 }, /invalid acceleration: expected a boolean, got 1/],
    ];
    for (const [options, message] of bad) await expect(softImpute(observed, options as never)).rejects.toThrow(message);
    await expect(softImpute({ ...observed, row: new Int32Array(0), col: new Int32Array(0), value: new Float64Array(0) }, { rank: 1, lambda: 1 })).rejects.toThrow(/at least one/);
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
