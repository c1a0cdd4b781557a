import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import type { Problem } from "../../src/problems/problem.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { proximalGradient } from "../../src/solvers/proximal-gradient.js";
import { l1, type Regularizer } from "../../src/solvers/regularizers.js";
import { alternatingMinimization, type AlternatingProblem } from "../../src/solvers/alternating-minimization.js";
import type { SolverOptions } from "../../src/solvers/options.js";
import type { IterationInfo, SolverResult } from "../../src/solvers/result.js";
import { randomSymmetric } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The values a poisoned function returns, in turn: NaN, +Infinity, −Infinity. */
const POISONS = [NaN, Infinity, -Infinity];

/** `value`, or (from call `from` on) a copy with entry 3 replaced by `poison` (the number itself for a number). */
function poisonedValue<T>(value: T, poison: number): T {
  if (typeof value === "number") return poison as T;
  const data = value instanceof Float64Array ? value.slice() : (value as Matrix).data.slice();
  data[3] = poison;
  return (value instanceof Float64Array ? data : { ...(value as Matrix), data }) as T;
}

/** Wraps `f` so that its calls from number `from` (1-based) on return poisoned values; counts calls. */
function poisoned<A extends unknown[], T>(f: (...args: A) => T, from: number, poison: number): { f: (...args: A) => T; calls: () => number } {
  let calls = 0;
  return { f: (...args) => (++calls >= from ? poisonedValue(f(...args), poison) : f(...args)), calls: () => calls };
}

type Fn = "cost" | "egrad" | "ehessVec";

/** The Rayleigh problem (its matrix resident while solved) with `fn` poisoned from call `from`. */
function problemWith(fn: Fn, from: number, poison: number): { problem: Problem<Float64Array>; calls: () => number } {
  const base = rayleighQuotient(randomSymmetric(30, 4));
  const p = poisoned((fn === "ehessVec" ? base.ehessVec! : base[fn]) as (...a: unknown[]) => unknown, from, poison);
  return { problem: { ...base, [fn]: p.f } as Problem<Float64Array>, calls: p.calls };
}

type Solve = (p: Problem<Float64Array>, x0?: Float64Array | null, o?: SolverOptions<Float64Array>) => Promise<SolverResult<Float64Array>>;

const solvers: [string, Solve, Fn[], SolverOptions<Float64Array>][] = [
  ["gradientDescent", gradientDescent, ["cost", "egrad"], {}],
  ["trustRegions", trustRegions, ["cost", "egrad", "ehessVec"], {}],
  ["curvilinearSearch", (p, x, o) => curvilinearSearch(p, x, { ...o, curvatureRatio: 1 }), ["cost", "egrad", "ehessVec"], {}],
  ["perturbedGradientDescent", perturbedGradientDescent, ["cost", "egrad"], {}],
];

/**
 * The checks of a run stopped by a poisoned value: reason "non-finite", the function named, the
 * iteration after the last recorded one, and the result is that last recorded iterate (the copy
 * `onIteration` saw, entry for entry) with its finite cost.
 */
function expectStoppedAt<P>(result: SolverResult<P>, seen: IterationInfo<P>[], fn: string, iteration: number, value: RegExp): void {
  expect(result.reason).toBe("non-finite");
  expect(result.converged).toBe(false);
  expect(result.nonFinite).toMatchObject({ function: fn, iteration });
  expect(result.nonFinite!.value).toMatch(value);
  const last = seen[seen.length - 1];
  expect(result.iterations).toBe(last.iteration);
  expect(result.point).toEqual(last.point);
  expect(result.cost).toBe(last.cost);
  expect(Number.isFinite(result.cost)).toBe(true);
  expect(result.history.cost.length).toBe(result.iterations + 1);
}

