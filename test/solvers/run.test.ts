import { describe, expect, test } from "vitest";
import { RunInterrupted, SolverRun } from "../../src/solvers/run.js";
import { NonFiniteValueError } from "../../src/problems/non-finite.js";
import { resolveCommonOptions, type SolverOptions } from "../../src/solvers/options.js";
import { yieldToEventLoop } from "../../src/solvers/yield.js";
import { busyWait } from "./fixtures.js";

const noEvaluations = { cost: 0, gradient: 0, hessian: 0 };

function makeRun(options: SolverOptions<number>, confirm?: (x: number) => boolean): SolverRun<number> {
  return new SolverRun(resolveCommonOptions(options, { maxIterations: 100 }), confirm);
}

describe("SolverRun", () => {
  test("records the start and each iterate; history grows past its initial capacity", async () => {
    const run = makeRun({ gradientTolerance: 0, maxIterations: 1000 });
    expect(await run.begin(0, 10, 1)).toBeUndefined();
    for (let k = 1; k <= 200; k++) expect(await run.record(k, 10 - k / 100, 1 / k, 0.5)).toBeUndefined();
    const result = run.finish(200, "callback", noEvaluations);
    expect(result.iterations).toBe(200);
    expect(result.history.cost.length).toBe(201);
    expect(result.history.cost[0]).toBe(10);
    expect(result.history.cost[200]).toBeCloseTo(8, 14);
    expect(result.history.gradientNorm[100]).toBe(1 / 100);
    expect(result.history.step[0]).toBe(0);
    expect(result.history.step[1]).toBe(0.5);
    for (let k = 1; k <= 200; k++) expect(result.history.time[k]).toBeGreaterThanOrEqual(result.history.time[k - 1]);
    expect(result.cost).toBeCloseTo(8, 14);
    expect(result.converged).toBe(false);
  });

  test("stop tests in order: gradient tolerance (unless vetoed), callback, iterations, time, abort", async () => {
    expect(await makeRun({ gradientTolerance: 1e-3 }).begin(0, 1, 1e-3)).toBe("gradient-tolerance");
    // The gradient test wins over a callback stop at the same record.
    expect(await makeRun({ gradientTolerance: 1e-3, onIteration: () => false }).begin(0, 1, 1e-4)).toBe("gradient-tolerance");
    expect(await makeRun({ onIteration: () => "stop" }).begin(0, 1, 1)).toBe("callback");
    expect(await makeRun({ onIteration: () => true }).begin(0, 1, 1)).toBeUndefined();
    expect(await makeRun({ maxIterations: 0 }).begin(0, 1, 1)).toBe("max-iterations");
    expect(await makeRun({ maxTime: 0 }).begin(0, 1, 1)).toBe("max-time");
    const controller = new AbortController();
    controller.abort();
    expect(await makeRun({ signal: controller.signal }).begin(0, 1, 1)).toBe("aborted");
    const vetoed: number[] = [];
    const run = makeRun({ gradientTolerance: 1e-3 }, (x) => (vetoed.push(x), x >= 2));
    expect(await run.begin(0, 1, 0)).toBeUndefined();
    expect(await run.record(1, 1, 0, 1)).toBeUndefined();
    expect(await run.record(2, 1, 0, 1)).toBe("gradient-tolerance");
    expect(vetoed).toEqual([0, 1, 2]);
  });

  test("the callback sees frozen records; a non-finite start is rejected", async () => {
    const seen: unknown[] = [];
    const run = makeRun({ onIteration: (info) => void seen.push(info) });
    await run.begin(7, 3, 2);
    expect(seen[0]).toMatchObject({ iteration: 0, point: 7, cost: 3, gradientNorm: 2, step: 0 });
    expect(Object.isFrozen(seen[0])).toBe(true);
    await expect(makeRun({}).begin(0, NaN, 1)).rejects.toThrow(/invalid start point: the cost is NaN/);
  });

  test("common options are validated with the option and the value named", () => {
    const bad: [SolverOptions<number>, RegExp][] = [
      [{ maxIterations: 1.5 }, /invalid maxIterations.*1\.5/],
      [{ maxTime: -1 }, /invalid maxTime.*-1/],
      [{ maxTime: "1" as never }, /invalid maxTime.*"1"/],
      [{ gradientTolerance: NaN }, /invalid gradientTolerance.*NaN/],
      [{ onIteration: 3 as never }, /invalid onIteration/],
      [{ signal: {} as never }, /invalid signal/],
      [{ seed: -2 }, /invalid seed.*-2/],
      [{ yieldInterval: -1 }, /invalid yieldInterval.*-1/],
      [{ tolerance: 1 } as never, /tolerance/],
    ];
    for (const [options, message] of bad) expect(() => resolveCommonOptions(options, { maxIterations: 1 })).toThrow(message);
  });

  test("a long run yields often enough for timers to keep firing", async () => {
    // A 300 ms run whose iterations are 0.2 ms of pure busy work: with yieldInterval 5 ms the
    // timer below fires about every 25 iterations; without yields its first tick would come after
    // the whole run (≈ 1500 iterations). Counting iterations between ticks, rather than
    // milliseconds, keeps the test independent of the machine's load.
    const run = makeRun({ gradientTolerance: 0, maxIterations: 1e9, yieldInterval: 5 });
    let k = 0;
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(k), 1);
    await run.begin(0, 1, 1);
    const start = performance.now();
    while (performance.now() - start < 300) {
      busyWait(0.2);
      await run.record(++k, 1, 1, 1);
    }
    clearInterval(timer);
    expect(ticks.length).toBeGreaterThan(5);
    const counts = [0, ...ticks, k];
    let most = 0;
    for (let i = 1; i < counts.length; i++) most = Math.max(most, counts[i] - counts[i - 1]);
    expect(most).toBeLessThanOrEqual(75);
  });

  test("checkpoint: only a yield before the start is recorded; then aborted / max-time at the last iterate", async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = makeRun({ signal: controller.signal });
    await aborted.checkpoint(); // nothing recorded yet: no stop
    expect(await aborted.begin(5, 2, 1)).toBe("aborted");
    await expect(aborted.checkpoint()).rejects.toBeInstanceOf(RunInterrupted);
    const run = makeRun({ gradientTolerance: 0 });
    await run.begin(0, 3, 1);
    await run.record(1, 2, 1, 0.5);
    const stopped = run.interrupted(new RunInterrupted("max-time"), noEvaluations);
    expect(stopped).toMatchObject({ point: 1, cost: 2, iterations: 1, reason: "max-time", converged: false });
    const late = makeRun({ maxTime: 0 });
    await late.checkpoint(); // before the start: a yield only
    await late.begin(0, 1, 1);
    await expect(late.checkpoint()).rejects.toMatchObject({ reason: "max-time" });
  });

  test("interrupted: a non-finite value gives reason non-finite at the last iterate (a RangeError before the start); other errors pass", async () => {
    const fresh = makeRun({});
    expect(() => fresh.interrupted(new NonFiniteValueError("egrad", "entry 2 is NaN"), noEvaluations)).toThrow(
      "invalid x0: at the start, egrad returned a non-finite value (entry 2 is NaN)",
    );
    const run = makeRun({ gradientTolerance: 0 });
    await run.begin(0, 3, 1);
    await run.record(1, 2, 1, 0.5);
    const result = run.interrupted(new NonFiniteValueError("cost", "Infinity"), noEvaluations);
    expect(result).toMatchObject({ point: 1, cost: 2, reason: "non-finite", nonFinite: { function: "cost", iteration: 2, value: "Infinity" } });
    const boom = new Error("boom");
    expect(() => run.interrupted(boom, noEvaluations)).toThrow(boom);
    // A copy function makes the callback's point; without one the callback sees the solver's own.
    const seen: number[][] = [];
    const copying = new SolverRun<number[]>(resolveCommonOptions({ onIteration: (i) => void seen.push(i.point) }, { maxIterations: 5 }), undefined, (p) => p.slice());
    const own = [1, 2];
    await copying.begin(own, 1, 1);
    expect(seen[0]).toEqual(own);
    expect(seen[0]).not.toBe(own);
  });

  test("yieldToEventLoop lets pending timers run", async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    busyWait(2);
    for (let i = 0; i < 50 && !fired; i++) await yieldToEventLoop();
    expect(fired).toBe(true);
  });
});
