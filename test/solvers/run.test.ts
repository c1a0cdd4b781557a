import { describe, expect, test } from "vitest";
import { SolverRun } from "../../src/solvers/run.js";
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
    // A 300 ms run whose iterations are pure busy work: with yieldInterval 5 ms the timer below
    // fires about every 5 ms; without yields its first tick would come after the whole run.
    // The bound 100 ms leaves room for a loaded machine's scheduling delays.
    const run = makeRun({ gradientTolerance: 0, maxIterations: 1e9, yieldInterval: 5 });
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 1);
    await run.begin(0, 1, 1);
    const start = performance.now();
    let k = 0;
    while (performance.now() - start < 300) {
      busyWait(0.2);
      await run.record(++k, 1, 1, 1);
    }
    clearInterval(timer);
    expect(ticks.length).toBeGreaterThan(5);
    let maxGap = 0;
    for (let i = 1; i < ticks.length; i++) maxGap = Math.max(maxGap, ticks[i] - ticks[i - 1]);
    expect(maxGap).toBeLessThan(100);
  });

  test("yieldToEventLoop lets pending timers run", async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    busyWait(2);
    for (let i = 0; i < 50 && !fired; i++) await yieldToEventLoop();
    expect(fired).toBe(true);
  });
});
