import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { gaussianOperator, type GaussianOperator } from "../../src/sensing/gaussian-operator.js";
import { senseLowRank } from "../../src/sensing/sense-low-rank.js";
import { relativeError } from "../../src/symmetry/product-error.js";

beforeAll(async () => {
  await init();
});

interface Instance {
  op: GaussianOperator;
  y: Float64Array;
  U: Matrix;
  V: Matrix;
}

/** X = U·Vᵀ (V = U when symmetric) with Gaussian factors, measured by a seeded Gaussian operator. */
function instance(m: number, n: number, r: number, count: number, symmetric: boolean, seed: number): Instance {
  const rng = new Rng(seed);
  const U = { rows: m, cols: r, data: rng.normalArray(m * r) };
  const V = symmetric ? U : { rows: n, cols: r, data: rng.normalArray(n * r) };
  const op = gaussianOperator([m, n], count, { seed: 1000 + seed, symmetric });
  return { op, y: op.applyFactored(U, V), U, V };
}

// Recovery tolerance: near the solution the gradient norm g bounds the factor distance by g/μ,
// with μ ≳ (1 − δ)·σ_r(X) the local strong convexity of these landscapes modulo rotations (Tu et
// al. 2016; Ge, Jin & Zheng 2017). With Gaussian factors σ_r(X) and ‖X‖_F are of order n ≈ 30–40,
// so g ≤ 1e-10 gives a relative error around 1e-12, far below the 1e-8 asked for.
const SOLVE = { gradientTolerance: 1e-10, maxIterations: 500 };

