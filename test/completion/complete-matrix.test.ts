import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { completeMatrix, type CompletionMethod } from "../../src/completion/complete-matrix.js";
import { relativeError } from "../../src/symmetry/product-error.js";
import { alignFactors } from "../../src/symmetry/align-factors.js";
import type { Observed } from "../../src/completion/observed.js";
import { completionCase } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe("completeMatrix: exact recovery (issue 4: n = 500, rank 5, 20% observed, noiseless)", () => {
  // Degrees of freedom r(m + n − r) = 4975 against 50,000 observed entries: the regime where
  // the nonconvex methods provably recover from a spectral start (Chi, Lu & Chen 2019).
  for (const method of ["als", "gd", "riemannian"] as CompletionMethod[]) {
    test(`${method}: relative error < 1e-6 on 10 of 10 seeds`, async () => {
      const errors: number[] = [];
      for (let seed = 1; seed <= 10; seed++) {
        const { observed, U, V } = completionCase(500, 500, 5, 0.2, seed);
        // ‖grad‖ ≤ 1e-7 with entries of order 1 and a well-conditioned restricted Hessian
        // (smallest curvature ≈ p·σ_r² ≈ 0.2·(500·0.6)² on the factors) puts the error far below 1e-6.
        const fit = await completeMatrix(observed, { rank: 5, method, gradientTolerance: 1e-7, maxIterations: 2000, seed });
        errors.push(relativeError(fit.U, fit.V, U, V));
      }
      expect(Math.max(...errors)).toBeLessThan(1e-6);
    }, 120_000);
  }
});

describe("completeMatrix: the convex baseline and noise", () => {
  test("soft-impute's error falls along its λ path to below 1e-3", async () => {
    const { observed, U, V } = completionCase(200, 200, 5, 0.3, 3);
    const fit = await completeMatrix(observed, { rank: 20, method: "soft-impute", lambda: 1e-3, path: { count: 8 } });
    expect(fit.path!.length).toBe(8);
    expect(relativeError(fit.U, fit.V, U, V)).toBeLessThan(1e-3);
    // Along the path λ decreases and the training error falls with it.
    for (let k = 1; k < fit.path!.length; k++) {
      expect(fit.path![k].lambda).toBeLessThan(fit.path![k - 1].lambda);
      expect(fit.path![k].trainRmse).toBeLessThanOrEqual(fit.path![k - 1].trainRmse * (1 + 1e-9));
    }
  }, 60_000);

  test("with noise, the error is proportional to the noise level", async () => {
    // Least squares on a fixed sampling pattern: the estimate's error is linear in the noise
    // (to first order), so 10× the noise gives 10× the error; 20% slack for the higher orders.
    const error = async (noise: number): Promise<number> => {
      const { observed, U, V } = completionCase(150, 120, 3, 0.3, 7, noise);
      const fit = await completeMatrix(observed, { rank: 3, gradientTolerance: 1e-10, maxIterations: 2000 });
      return relativeError(fit.U, fit.V, U, V);
    };
    const [small, large] = [await error(1e-4), await error(1e-3)];
    expect(small).toBeGreaterThan(1e-7);
    expect(large / small).toBeGreaterThan(8);
    expect(large / small).toBeLessThan(12);
  }, 60_000);
});

