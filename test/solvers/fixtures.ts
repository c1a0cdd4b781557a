// Shared test problems and checks of the solver tests.
import { expect } from "vitest";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import type { Problem } from "../../src/problems/problem.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { rankOneFactorization } from "../../src/problems/symmetric-factorization.js";
import type { SolverOptions } from "../../src/solvers/options.js";
import type { SolverResult } from "../../src/solvers/result.js";

/** (G + Gᵀ)/2 for a Gaussian n×n G. */
export function randomSymmetric(n: number, seed: number): Matrix {
  const g = new Rng(seed).normalArray(n * n);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (g[i * n + j] + g[j * n + i]) / 2;
  return { rows: n, cols: n, data };
}

/** X = GGᵀ/n (G Gaussian n×n): positive definite with distinct eigenvalues almost surely; exactly symmetric. */
export function randomPsd(n: number, seed: number): Matrix {
  const G: Matrix = { rows: n, cols: n, data: new Rng(seed).normalArray(n * n) };
  const X = gemm(G, G, { transB: true, alpha: 1 / n });
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) X.data[i * n + j] = X.data[j * n + i];
  return X;
}

/** Column j of a row-major matrix, times `scale`. */
export function column(m: Matrix, j: number, scale = 1): Float64Array {
  const c = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) c[i] = scale * m.data[i * m.cols + j];
  return c;
}

/**
 * The n×r matrix whose column j is √λ_{kⱼ}·v_{kⱼ}, for `ranks` = [k₁, …, k_r] (1-based, descending
 * λ) of the eigendecomposition of X from `eigh` (ascending: λ_k is column n − k): a critical point
 * of ¼‖X − UUᵀ‖², a strict saddle unless `ranks` is 1…r.
 */
export function eigenFactor(values: Float64Array, vectors: Matrix, ranks: number[]): Matrix {
  const n = vectors.rows;
  const r = ranks.length;
  const U: Matrix = { rows: n, cols: r, data: new Float64Array(n * r) };
  ranks.forEach((k, j) => {
    for (let i = 0; i < n; i++) U.data[i * r + j] = Math.sqrt(values[n - k]) * vectors.data[i * n + n - k];
  });
  return U;
}

/**
 * ‖UUᵀ − X_k‖_F and ‖X_k‖_F, where X_k = Σ_{j≤k} λⱼvⱼvⱼᵀ (descending λ, from `eigh`) is the best
 * rank-k approximation of X (Eckart–Young).
 */
export function bestRankDistance(U: Matrix, values: Float64Array, vectors: Matrix, k: number): { error: number; size: number } {
  const n = vectors.rows;
  const r = U.cols;
  let err = 0;
  let size = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let xk = 0;
      for (let j = n - k; j < n; j++) xk += values[j] * vectors.data[a * n + j] * vectors.data[b * n + j];
      let uu = 0;
      for (let j = 0; j < r; j++) uu += U.data[a * r + j] * U.data[b * r + j];
      err += (uu - xk) ** 2;
      size += xk * xk;
    }
  }
  return { error: Math.sqrt(err), size: Math.sqrt(size) };
}

/**
 * A Rayleigh-quotient result is the bottom eigenpair of A (`values`, `vectors` from `eigh`): its cost
 * λ₁ to 1e-12 relative and its point ±v₁ to 1 − |⟨x, v₁⟩| < 1e-12. At ‖grad‖ ≤ 1e-9 both are far
 * below the bounds |f − λ₁| ≤ ‖grad‖²/(λ₂ − λ₁) and sin θ ≤ ‖grad‖/(2(λ₂ − λ₁)) for these gaps.
 */
export function expectBottomEigenpair(result: SolverResult<Float64Array>, values: Float64Array, vectors: Matrix): void {
  expect(Math.abs(result.cost - values[0])).toBeLessThan(1e-12 * Math.abs(values[0]));
  const n = vectors.rows;
  const overlap = result.point.reduce((s, x, i) => s + x * vectors.data[i * n], 0);
  expect(1 - Math.abs(overlap)).toBeLessThan(1e-12);
}

/** min(‖u − v‖, ‖u + v‖): the distance up to sign. */
export function distanceUpToSign(u: Float64Array, v: Float64Array): number {
  let minus = 0;
  let plus = 0;
  for (let i = 0; i < u.length; i++) {
    minus += (u[i] - v[i]) ** 2;
    plus += (u[i] + v[i]) ** 2;
  }
  return Math.sqrt(Math.min(minus, plus));
}

/** Keeps the thread busy for `ms` milliseconds (no yielding: work as far as the event loop can tell). */
export function busyWait(ms: number): void {
  const t = performance.now();
  while (performance.now() - t < ms);
}

/** The problem with its cost (or Hessian-vector product) busy-waiting `ms` per call: slow, far from converged. */
export function slowed<P>(p: Problem<P>, ms: number, what: "cost" | "ehessVec" = "cost"): Problem<P> {
  if (what === "cost") return { ...p, cost: (x) => (busyWait(ms), p.cost(x)) };
  const h = p.ehessVec!;
  return { ...p, ehessVec: (x, u) => (busyWait(ms), h.call(p, x, u)) };
}