describe("senseLowRank", () => {
  test("symmetric PSD, n = 40, r = 2, count = 6rn = 480 (dof nr − r(r−1)/2 = 79): exact recovery from spectral and random starts", async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { op, y, U } = instance(40, 40, 2, 480, true, seed);
      for (const init of ["spectral", "random"] as const) {
        const fit = await senseLowRank(y, { operator: op, rank: 2, init, seed, ...SOLVE });
        expect(fit.result.reason).toBe("gradient-tolerance");
        expect(fit.V).toBe(fit.U);
        expect(relativeError(fit.U, fit.U, U, U)).toBeLessThan(1e-8);
        expect(fit.residualNorm).toBeLessThan(1e-8 * Math.hypot(...y));
      }
      op.dispose();
    }
  });

  test("general 30×25, r = 2, count = 360 (dof r(m + n − r) = 106): exact recovery from spectral and random starts", async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const { op, y, U, V } = instance(30, 25, 2, 360, false, seed);
      for (const init of ["spectral", "random"] as const) {
        const fit = await senseLowRank(y, { operator: op, rank: 2, init, seed, ...SOLVE });
        expect(fit.result.reason).toBe("gradient-tolerance");
        expect(relativeError(fit.U, fit.V, U, V)).toBeLessThan(1e-8);
      }
      op.dispose();
    }
  });

  test("gradient descent recovers too (linear convergence, more iterations); given start factors are used", async () => {
    const sym = instance(40, 40, 2, 480, true, 4);
    const gd = await senseLowRank(sym.y, { operator: sym.op, rank: 2, method: "gradient-descent", init: "random", seed: 2, gradientTolerance: 1e-10, maxIterations: 2000 });
    expect(gd.result.reason).toBe("gradient-tolerance");
    expect(relativeError(gd.U, gd.U, sym.U, sym.U)).toBeLessThan(1e-8);
    sym.op.dispose();
    const gen = instance(30, 25, 2, 360, false, 4);
    const rng = new Rng(9);
    const U0 = { rows: 30, cols: 2, data: rng.normalArray(60) };
    const V0 = { rows: 25, cols: 2, data: rng.normalArray(50) };
    const seen: number[] = [];
    const fit = await senseLowRank(gen.y, {
      operator: gen.op, rank: 2, method: "gradient-descent", init: { U0, V0 }, gradientTolerance: 1e-10, maxIterations: 3000,
      onIteration: (info) => void seen.push(info.cost),
    });
    expect(fit.result.reason).toBe("gradient-tolerance");
    expect(relativeError(fit.U, fit.V, gen.U, gen.V)).toBeLessThan(1e-8);
    // the run started at the given factors: cost of (U0, V0) is iteration 0's
    const p0 = await senseLowRank(gen.y, { operator: gen.op, rank: 2, init: { U0, V0 }, maxIterations: 0 });
    expect(p0.result.cost).toBe(seen[0]);
    expect(Array.from(p0.U.data)).toEqual(Array.from(U0.data));
    gen.op.dispose();
  });

  test("too few measurements (count < degrees of freedom): the data are fitted but X is not recovered", async () => {
    // Below the dimension of the rank-r variety, {Z of rank ≤ r : 𝒜(Z) = y} is a set of positive
    // dimension (≥ dof − count) through X, so the solver stops at some other point of it: the
    // residual goes to 0 while the error stays of order one. The same seeds with enough
    // measurements recover X (tests above).
    for (let seed = 1; seed <= 3; seed++) {
      for (const [m, n, count, symmetric] of [[40, 40, 60, true], [30, 25, 80, false]] as const) {
        const { op, y, U, V } = instance(m, n, 2, count, symmetric, seed);
        const fit = await senseLowRank(y, { operator: op, rank: 2, seed, ...SOLVE });
        expect(fit.residualNorm).toBeLessThan(1e-6 * Math.hypot(...y));
        expect(relativeError(fit.U, fit.V, U, V)).toBeGreaterThan(0.1);
        op.dispose();
      }
    }
  });

  test("abort passes through: an aborted signal stops with reason \"aborted\"", async () => {
    const { op, y } = instance(30, 25, 2, 360, false, 5);
    const controller = new AbortController();
    controller.abort();
    const before = await senseLowRank(y, { operator: op, rank: 2, signal: controller.signal, gradientTolerance: 0 });
    expect(before.result.reason).toBe("aborted");
    for (const method of ["trust-regions", "gradient-descent"] as const) {
      const mid = new AbortController();
      const fit = await senseLowRank(y, {
        operator: op, rank: 2, method, init: "random", gradientTolerance: 0, signal: mid.signal,
        onIteration: (info) => void (info.iteration === 2 && mid.abort()),
      });
      expect(fit.result.reason).toBe("aborted");
      expect(fit.result.iterations).toBe(2);
    }
    op.dispose();
  });

  test("no arena leak after many solves and after a throw", async () => {
    const { op, y } = instance(20, 20, 2, 200, false, 6); // a general square operator serves both problems
    const live = runtime().arena.stats().buffersLive;
    for (let i = 0; i < 12; i++) {
      await senseLowRank(y, {
        operator: op, rank: 2, symmetric: i % 2 === 0, init: i % 3 === 0 ? "spectral" : "random", seed: i,
        method: i % 4 < 2 ? "trust-regions" : "gradient-descent", maxIterations: 20,
      });
    }
    expect(runtime().arena.stats().buffersLive).toBe(live);
    await expect(senseLowRank(y, {
      operator: op, rank: 2, onIteration: (info) => {
        if (info.iteration === 1) throw new Error("boom");
      },
    })).rejects.toThrow("boom");
    expect(runtime().arena.stats().buffersLive).toBe(live);
    op.dispose();
  });

  test("bad arguments are rejected before any work, naming the argument", async () => {
    const op = gaussianOperator([5, 4], 30);
    const sq = gaussianOperator([4, 4], 30);
    const symOp = gaussianOperator([4, 4], 30, { symmetric: true });
    const y = new Float64Array(30).fill(1);
    const bad = (measurements: Float64Array, options: object): Promise<unknown> => senseLowRank(measurements, options as never);
    await expect(bad(y, { rank: 1 })).rejects.toThrow("invalid operator: expected a GaussianOperator");
    await expect(bad(new Float64Array(29), { operator: op, rank: 1 })).rejects.toThrow("invalid measurements: expected length 30, got length 29");
    await expect(bad(y.map((v, i) => (i === 3 ? Infinity : v)), { operator: op, rank: 1 })).rejects.toThrow("invalid measurements: entry 3 is Infinity");
    await expect(bad([1] as unknown as Float64Array, { operator: op, rank: 1 })).rejects.toThrow(TypeError);
    await expect(bad(y, { operator: op, rank: 5 })).rejects.toThrow("invalid rank: expected an integer in [1, 4], got 5");
    await expect(bad(y, { operator: op, rank: 0 })).rejects.toThrow("invalid rank");
    await expect(bad(y, { operator: op, rank: 1, symmetric: true })).rejects.toThrow("invalid operator: the symmetric problem needs a square operator");
    await expect(bad(y, { operator: symOp, rank: 1, symmetric: false })).rejects.toThrow("invalid symmetric: a symmetric operator measures only (X + Xᵀ)/2");
    await expect(bad(y, { operator: op, rank: 1, method: "als" })).rejects.toThrow("invalid method");
    await expect(bad(y, { operator: op, rank: 1, init: "zeros" })).rejects.toThrow("invalid init");
    await expect(bad(y, { operator: op, rank: 1, init: { U0: { rows: 5, cols: 2, data: new Float64Array(10) }, V0: { rows: 4, cols: 1, data: new Float64Array(4) } } })).rejects.toThrow("invalid init.U0: expected a 5×1 matrix, got a 5×2 matrix");
    await expect(bad(y, { operator: op, rank: 1, init: { U0: { rows: 5, cols: 1, data: new Float64Array(5) } } })).rejects.toThrow("invalid init.V0");
    await expect(bad(y, { operator: sq, rank: 1, symmetric: true, init: { U0: { rows: 4, cols: 1, data: new Float64Array(4) }, V0: null } })).rejects.toThrow("V0");
    await expect(bad(y, { operator: op, rank: 1, lambda: -0.5 })).rejects.toThrow("invalid lambda: expected a finite number ≥ 0, got -0.5");
    await expect(bad(y, { operator: op, rank: 1, maxIterations: -1 })).rejects.toThrow("invalid maxIterations");
    await expect(bad(y, { operator: op, rank: 1, gradientTolerance: NaN })).rejects.toThrow("invalid gradientTolerance");
    await expect(bad(y, { operator: op, rank: 1, tolerance: 1 })).rejects.toThrow("tolerance");
    await expect(bad(y, null as never)).rejects.toThrow("invalid options");
    op.dispose();
    sq.dispose();
    symOp.dispose();
    await expect(bad(y, { operator: op, rank: 1 })).rejects.toThrow("invalid operator: it was disposed");
  });
});
