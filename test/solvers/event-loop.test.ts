import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import type { Problem } from "../../src/problems/problem.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { proximalGradient } from "../../src/solvers/proximal-gradient.js";
import { l1 } from "../../src/solvers/regularizers.js";
import { alternatingMinimization } from "../../src/solvers/alternating-minimization.js";
import type { SolverOptions } from "../../src/solvers/options.js";
import type { SolverResult } from "../../src/solvers/result.js";
import { busyWait, column, randomPsd, randomSymmetric } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The busy time of one slow evaluation, ms. */
const SLOW = 15;
const YIELD = 8;
/**
 * The largest timer gap allowed: two slow evaluations between yields (the most any phase does)
 * plus the yield interval, plus 45 ms for a loaded machine's scheduling delays. Blocking phases
 * (a whole Lanczos run, a whole line search) take 10 to 30 slow evaluations: 150 to 450 ms.
 */
const BOUND = 2 * SLOW + YIELD + 45;

type Fn = "cost" | "egrad" | "ehessVec";

/** `p` with `fn` busy-waiting SLOW ms per call. */
function slowed<P>(p: Problem<P>, fn: Fn): Problem<P> {
  const f = (fn === "ehessVec" ? p.ehessVec! : p[fn]) as (...a: unknown[]) => unknown;
  return { ...p, costAndGrad: undefined, [fn]: (...a: unknown[]) => (busyWait(SLOW), f.apply(p, a)) } as Problem<P>;
}

/**
 * Runs `solve` while a 1 ms interval timer ticks; the largest gap between the call, the ticks and
 * the return (the time the event loop could not run the timer), and the time of the return.
 */
async function timed<R>(solve: () => Promise<R>): Promise<{ result: R; gap: number; start: number; end: number }> {
  const ticks: number[] = [];
  const timer = setInterval(() => ticks.push(performance.now()), 1);
  const start = performance.now();
  try {
    const result = await solve();
    const end = performance.now();
    const times = [start, ...ticks.filter((t) => t <= end), end];
    let gap = 0;
    for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i] - times[i - 1]);
    return { result, gap, start, end };
  } finally {
    clearInterval(timer);
  }
}

let rayleigh: Problem<Float64Array>;
/** xᵀPx with P positive definite on ℝ²⁰: the smooth part of a lasso-like problem for proximal gradient. */
let convex: Problem<Float64Array>;
/** An eigenvector of A's 10th eigenvalue: gradient 0, negative curvature (a strict saddle). */
let saddle: Float64Array;

beforeAll(() => {
  const A = randomSymmetric(20, 5);
  rayleigh = rayleighQuotient(A);
  convex = { ...rayleighQuotient(randomPsd(20, 6)), manifold: euclidean(20) };
  saddle = column(eigh(A).vectors, 9);
});

type Run = (p: Problem<Float64Array>, o: SolverOptions<Float64Array>) => Promise<SolverResult<Float64Array>>;

/** The problem each solver runs on: `convex` for proximal gradient, the Rayleigh quotient otherwise. */
const problemOf = (name: string): Problem<Float64Array> => (name === "proximalGradient" ? convex : rayleigh);

/**
 * Each solver with the functions it evaluates, started where its longest phases run: gradient
 * descent with a first trial step 1e8 (≈ 27 backtracks), trust regions and curvilinear search at
 * the saddle with a tolerance met there (a full Lanczos run certifies it), perturbed GD likewise
 * (it perturbs at once), proximal gradient with L₀ far too small (backtracking) on `convex`.
 */
const runs: [string, Fn[], Run][] = [
  ["gradientDescent", ["cost", "egrad"], (p, o) => gradientDescent(p, null, { ...o, initialStepSize: 1e8 })],
  ["trustRegions", ["cost", "egrad", "ehessVec"], (p, o) => trustRegions(p, saddle, { ...o, gradientTolerance: 1e-6 })],
  ["curvilinearSearch", ["cost", "egrad", "ehessVec"], (p, o) => curvilinearSearch(p, saddle, { ...o, gradientTolerance: 1e-6 })],
  ["perturbedGradientDescent", ["cost", "egrad"], (p, o) => perturbedGradientDescent(p, saddle, { ...o, gradientTolerance: 1e-6 })],
  ["proximalGradient", ["cost", "egrad"], (p, o) => proximalGradient({ smooth: p, regularizer: l1(0.1) }, null, { ...o, initialStepSize: 1e8 })],
];

describe("solvers keep the event loop responsive", () => {
  test("the largest timer gap stays within two slow evaluations plus yieldInterval, in every phase of every solver", async () => {
    const before = runtime().arena.stats().bytesLive;
    for (const [name, fns, run] of runs) {
      for (const fn of fns) {
        const { result, gap } = await timed(() => run(slowed(problemOf(name), fn), { yieldInterval: YIELD, maxTime: 200, maxIterations: 1e9 }));
        expect(gap, `${name} with a slow ${fn}`).toBeLessThan(BOUND);
        expect(["max-time", "gradient-tolerance"]).toContain(result.reason);
      }
    }
    // Alternating minimization: slow block updates and a slow cost (values that keep changing).
    let k = 0;
    const slowBlocks = {
      blocks: [{ name: "a" as const, update: () => (busyWait(SLOW), ++k) }, { name: "b" as const, update: () => (busyWait(SLOW), -k) }],
      cost: () => (busyWait(SLOW), 0),
    };
    const { gap, result } = await timed(() => alternatingMinimization(slowBlocks, { a: 0, b: 0 }, { yieldInterval: YIELD, maxTime: 200, maxIterations: 1e9 }));
    expect(result.reason).toBe("max-time");
    expect(gap).toBeLessThan(BOUND);
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }, 30_000);

  test("an abort takes effect within one slow evaluation (plus yieldInterval), in the middle of any phase", async () => {
    const before = runtime().arena.stats().bytesLive;
    for (const [name, fns, run] of runs) {
      const fn = fns[fns.length - 1];
      const controller = new AbortController();
      const due = performance.now() + 60;
      setTimeout(() => controller.abort(), 60);
      const { result, end } = await timed(() => run(slowed(problemOf(name), fn), { yieldInterval: YIELD, maxIterations: 1e9, signal: controller.signal }));
      expect(result.reason, name).toBe("aborted");
      expect(end - due, `${name}: the abort took effect late`).toBeLessThan(BOUND);
      // The result is a recorded iterate: its cost is the last one in the history.
      expect(result.cost).toBe(result.history.cost[result.history.cost.length - 1]);
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }, 30_000);

  test("maxTime counts from the call (setup included) and is honoured inside long phases", async () => {
    const before = runtime().arena.stats().bytesLive;
    // A retain() that takes 30 ms (setup): the run's time includes it.
    const heavy: Problem<Float64Array> = { ...rayleigh, retain: () => (busyWait(30), rayleigh.retain!()) };
    const { result, start, end } = await timed(() => gradientDescent(heavy, null, { maxIterations: 2 }));
    expect(result.time).toBeGreaterThanOrEqual(end - start - 3);
    expect(result.time).toBeGreaterThanOrEqual(30);
    for (const [name, fns, run] of runs) {
      const fn = fns[fns.length - 1];
      const { result: r, start: s, end: e } = await timed(() => run(slowed(problemOf(name), fn), { yieldInterval: YIELD, maxIterations: 1e9, maxTime: 60 }));
      expect(["max-time", "gradient-tolerance"], name).toContain(r.reason);
      expect(e - s, `${name}: maxTime honoured late`).toBeLessThan(60 + BOUND);
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }, 30_000);
});
