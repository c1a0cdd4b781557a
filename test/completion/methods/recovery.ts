// Shared setup of the factor-method tests: a random low-rank matrix observed on a uniform mask,
// and the spectral start (top-r SVD of the rescaled zero-filled matrix) the front door would use.
import type { Matrix } from "../../../src/matrix.js";
import { randomLowRank, type LowRank } from "../../../src/data/lowrank.js";
import { uniformMask } from "../../../src/data/masks.js";
import { observedFromFactors } from "../../../src/completion/from-factors.js";
import type { Observed } from "../../../src/completion/observed.js";
import { svd } from "../../../src/kernels/linalg/svd.js";
import type { FactorFit } from "../../../src/completion/methods/fit.js";
import type { FactorPoint } from "../../../src/completion/problem.js";
import { completeMatrix, type CompleteMatrixOptions } from "../../../src/completion/complete-matrix.js";
import type { SoftImputeFit, SoftImputeOptions, SoftImputePoint } from "../../../src/completion/methods/soft-impute.js";
import type { SolverOptions } from "../../../src/solvers/options.js";
import { Rng } from "../../../src/data/rng.js";
import { expect } from "vitest";

/** A rank-r m×n matrix (condition κ) observed on a Bernoulli(p) mask, noiseless unless `noise`. */
export function lowRankInstance(
  m: number, n: number, r: number, p: number, seed: number, options: { condition?: number; noise?: number } = {},
): { truth: LowRank; observed: Observed } {
  const truth = randomLowRank(m, n, r, { seed, condition: options.condition ?? 1 });
  const mask = uniformMask(m, n, p, seed + 1000);
  const row: number[] = [];
  const col: number[] = [];
  for (let t = 0; t < mask.length; t++) {
    if (mask[t] === 1) {
      row.push(Math.floor(t / n));
      col.push(t % n);
    }
  }
  const observed = observedFromFactors(truth.U, truth.V, { row: Int32Array.from(row), col: Int32Array.from(col) },
    { noise: options.noise ?? 0, seed: seed + 2000 });
  return { truth, observed };
}

/**
 * The spectral start: with p̂ = |Ω|/(mn), the top-r SVD A ≈ P·diag(s)·Qᵀ of the zero-filled
 * P_Ω(Y)/p̂, and U0 = P·diag(√s), V0 = Q·diag(√s) (balanced). Dense: for small test sizes.
 */
export function spectralStart(observed: Observed, r: number): { U0: Matrix; V0: Matrix } {
  const { rows: m, cols: n } = observed;
  const p = observed.value.length / (m * n);
  const a = new Float64Array(m * n);
  for (let k = 0; k < observed.value.length; k++) a[observed.row[k] * n + observed.col[k]] = observed.value[k] / p;
  const { U, S, V } = svd({ rows: m, cols: n, data: a });
  const take = (F: Matrix): Matrix => {
    const out = new Float64Array(F.rows * r);
    for (let i = 0; i < F.rows; i++) for (let k = 0; k < r; k++) out[i * r + k] = F.data[i * F.cols + k] * Math.sqrt(S[k]);
    return { rows: F.rows, cols: r, data: out };
  };
  return { U0: take(U), V0: take(V) };
}

/** Busy-waits 5 ms: as an `onIteration`, it makes any run slow enough to time out or be aborted. */
export function slowCallback(): undefined {
  const t = performance.now();
  while (performance.now() - t < 5);
  return undefined;
}

/** The options of a factor method as the tests give them: the model, start factors U0/V0, method options. */
export interface FactorMethodOptions extends SolverOptions<FactorPoint> {
  rank: number;
  lambda: number;
  U0: Matrix;
  V0: Matrix;
  balance?: number;
  solver?: "trust-regions" | "gradient-descent";
  costTolerance?: number;
}

export type FactorMethod = (observed: Observed, options: FactorMethodOptions) => Promise<FactorFit>;

/**
 * A factor method run the only way users run it, through `completeMatrix` (which validates and
 * prepares the entries once), started at U0, V0.
 */
export function factorMethod(method: "als" | "gd" | "riemannian"): FactorMethod {
  return async (observed, { U0, V0, ...rest }) => {
    const fit = await completeMatrix(observed, { ...(rest as CompleteMatrixOptions), method, init: { U: U0, V: V0 } });
    return { U: fit.U, V: fit.V, result: fit.result };
  };
}

/** The options of soft-impute as the tests give them. */
export interface SoftImputeTestOptions extends SolverOptions<SoftImputePoint>, SoftImputeOptions {
  rank: number;
  lambda: number;
  U0?: Matrix;
  V0?: Matrix;
}

