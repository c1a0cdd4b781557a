import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { transpose, type Matrix } from "../../src/matrix.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { qr } from "../../src/kernels/linalg/qr.js";
import { solve } from "../../src/kernels/linalg/solve.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import type { Problem } from "../../src/problems/problem.js";
import { alternatingMinimization, type AlternatingProblem, type Block } from "../../src/solvers/alternating-minimization.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { proximalGradient } from "../../src/solvers/proximal-gradient.js";
import { noRegularizer } from "../../src/solvers/regularizers.js";
import { busyWait, slowed } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

type Factors = { U: Matrix; V: Matrix };

const m = 30;
const n = 20;
const r = 3;
const lambda = 1;
// Y = P·diag(σ)·Qᵀ with known singular values; σ_r = 6 > σ_{r+1} = 2 (a clear gap) and σ_r > λ.
const sigma = Float64Array.from({ length: n }, (_, i) => (i < r ? 10 - 2 * i : 2 * 0.8 ** (i - r)));

function frob2(data: Float64Array): number {
  return data.reduce((s, v) => s + v * v, 0);
}

function sub(a: Matrix, b: Matrix, scale = 1): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map((v, i) => v - scale * b.data[i]) };
}

/** ‖Y − UVᵀ‖²_F + λ(‖U‖²_F + ‖V‖²_F), its gradient and the ridge block updates. */
function factorization(Y: Matrix) {
  const residual = (s: Factors): Matrix => sub(Y, gemm(s.U, s.V, { transB: true }));
  const cost = (s: Factors): number => frob2(residual(s).data) + lambda * (frob2(s.U.data) + frob2(s.V.data));
  // ∇_U = −2(Y − UVᵀ)V + 2λU, ∇_V = −2(Y − UVᵀ)ᵀU + 2λV.
  const gradU = (s: Factors): Matrix => ({
    rows: m, cols: r, data: sub(s.U, gemm(residual(s), s.V), 1 / lambda).data.map((v) => 2 * lambda * v),
  });
  const gradV = (s: Factors): Matrix => ({
    rows: n, cols: r, data: sub(s.V, gemm(residual(s), s.U, { transA: true }), 1 / lambda).data.map((v) => 2 * lambda * v),
  });
  const gradientNorm = (s: Factors): number => Math.sqrt(frob2(gradU(s).data) + frob2(gradV(s).data));
  /** argmin_W ‖B − W·Cᵀ‖² + λ‖W‖²: W = B·C(CᵀC + λI)⁻¹ (CᵀC + λI is symmetric positive definite). */
  const ridge = (B: Matrix, C: Matrix): Matrix => {
    const G = gemm(C, C, { transA: true });
    for (let i = 0; i < r; i++) G.data[i * r + i] += lambda;
    return transpose(solve(G, transpose(gemm(B, C))));
  };
  const blockU: Block<Factors> = { name: "U", update: (s) => ridge(Y, s.V) };
  const blockV: Block<Factors> = { name: "V", update: (s) => ridge(transpose(Y), s.U) };
  /** The cost in V alone, for blocks that run a solver. */
  const inV = (U: Matrix): Problem<Matrix> => ({
    manifold: euclidean([n, r]),
    cost: (V) => cost({ U, V }),
    egrad: (V) => gradV({ U, V }),
  });
  return { cost, gradientNorm, blockU, blockV, inV };
}

let Y: Matrix;
let P: Matrix;
let Q: Matrix;
let start: Factors;
/** The global minimizer's product: Σ_{i≤r} max(σᵢ − λ, 0)·pᵢqᵢᵀ (see the first test). */
let best: Matrix;

beforeAll(() => {
  const rng = new Rng(3);
  P = qr({ rows: m, cols: n, data: rng.normalArray(m * n) }).Q;
  Q = qr({ rows: n, cols: n, data: rng.normalArray(n * n) }).Q;
  Y = gemm({ rows: m, cols: n, data: P.data.map((v, i) => v * sigma[i % n]) }, Q, { transB: true });
  const shrunk = { rows: m, cols: n, data: P.data.map((v, i) => (i % n < r ? v * Math.max(sigma[i % n] - lambda, 0) : 0)) };
  best = gemm(shrunk, Q, { transB: true });
  start = { U: { rows: m, cols: r, data: rng.normalArray(m * r) }, V: { rows: n, cols: r, data: rng.normalArray(n * r) } };
});

