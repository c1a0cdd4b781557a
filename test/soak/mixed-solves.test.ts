// Soak: many small solves of every kind in one runtime — the four Riemannian solvers, proximal
// gradient, completeMatrix, sparseCode and deconvolve — with, chosen by a seeded generator, an
// abort at a random iteration, an onIteration callback that throws, or a bad input. After every
// solve the arena holds no more bytes than before (the FFT plan cache aside, which keeps plans on
// purpose), and wasm memory stops growing once warmed up: the last 80% of the solves add no page.
// SOAK_SOLVES sets the count (default 10,000; the suite's time budget is met at that count on the
// shared machine, about 30 s).
import { beforeAll, expect, test } from "vitest";
import * as b from "../../src/index.js";

const SOLVES = Number(process.env.SOAK_SOLVES ?? 10_000);

type Perturbation = "none" | "abort" | "throwing callback" | "bad input";
interface Solve {
  name: string;
  run(options: Record<string, unknown>, bad: boolean): Promise<unknown>;
}

const A = b.fromRows([[4, 1, 0, 0], [1, 3, 1, 0], [0, 1, 2, 1], [0, 0, 1, 1]]);
const riemannian = (solver: typeof b.gradientDescent): Solve["run"] => (options, bad) =>
  solver(b.rayleighQuotient(A), bad ? Float64Array.of(1, 1, 1, 1) : null, { maxIterations: 15, ...options });

let lasso: b.CompositeProblem<Float64Array>;
let observed: b.Observed;
let dictionary: b.Matrix, codes: b.Matrix, signal: Float64Array;

const SOLVES_BY_KIND: Solve[] = [
  { name: "gradientDescent", run: riemannian(b.gradientDescent) },
  { name: "trustRegions", run: riemannian(b.trustRegions) },
  { name: "curvilinearSearch", run: riemannian(b.curvilinearSearch) },
  { name: "perturbedGradientDescent", run: riemannian(b.perturbedGradientDescent) },
  {
    name: "proximalGradient",
    run: (options, bad) => b.proximalGradient(lasso, bad ? new Float64Array(5) : new Float64Array(3), { maxIterations: 20, ...options }),
  },
  {
    name: "completeMatrix",
    run: (options, bad) => b.completeMatrix(observed, { rank: bad ? 0 : 2, maxIterations: 5, ...options }),
  },
  {
    name: "sparseCode",
    run: (options, bad) => b.sparseCode(codes, dictionary, { lambda: bad ? -1 : 0.1, maxIterations: 10, ...options }),
  },
  {
    name: "deconvolve",
    run: (options, bad) => b.deconvolve(signal, { kernelLength: bad ? 0 : 4, maxIterations: 4, ...options }),
  },
];

beforeAll(async () => {
  await b.init();
  const M = b.fromRows([[1, 0, 1], [0, 1, 1], [1, 1, 0], [1, 0, 0]]);
  const y = Float64Array.of(2, 0, 2, 2);
  lasso = {
    smooth: {
      manifold: b.euclidean(3),
      cost: (x: Float64Array) => { const r = b.gemv(M, x, { beta: -1, y }); return 0.5 * b.dot(r, r); },
      egrad: (x: Float64Array) => b.gemv(M, b.gemv(M, x, { beta: -1, y }), { trans: true }),
    },
    regularizer: b.l1(0.1),
  };
  const truth = b.randomLowRank(12, 10, 2, { seed: 1, dense: true });
  observed = b.observedFromMask(truth.matrix!, b.uniformMask(12, 10, 0.6, 2));
  dictionary = b.randomDictionary(6, 10, { seed: 3 });
  codes = b.gemm(dictionary, b.bernoulliGaussian(10, 4, 0.2, { seed: 4 }));
  signal = b.convolutionalData(b.randomKernel(4, { seed: 5 }), 32, { theta: 0.2, seed: 6 }).signal;
});

test(`soak: ${SOLVES} mixed solves with aborts, throwing callbacks and bad inputs hold no wasm memory`, async () => {
  const { arena } = b.runtime();
  const live = (): number => arena.stats().bytesLive - b.fftPlanStats().bytes;
  const start = live();
  const rng = new b.Rng(2024);
  const counts: Record<Perturbation, number> = { none: 0, abort: 0, "throwing callback": 0, "bad input": 0 };
  const outcomes = new Map<string, number>();
  let warmMemory = 0;
  for (let k = 0; k < SOLVES; k++) {
    if (k === Math.floor(SOLVES / 5)) warmMemory = arena.stats().memoryBytes;
    const solve = SOLVES_BY_KIND[rng.integer(SOLVES_BY_KIND.length)];
    const u = rng.uniform();
    const perturbation: Perturbation = u < 0.5 ? "none" : u < 0.75 ? "abort" : u < 0.9 ? "throwing callback" : "bad input";
    counts[perturbation]++;
    const options: Record<string, unknown> = {};
    const controller = new AbortController();
    if (perturbation === "abort") {
      const at = rng.integer(4); // 0: aborted before the call
      if (at === 0) controller.abort();
      options.signal = controller.signal;
      options.onIteration = (info: { iteration: number }) => {
        if (info.iteration >= at) controller.abort();
      };
    }
    if (perturbation === "throwing callback") {
      const at = rng.integer(3);
      options.onIteration = (info: { iteration: number }) => {
        if (info.iteration >= at) throw new Error("callback failed");
      };
    }
    let outcome: string;
    try {
      const result = (await solve.run(options, perturbation === "bad input")) as { reason?: string; result?: { reason: string } };
      outcome = `returned ${result.reason ?? result.result?.reason ?? "a result"}`;
    } catch (error) {
      outcome = error instanceof TypeError || error instanceof RangeError ? "rejected the input" : (error as Error).message;
    }
    const key = `${solve.name} / ${perturbation} / ${outcome}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    // What each perturbation must give: bad input a TypeError/RangeError, a throwing callback its
    // error (or a run that ended before it threw), an abort the reason "aborted" (or an earlier end).
    if (perturbation === "bad input") expect(outcome, key).toBe("rejected the input");
    if (perturbation === "throwing callback") expect(outcome, key).toMatch(/^(callback failed|returned (?!aborted))/);
    if (perturbation === "abort" || perturbation === "none") expect(outcome, key).toMatch(/^returned /);
    if (live() !== start) throw new Error(`solve ${k} (${key}) left ${live() - start} bytes live`);
  }
  expect(live()).toBe(start);
  expect(arena.stats().memoryBytes).toBe(warmMemory);
  expect(Math.min(...Object.values(counts))).toBeGreaterThan(0);
  // Every kind of solve met every perturbation.
  for (const s of SOLVES_BY_KIND) {
    for (const p of Object.keys(counts)) expect([...outcomes.keys()].some((key) => key.startsWith(`${s.name} / ${p} /`)), `${s.name} / ${p}`).toBe(true);
  }
}, 300_000);