/** Soft-impute through `completeMatrix`, started at U0·V0ᵀ when given. */
export async function softImpute(observed: Observed, { U0, V0, ...rest }: SoftImputeTestOptions): Promise<SoftImputeFit> {
  const init = U0 === undefined && V0 === undefined ? {} : { init: { U: U0, V: V0 } as { U: Matrix; V: Matrix } };
  const fit = await completeMatrix(observed, { ...(rest as CompleteMatrixOptions), method: "soft-impute", ...init });
  return { U: fit.U, V: fit.V, result: fit.result, path: fit.path ?? [] };
}

/**
 * The common stop reasons of a factor method on a 40×30 rank-2 instance from the spectral start:
 * max-iterations (3 iterations, 4 history entries), a callback stop at iteration 2 that saw
 * iterations 0, 1, 2 with factor points of the right shapes, max-time with a 5 ms callback, and an
 * abort from a timer. Returns the max-iterations fit and the options used, for method-specific checks.
 */
export async function expectMethodStops(method: FactorMethod): Promise<{ few: FactorFit; base: FactorMethodOptions }> {
  const { observed } = lowRankInstance(40, 30, 2, 0.5, 3);
  const base: FactorMethodOptions = { rank: 2, lambda: 0, ...spectralStart(observed, 2), gradientTolerance: 0 };
  const few = await method(observed, { ...base, maxIterations: 3 });
  expect(few.result.reason).toBe("max-iterations");
  expect(few.result.iterations).toBe(3);
  expect(few.result.history.cost.length).toBe(4);
  const seen: number[] = [];
  const cb = await method(observed, {
    ...base,
    onIteration: (info) => {
      expect(info.point[0].rows).toBe(40);
      expect(info.point[1].rows).toBe(30);
      seen.push(info.iteration);
      return info.iteration === 2 ? "stop" : undefined;
    },
  });
  expect(cb.result.reason).toBe("callback");
  expect(seen).toEqual([0, 1, 2]);
  const timed = await method(observed, { ...base, maxIterations: 1e9, maxTime: 20, onIteration: slowCallback });
  expect(timed.result.reason).toBe("max-time");
  expect(timed.result.time).toBeGreaterThanOrEqual(20);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 15);
  const aborted = await method(observed, { ...base, maxIterations: 1e9, signal: controller.signal, onIteration: slowCallback });
  expect(aborted.result.reason).toBe("aborted");
  return { few, base };
}

/** Every entry of the dense matrix M as observed entries. */
export function fullyObserved(M: Matrix): Observed {
  const { rows, cols } = M;
  return {
    rows, cols,
    row: Int32Array.from({ length: rows * cols }, (_, t) => Math.floor(t / cols)),
    col: Int32Array.from({ length: rows * cols }, (_, t) => t % cols),
    value: M.data.slice(),
  };
}

/** Columns [0, k) of F scaled by √s. */
export function scaledColumns(F: Matrix, s: number[]): Matrix {
  const k = s.length;
  const out = new Float64Array(F.rows * k);
  for (let i = 0; i < F.rows; i++) for (let l = 0; l < k; l++) out[i * k + l] = F.data[i * F.cols + l] * Math.sqrt(s[l]);
  return { rows: F.rows, cols: k, data: out };
}

/** Gaussian factors with entries N(0, scale²), U drawn before V from one generator. */
export function randomStart(m: number, n: number, r: number, seed: number, scale: number): { U0: Matrix; V0: Matrix } {
  const rng = new Rng(seed);
  return {
    U0: { rows: m, cols: r, data: rng.normalArray(m * r).map((v) => scale * v) },
    V0: { rows: n, cols: r, data: rng.normalArray(n * r).map((v) => scale * v) },
  };
}

/** ‖UᵀU − VᵀV‖_F / ‖UᵀU‖_F: how far the factors are from balanced. */
export function imbalance(U: Matrix, V: Matrix): number {
  const r = U.cols;
  let d = 0, s = 0;
  for (let a = 0; a < r; a++) {
    for (let b = 0; b < r; b++) {
      let uu = 0, vv = 0;
      for (let i = 0; i < U.rows; i++) uu += U.data[i * r + a] * U.data[i * r + b];
      for (let j = 0; j < V.rows; j++) vv += V.data[j * r + a] * V.data[j * r + b];
      d += (uu - vv) ** 2;
      s += uu * uu;
    }
  }
  return Math.sqrt(d / s);
}
