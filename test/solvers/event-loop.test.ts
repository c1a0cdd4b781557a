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

/** The busy time of one slow evaluation, ms (above the yield interval: every checkpoint yields). */
const SLOW = 15;
const YIELD = 8;
/**
 * The most slow evaluations allowed between two turns of the event loop: every phase checks
 * after each evaluation, and at most two evaluations (a trial point's cost and its gradient)
 * come between checks; one more for slack. Blocking phases — a whole Lanczos run, a whole line
 * search — take 10 to 30. Counting evaluations rather than milliseconds keeps the test
 * independent of the machine's load: a descheduled process neither evaluates nor ticks.
 */
const MAX_BLOCKED = 3;

type Fn = "cost" | "egrad" | "ehessVec";

/** The start times of the slow evaluations so far (all runs). */
const starts: number[] = [];

/** SLOW ms of busy work, recorded as one slow evaluation. */
function slowEvaluation(): void {
  starts.push(performance.now());
  busyWait(SLOW);
}

/** `p` with `fn` busy-waiting SLOW ms per call. */
function slowed<P>(p: Problem<P>, fn: Fn): Problem<P> {
  const f = (fn === "ehessVec" ? p.ehessVec! : p[fn]) as (...a: unknown[]) => unknown;
  return { ...p, costAndGrad: undefined, [fn]: (...a: unknown[]) => (slowEvaluation(), f.apply(p, a)) } as Problem<P>;
}

/**
 * Runs `solve` while a 1 ms interval timer ticks. `blocked`: the most slow evaluations made
 * between two ticks (or the call and the first tick, or the last tick and the return), i.e.
 * while the event loop could not run the timer; also the time of the call and of the return.
 */
async function timed<R>(solve: () => Promise<R>): Promise<{ result: R; blocked: number; start: number; end: number }> {
  const counts: number[] = [starts.length];
  const timer = setInterval(() => counts.push(starts.length), 1);
  const start = performance.now();
  try {
    const result = await solve();
    const end = performance.now();
    counts.push(starts.length);
    let blocked = 0;
    for (let i = 1; i < counts.length; i++) blocked = Math.max(blocked, counts[i] - counts[i - 1]);
    return { result, blocked, start, end };
  } finally {
    clearInterval(timer);
  }
}

/** The number of slow evaluations that started at or after `time`. */
const startedSince = (time: number): number => starts.filter((t) => t >= time).length;

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
  test("at most three slow evaluations (two by design) between turns of the event loop, in every phase of every solver", async () => {
    const before = runtime().arena.stats().bytesLive;
    for (const [name, fns, run] of runs) {
      for (const fn of fns) {
        const { result, blocked } = await timed(() => run(slowed(problemOf(name), fn), { yieldInterval: YIELD, maxTime: 150, maxIterations: 1e9 }));
        expect(blocked, `${name} with a slow ${fn}`).toBeLessThanOrEqual(MAX_BLOCKED);
        expect(["max-time", "gradient-tolerance"]).toContain(result.reason);
      }
    }
    // Alternating minimization: slow block updates and a slow cost (values that keep changing).
    let k = 0;
    const slowBlocks = {
      blocks: [{ name: "a" as const, update: () => (slowEvaluation(), ++k) }, { name: "b" as const, update: () => (slowEvaluation(), -k) }],
      cost: () => (slowEvaluation(), 0),
    };
    const { blocked, result } = await timed(() => alternatingMinimization(slowBlocks, { a: 0, b: 0 }, { yieldInterval: YIELD, maxTime: 150, maxIterations: 1e9 }));
    expect(result.reason).toBe("max-time");
    expect(blocked).toBeLessThanOrEqual(MAX_BLOCKED);
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }, 30_000);

  test("an abort takes effect within two slow evaluations, in the middle of any phase", async () => {
    const before = runtime().arena.stats().bytesLive;
    for (const [name, fns, run] of runs) {
      const fn = fns[fns.length - 1];
      const controller = new AbortController();
      const due = performance.now() + 60;
      setTimeout(() => controller.abort(), 60);
      const { result } = await timed(() => run(slowed(problemOf(name), fn), { yieldInterval: YIELD, maxIterations: 1e9, signal: controller.signal }));
      expect(result.reason, name).toBe("aborted");
      // Evaluations begun after the abort was due: those before the next turn of the event loop.
      expect(startedSince(due), `${name}: evaluations after the abort`).toBeLessThanOrEqual(2);
      // The result is a recorded iterate: its cost is the last one in the history.
      expect(result.cost).toBe(result.history.cost[result.history.cost.length - 1]);
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }, 30_000);

  test("maxTime counts from the call (setup included) and is honoured inside long phases", async () => {
    const before = runtime().arena.stats().bytesLive;
    // A retain() that takes 30 ms (setup): the run's time includes it.
    const heavy: Problem<Float64Array> = { ...rayleigh, retain: () => (busyWait(30), rayleigh.retain!()) };
    const result = await gradientDescent(heavy, null, { maxIterations: 2 });
    expect(result.time).toBeGreaterThanOrEqual(30);
    for (const [name, fns, run] of runs) {
      const fn = fns[fns.length - 1];
      const { result: r, start } = await timed(() => run(slowed(problemOf(name), fn), { yieldInterval: YIELD, maxIterations: 1e9, maxTime: 60 }));
      expect(["max-time", "gradient-tolerance"], name).toContain(r.reason);
      expect(startedSince(start + 60), `${name}: evaluations after maxTime`).toBeLessThanOrEqual(2);
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }, 30_000);
});