describe("one non-finite policy for every solver", () => {
  test("Riemannian solvers: a NaN/±Infinity from cost, egrad or ehessVec after 3 iterations stops at iterate 3", async () => {
    const before = runtime().arena.stats().bytesLive;
    let k = 0;
    for (const [name, solve, fns, options] of solvers) {
      for (const fn of fns) {
        const poison = POISONS[k++ % 3];
        // A clean run counts the calls made up to the record of iterate 3; the poisoned run turns
        // non-finite at the next call, which belongs to iteration 4.
        let upTo = 0;
        const clean = problemWith(fn, Infinity, NaN);
        await solve(clean.problem, undefined, { ...options, gradientTolerance: 0, maxIterations: 3, onIteration: (i) => void (i.iteration === 3 && (upTo = clean.calls())) });
        const { problem } = problemWith(fn, upTo + 1, poison);
        const seen: IterationInfo<Float64Array>[] = [];
        const result = await solve(problem, undefined, { ...options, gradientTolerance: 0, maxIterations: 50, onIteration: (i) => void seen.push(i) });
        expect(result.iterations, `${name}, ${fn}`).toBe(3);
        expectStoppedAt(result, seen, fn, 4, fn === "cost" ? new RegExp(`^${poison}$`) : new RegExp(`^entry 3 is ${poison}$`));
      }
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });

  test("while certifying the start (Lanczos at a critical point) the iteration is 0; at the start x0 is named", async () => {
    const before = runtime().arena.stats().bytesLive;
    const { problem } = problemWith("ehessVec", 1, NaN);
    // An eigenvector of A other than the bottom one: gradient 0, negative curvature.
    const A = randomSymmetric(30, 4);
    const top = rayleighQuotient(A);
    const x0 = (await trustRegions({ ...top, cost: (x) => -top.cost(x), egrad: (x) => top.egrad(x).map((v) => -v), ehessVec: (x, u) => top.ehessVec!(x, u).map((v) => -v) }, undefined, { gradientTolerance: 1e-12 })).point;
    for (const solve of [trustRegions, curvilinearSearch]) {
      const seen: IterationInfo<Float64Array>[] = [];
      const result = await solve(problem, x0, { gradientTolerance: 1e-6, onIteration: (i) => void seen.push(i) });
      expectStoppedAt(result, seen, "ehessVec", 0, /^entry 3 is NaN$/);
      expect(result.point).toEqual(x0);
    }
    for (const [, solve, fns] of solvers) {
      for (const fn of fns.filter((f) => f !== "ehessVec")) {
        await expect(solve(problemWith(fn, 1, Infinity).problem)).rejects.toThrow(
          new RegExp(`^invalid x0: at the start, ${fn} returned a non-finite value \\(${fn === "cost" ? "Infinity" : "entry 3 is Infinity"}\\)$`),
        );
      }
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });

  test("proximalGradient: cost, egrad, regularizer.value and regularizer.prox", async () => {
    const before = runtime().arena.stats().bytesLive;
    // Lasso ½‖Ax − b‖² + 0.1‖x‖₁ with A 40×20.
    const rng = new Rng(3);
    const A: Matrix = { rows: 40, cols: 20, data: rng.normalArray(800) };
    const b = rng.normalArray(40);
    const residual = (x: Float64Array): Float64Array => b.map((bi, i) => x.reduce((s, xj, j) => s + A.data[i * 20 + j] * xj, 0) - bi);
    const smooth: Problem<Float64Array> = {
      manifold: euclidean(20),
      cost: (x) => 0.5 * residual(x).reduce((s, r) => s + r * r, 0),
      egrad: (x) => {
        const r = residual(x);
        return new Float64Array(20).map((_, j) => r.reduce((s, ri, i) => s + A.data[i * 20 + j] * ri, 0));
      },
    };
    const reg = l1(0.1) as Regularizer<Float64Array>;
    type Part = "cost" | "egrad" | "regularizer.value" | "regularizer.prox";
    const build = (part: Part, from: number, poison: number): { problem: { smooth: Problem<Float64Array>; regularizer: Regularizer<Float64Array> }; calls: () => number } => {
      if (part === "cost" || part === "egrad") {
        const p = poisoned(smooth[part] as (x: Float64Array) => unknown, from, poison);
        return { problem: { smooth: { ...smooth, [part]: p.f } as Problem<Float64Array>, regularizer: reg }, calls: p.calls };
      }
      const key = part === "regularizer.value" ? "value" : "prox";
      const p = poisoned(reg[key] as (...a: unknown[]) => unknown, from, poison);
      return { problem: { smooth, regularizer: { ...reg, [key]: p.f } as Regularizer<Float64Array> }, calls: p.calls };
    };
    let k = 0;
    for (const part of ["cost", "egrad", "regularizer.value", "regularizer.prox"] as Part[]) {
      const poison = POISONS[k++ % 3];
      let upTo = 0;
      const clean = build(part, Infinity, NaN);
      await proximalGradient(clean.problem, undefined, { gradientTolerance: 0, maxIterations: 3, onIteration: (i) => void (i.iteration === 3 && (upTo = clean.calls())) });
      const seen: IterationInfo<Float64Array>[] = [];
      const result = await proximalGradient(build(part, upTo + 1, poison).problem, undefined, { gradientTolerance: 0, maxIterations: 50, onIteration: (i) => void seen.push(i) });
      expect(result.iterations, part).toBe(3);
      const number = part === "cost" || part === "regularizer.value";
      expectStoppedAt(result, seen, part, 4, number ? new RegExp(`^${poison}$`) : new RegExp(`^entry 3 is ${poison}$`));
      // At the start (the first step is part of it): a RangeError naming x0.
      await expect(proximalGradient(build(part, 1, NaN).problem)).rejects.toThrow(
        new RegExp(`^invalid x0: at the start, ${part.replace(".", "\\.")} returned a non-finite value`),
      );
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });

  test("alternatingMinimization: cost, gradientNorm and a block's update", async () => {
    // Two scalar blocks of f(a, b) = (a − 1)² + (b − 2)² + ab/2, each update its exact minimizer.
    type S = { a: number; b: Float64Array };
    const make = (part: "cost" | "gradientNorm" | "update", from: number, poison: number): AlternatingProblem<S> => {
      let calls = 0;
      const bad = (): boolean => ++calls >= from;
      return {
        blocks: [
          { name: "a", update: (s) => 1 - s.b[0] / 4 },
          { name: "b", update: (s) => { const v = Float64Array.of(2 - s.a / 4, 0, 0, 0); if (part === "update" && bad()) v[3] = poison; return v; } },
        ],
        cost: (s) => (part === "cost" && bad() ? poison : (s.a - 1) ** 2 + (s.b[0] - 2) ** 2 + (s.a * s.b[0]) / 2),
        gradientNorm: (s) => (part === "gradientNorm" && bad() ? poison : Math.hypot(2 * (s.a - 1) + s.b[0] / 2, 2 * (s.b[0] - 2) + s.a / 2)),
      };
    };
    const start: S = { a: 0, b: new Float64Array(4) };
    let k = 0;
    for (const part of ["cost", "gradientNorm", "update"] as const) {
      const poison = POISONS[k++ % 3];
      // cost and gradientNorm: called once per record (the start is call 1), update of "b" once per sweep.
      const from = part === "update" ? 4 : 5;
      const seen: IterationInfo<S>[] = [];
      const result = await alternatingMinimization(make(part, from, poison), start, { gradientTolerance: 0, maxIterations: 50, onIteration: (i) => void seen.push(i) });
      expect(result.iterations, part).toBe(3);
      expectStoppedAt(result, seen, part, 4, part === "update" ? new RegExp(`^entry 3 is ${poison}$`) : new RegExp(`^${poison}$`));
      if (part === "update") expect(result.nonFinite!.block).toBe("b");
    }
    await expect(alternatingMinimization(make("gradientNorm", 1, NaN), start)).rejects.toThrow(
      /^invalid initialState: at the start, gradientNorm returned a non-finite value \(NaN\)$/,
    );
  });
});