function relativeError(a: Matrix, b: Matrix): number {
  return Math.sqrt(frob2(sub(a, b).data) / frob2(b.data));
}

function expectMonotone(cost: Float64Array): void {
  for (let k = 1; k < cost.length; k++) {
    // Exact block minimizations (or monotone inner solvers) never raise the cost; slack for
    // the rounding of the cost itself (≈ 1e-15 relative).
    expect(cost[k]).toBeLessThanOrEqual(cost[k - 1] * (1 + 1e-12));
  }
}

describe("alternatingMinimization", () => {
  test("ridge ALS reaches the global minimizer: the shrunk truncated SVD of Y", async () => {
    const f = factorization(Y);
    // The closed form: λ(‖U‖² + ‖V‖²) ≥ 2λ‖UVᵀ‖_* with equality for balanced factors, so the
    // problem is min over rank ≤ r of ‖Y − X‖² + 2λ‖X‖_* = 2(½‖Y − X‖² + λ‖X‖_*), solved (von
    // Neumann's trace inequality) by keeping the r largest singular values shrunk by λ — the
    // fully observed case of Hastie, Mazumder, Lee & Zadeh (JMLR 2015). Check it independently:
    // the balanced factors P_r·√D, Q_r·√D are stationary.
    const root = (B: Matrix): Matrix => ({ rows: B.rows, cols: r, data: Float64Array.from({ length: B.rows * r }, (_, k) => B.data[Math.floor(k / r) * n + (k % r)] * Math.sqrt(sigma[k % r] - lambda)) });
    const closed = { U: root(P), V: root(Q) };
    expect(relativeError(gemm(closed.U, closed.V, { transB: true }), best)).toBeLessThan(1e-14);
    expect(f.gradientNorm(closed)).toBeLessThan(1e-12);

    const problem: AlternatingProblem<Factors> = { blocks: [f.blockU, f.blockV], cost: f.cost, gradientNorm: f.gradientNorm };
    const result = await alternatingMinimization(problem, start, { gradientTolerance: 1e-9, maxIterations: 500 });
    expect(result.reason).toBe("gradient-tolerance");
    expect(result.converged).toBe(true);
    expectMonotone(result.history.cost);
    expect(result.history.cost.length).toBe(result.iterations + 1);
    // ‖∇‖ ≤ 1e-9 and the Hessian at the minimum bounded below on the quotient by
    // ≈ 2(σ_r − σ_{r+1}) = 8 (up to the GL(r) gauge, which the product does not see): ‖UVᵀ − X*‖ ≲ 1e-10.
    expect(relativeError(gemm(result.point.U, result.point.V, { transB: true }), best)).toBeLessThan(1e-9);
    expect(Math.abs(result.cost - f.cost(closed))).toBeLessThan(1e-12 * f.cost(closed));
    expect(result.evaluations.cost).toBe(result.iterations + 1);
  });

  test("without gradientNorm, the change of the iterate is the stationarity surrogate", async () => {
    const f = factorization(Y);
    const result = await alternatingMinimization({ blocks: [f.blockU, f.blockV], cost: f.cost }, start, { gradientTolerance: 1e-10, maxIterations: 500 });
    expect(result.reason).toBe("gradient-tolerance");
    expect(Number.isNaN(result.history.gradientNorm[0])).toBe(true);
    expect(result.history.gradientNorm.subarray(1)).toEqual(result.history.step.subarray(1));
    expect(result.gradientNorm).toBeLessThanOrEqual(1e-10);
    expect(relativeError(gemm(result.point.U, result.point.V, { transB: true }), best)).toBeLessThan(1e-9);
    expect(result.evaluations.gradient).toBe(0);
  });

  test("a block can be a warm-started solver (gradientDescent, proximalGradient)", async () => {
    const f = factorization(Y);
    const viaGradientDescent: Block<Factors> = {
      name: "V",
      update: async (s, { signal }) => (await gradientDescent(f.inV(s.U), s.V, { maxIterations: 5, gradientTolerance: 1e-12, signal })).point,
    };
    const viaIsta: Block<Factors> = {
      name: "V",
      update: async (s, { signal }) =>
        (await proximalGradient({ smooth: f.inV(s.U), regularizer: noRegularizer() }, s.V, { accelerated: false, maxIterations: 10, gradientTolerance: 1e-12, signal })).point,
    };
    for (const blockV of [viaGradientDescent, viaIsta]) {
      const result = await alternatingMinimization({ blocks: [f.blockU, blockV], cost: f.cost, gradientNorm: f.gradientNorm }, start, { gradientTolerance: 1e-8, maxIterations: 2000 });
      expect(result.reason).toBe("gradient-tolerance");
      // Armijo steps and ISTA steps never raise the cost of their block.
      expectMonotone(result.history.cost);
      expect(relativeError(gemm(result.point.U, result.point.V, { transB: true }), best)).toBeLessThan(1e-8);
    }
  });

  test("stop reasons: max-iterations, callback, max-time, aborted inside an inner solver", async () => {
    const f = factorization(Y);
    const problem = { blocks: [f.blockU, f.blockV], cost: f.cost };
    const few = await alternatingMinimization(problem, start, { maxIterations: 3, gradientTolerance: 0 });
    expect(few.reason).toBe("max-iterations");
    expect(few.iterations).toBe(3);
    const seen: number[] = [];
    const cb = await alternatingMinimization(problem, start, { gradientTolerance: 0, onIteration: (i) => (seen.push(i.iteration), i.iteration === 2 ? "stop" : undefined) });
    expect(cb.reason).toBe("callback");
    expect(seen).toEqual([0, 1, 2]);
    const slowCost = { ...problem, cost: (s: Factors) => (busyWait(2), f.cost(s)) };
    const timed = await alternatingMinimization(slowCost, start, { gradientTolerance: 0, maxIterations: 1e9, maxTime: 30 });
    expect(timed.reason).toBe("max-time");
    expect(timed.time).toBeGreaterThanOrEqual(30);

    // The V block runs gradient descent on a slow cost, far from done when the abort comes.
    const inner: Block<Factors> = { name: "V", update: async (s, { signal }) => (await gradientDescent(slowed(f.inV(s.U), 1), s.V, { maxIterations: 1e9, gradientTolerance: 0, signal })).point };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const aborted = await alternatingMinimization({ blocks: [f.blockU, inner], cost: f.cost }, start, { gradientTolerance: 0, signal: controller.signal });
    expect(aborted.reason).toBe("aborted");
    expect(aborted.time).toBeLessThan(20 + 200);
    // No sweep was completed: the result is the initial state, as the history says.
    expect(aborted.iterations).toBe(0);
    expect(aborted.point).toBe(start);
  });

  test("bad problems, options and states are named; no wasm leak after many runs and after a throw", async () => {
    const f = factorization(Y);
    const problem = { blocks: [f.blockU, f.blockV], cost: f.cost };
    const live = runtime().arena.stats().buffersLive;
    await expect(alternatingMinimization(problem, start, { maxIterations: -1 })).rejects.toThrow(/invalid maxIterations: .*-1/);
    await expect(alternatingMinimization(problem, start, { sweeps: 3 } as never)).rejects.toThrow(/unknown option sweeps/);
    await expect(alternatingMinimization({ ...problem, blocks: [] }, start)).rejects.toThrow(/invalid problem.blocks/);
    await expect(alternatingMinimization({ ...problem, blocks: [f.blockU, { name: "W", update: () => 0 }] } as never, start)).rejects.toThrow(/invalid problem.blocks\[1\].name: "W" is not a key/);
    await expect(alternatingMinimization({ ...problem, blocks: [f.blockU, f.blockU] }, start)).rejects.toThrow(/blocks\[1\].name: "U" appears twice/);
    await expect(alternatingMinimization({ ...problem, blocks: [{ name: "U" }] } as never, start)).rejects.toThrow(/invalid problem.blocks\[0\]/);
    await expect(alternatingMinimization({ ...problem, cost: () => NaN }, start)).rejects.toThrow(/invalid initialState: at the start, cost returned a non-finite value \(NaN\)/);
    await expect(alternatingMinimization({ ...problem, gradientNorm: 1 } as never, start)).rejects.toThrow(/invalid problem.gradientNorm/);
    const wrongKind = { ...problem, blocks: [f.blockU, { name: "V", update: () => [1, 2] }] } as never;
    await expect(alternatingMinimization(wrongKind, start)).rejects.toThrow(/invalid value of block V: .*Array\(2\)/);
    for (let i = 0; i < 20; i++) await alternatingMinimization(problem, start, { maxIterations: 5 });
    const throwing: Block<Factors> = { name: "V", update: () => { throw new Error("block boom"); } };
    await expect(alternatingMinimization({ ...problem, blocks: [f.blockU, throwing] }, start)).rejects.toThrow("block boom");
    expect(runtime().arena.stats().buffersLive).toBe(live);
  });
});