describe("completeMatrix: symmetry, model and edges", () => {
  test("the factors differ from the truth by an invertible map; the product matches", async () => {
    const { observed, U, V } = completionCase(120, 100, 3, 0.4, 5);
    const fit = await completeMatrix(observed, { rank: 3, method: "gd", gradientTolerance: 1e-9 });
    const aligned = alignFactors(fit.U, fit.V, U, V);
    expect(aligned.productError).toBeLessThan(1e-7);
    expect(Math.max(aligned.alignedError.U, aligned.alignedError.V)).toBeLessThan(1e-6);
    expect(Math.min(aligned.naiveError.U, aligned.naiveError.V)).toBeGreaterThan(0.1);
  });

  test("predict/predictAll and the training RMSE agree with the factors", async () => {
    const { observed } = completionCase(60, 50, 2, 0.5, 9, 0.01);
    const fit = await completeMatrix(observed, { rank: 2, lambda: 1e-3 });
    const all = fit.predictAll(observed.row, observed.col);
    let ss = 0;
    for (let k = 0; k < all.length; k++) {
      expect(fit.predict(observed.row[k], observed.col[k])).toBeCloseTo(all[k], 12);
      ss += (all[k] - observed.value[k]) ** 2;
    }
    expect(fit.trainRmse).toBeCloseTo(Math.sqrt(ss / all.length), 12);
    expect(fit.trainRmse).toBeLessThan(0.01); // below the noise level 0.01 (the fit absorbs part of it)
  });

  test("center and bias: additive data mean + bᵢ + cⱼ is carried by the baseline", async () => {
    const { observed } = completionCase(60, 50, 1, 0.5, 8);
    const rowOffset = (i: number): number => Math.sin(i);
    const colOffset = (j: number): number => Math.cos(3 * j);
    const value = observed.value.map((_, k) => 3 + rowOffset(observed.row[k]) + colOffset(observed.col[k]));
    const additive: Observed = { ...observed, value };
    const fit = await completeMatrix(additive, { rank: 1, center: true, bias: "both", biasLambda: 0, lambda: 1e-6 });
    // With λ_b = 0 the baseline model contains the data exactly; 10 alternating sweeps converge
    // to ~1e-4 on this connected pattern, and the rank-1 factors absorb the rest.
    expect(fit.trainRmse).toBeLessThan(1e-3);
    expect(fit.baseline.mean).toBeCloseTo(value.reduce((a, b) => a + b, 0) / value.length, 12);
    // Offsets are identified up to a constant shared between rows and columns: compare differences.
    expect(fit.baseline.rowBias![5] - fit.baseline.rowBias![0]).toBeCloseTo(rowOffset(5) - rowOffset(0), 2);
    // Without the baseline, rank 1 cannot carry mean + bᵢ + cⱼ (rank 2 in general).
    const plain = await completeMatrix(additive, { rank: 1, lambda: 1e-6 });
    expect(plain.trainRmse).toBeGreaterThan(0.1);
  });

  test("empty rows and columns predict the baseline, never NaN (every method)", async () => {
    const { observed } = completionCase(40, 30, 2, 0.5, 4);
    // Drop row 3 and column 7 entirely.
    const keep = [...observed.row.keys()].filter((k) => observed.row[k] !== 3 && observed.col[k] !== 7);
    const o: Observed = { rows: 40, cols: 30, row: Int32Array.from(keep, (k) => observed.row[k]), col: Int32Array.from(keep, (k) => observed.col[k]), value: Float64Array.from(keep, (k) => observed.value[k]) };
    for (const method of ["als", "gd", "riemannian", "soft-impute"] as CompletionMethod[]) {
      const fit = await completeMatrix(o, { rank: 2, method, center: true, lambda: 1e-3, maxIterations: 50 });
      expect(fit.predict(3, 0)).toBe(fit.baseline.mean);
      expect(fit.predict(0, 7)).toBe(fit.baseline.mean);
      expect(Number.isFinite(fit.predict(3, 7))).toBe(true);
    }
  }, 60_000);

  test("bad inputs are named before any work; nothing leaks", async () => {
    const { observed } = completionCase(20, 15, 2, 0.5, 2);
    const live = runtime().arena.stats().buffersLive;
    const bad = (o: Partial<Observed>): Observed => ({ ...observed, ...o });
    await expect(completeMatrix(bad({ row: observed.row.map((i, k) => (k === 3 ? 20 : i)) }), { rank: 2 })).rejects.toThrow(/row.*3.*20/);
    const dup = bad({ row: Int32Array.from([...observed.row, observed.row[0]]), col: Int32Array.from([...observed.col, observed.col[0]]), value: Float64Array.from([...observed.value, 1]) });
    await expect(completeMatrix(dup, { rank: 2 })).rejects.toThrow(/duplicate|twice|repeated/i);
    await expect(completeMatrix(bad({ value: observed.value.map((v, k) => (k === 5 ? NaN : v)) }), { rank: 2 })).rejects.toThrow(/NaN/);
    await expect(completeMatrix(observed, { rank: 16 })).rejects.toThrow(/invalid rank.*16/);
    await expect(completeMatrix(observed, { rank: 2, method: "svd" as never })).rejects.toThrow(/invalid method.*svd/);
    await expect(completeMatrix(observed, { rank: 2, lambda: -1 })).rejects.toThrow(/invalid lambda.*-1/);
    await expect(completeMatrix(observed, { rank: 2, balance: 1 })).rejects.toThrow(/balance/);
    await expect(completeMatrix(observed, { rank: 2, acceleration: false })).rejects.toThrow(/acceleration/);
    await expect(completeMatrix(observed, { rank: 2, method: "soft-impute", lambda: 1, acceleration: "no" as never })).rejects.toThrow(/invalid acceleration/);
    await expect(completeMatrix(observed, { rank: 2, init: { U: { rows: 20, cols: 3, data: new Float64Array(60) }, V: { rows: 15, cols: 2, data: new Float64Array(30) } } })).rejects.toThrow(/invalid init.U/);
    await expect(completeMatrix(observed, { rank: 2, method: "soft-impute", lambda: 0 })).rejects.toThrow(/invalid lambda/);
    // Finite values whose mean overflows (Σ = ±Infinity): centering would hand ∓Infinity to the
    // method, which no longer re-checks the entries: completeMatrix itself must reject them.
    const huge = bad({ value: observed.value.map((v, k) => (k % 2 === 0 ? 1.7e308 : 1e308)) });
    for (const method of ["als", "gd", "soft-impute"] as const) {
      await expect(completeMatrix(huge, { rank: 2, method, center: true, lambda: 1 })).rejects.toThrow(/invalid observed\.value: observed\.value\[0\] = -Infinity/);
    }
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