/** A rank-one landscape with its minimizer, one strict saddle, and the curvatures that bound errors. */
export interface RankOneCase {
  X: Matrix;
  problem: Problem<Float64Array>;
  /** √λᵢvᵢ for i = 2 + seed mod (n − 1) (1-based, descending λ). */
  saddle: Float64Array;
  /** u* = √λ₁v₁. */
  minimizer: Float64Array;
  /** λ₁ − λ₂, the smallest Hessian eigenvalue at u* (eigenvalues 2λ₁ and λ₁ − λⱼ): ‖u − u*‖ ≤ ‖grad‖/μ near u*. */
  mu: number;
  /** λᵢ − λ₁ < 0, the most negative curvature at the saddle. */
  lambdaMin: number;
}

/** The rank-one landscape of X = randomPsd(n, 1000 + seed) (eigh is ascending: v₁ is the last column). */
export function rankOneCase(n: number, seed: number): RankOneCase {
  const X = randomPsd(n, 1000 + seed);
  const { values, vectors } = eigh(X);
  const i = n - 2 - (seed % (n - 1));
  return {
    X,
    problem: rankOneFactorization(X),
    saddle: column(vectors, i, Math.sqrt(values[i])),
    minimizer: column(vectors, n - 1, Math.sqrt(values[n - 1])),
    mu: values[n - 1] - values[n - 2],
    lambdaMin: values[i] - values[n - 1],
  };
}

type Solve = (problem: Problem<Float64Array>, x0?: Float64Array | null, options?: SolverOptions<Float64Array>) => Promise<SolverResult<Float64Array>>;

/**
 * The common stop reasons of a solver on a Rayleigh quotient (n = 40): max-iterations, callback
 * (seeing every iteration from 0), max-time and an abort from a timer (both with a 1 ms cost).
 * Returns the max-iterations result for solver-specific checks.
 */
export async function expectCommonStops(solve: Solve): Promise<SolverResult<Float64Array>> {
  const p = rayleighQuotient(randomSymmetric(40, 6));
  const few = await solve(p, undefined, { maxIterations: 3, gradientTolerance: 0 });
  expect(few.reason).toBe("max-iterations");
  expect(few.iterations).toBe(3);
  expect(few.converged).toBe(false);
  const seen: number[] = [];
  const cb = await solve(p, undefined, { gradientTolerance: 0, onIteration: (info) => (seen.push(info.iteration), info.iteration === 4 ? "stop" : undefined) });
  expect(cb.reason).toBe("callback");
  expect(seen).toEqual([0, 1, 2, 3, 4]);
  const slow = slowed(p, 1);
  const timed = await solve(slow, undefined, { gradientTolerance: 0, maxIterations: 1e9, maxTime: 30 });
  expect(timed.reason).toBe("max-time");
  expect(timed.time).toBeGreaterThanOrEqual(30);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const aborted = await solve(slow, undefined, { gradientTolerance: 0, maxIterations: 1e9, signal: controller.signal });
  expect(aborted.reason).toBe("aborted");
  expect(aborted.time).toBeLessThan(20 + 200);
  return few;
}

/**
 * The saddle-escape check on the rank-one landscape (n = 20) for seeds 0…19: started at
 * the exact strict saddle of `makeCase(20, seed)` (gradient < 1e-12) or at a random point, the
 * solver stops converged at ±√λ₁v₁ within 2·tol/μ (‖u − u*‖ ≤ ‖grad‖/μ to first order, a factor 2
 * for the second-order term).
 */
export async function expectReachesMinimizer(solve: Solve, start: "saddle" | "random", makeCase: (n: number, seed: number) => RankOneCase = rankOneCase): Promise<void> {
  const tol = 1e-8;
  for (let seed = 0; seed < 20; seed++) {
    const c = makeCase(20, seed);
    if (start === "saddle") expect(c.problem.manifold.norm(c.saddle, c.problem.egrad(c.saddle))).toBeLessThan(1e-12);
    const result = await solve(c.problem, start === "saddle" ? c.saddle : undefined, { gradientTolerance: tol, seed });
    expect(result.reason).toBe("gradient-tolerance");
    expect(distanceUpToSign(result.point, c.minimizer)).toBeLessThan((2 * tol) / c.mu);
  }
}

/** Two runs from the exact saddle of `c` with the same seed give the same point and cost history. */
export async function expectSeedRepeats(solve: Solve, c: RankOneCase): Promise<void> {
  const a = await solve(c.problem, c.saddle, { seed: 9, gradientTolerance: 1e-10 });
  const b = await solve(c.problem, c.saddle, { seed: 9, gradientTolerance: 1e-10 });
  expect(b.point).toEqual(a.point);
  expect(b.history.cost).toEqual(a.history.cost);
}

/**
 * An error in the middle of a run (the 5th gradient) propagates; then 20 short seeded runs of `p`.
 * The caller compares `buffersLive` before and after: every buffer must be freed.
 */
export async function expectThrowPropagates(solve: Solve, p: Problem<Float64Array>): Promise<void> {
  let calls = 0;
  const failing: Problem<Float64Array> = { ...p, costAndGrad: undefined, egrad: (u) => { if (++calls === 5) throw new Error("boom"); return p.egrad(u); } };
  await expect(solve(failing, undefined, { gradientTolerance: 0 })).rejects.toThrow("boom");
  for (let i = 0; i < 20; i++) await solve(p, undefined, { seed: i, maxIterations: 30 });
}
