// phaseTransition in the calling thread (workers: 1) with custom problems: the grid's cells and
// their order, the rates against an independent count, the trials' seeds, progress and stopping,
// failing trials, and every bad input.
import { describe, expect, test } from "vitest";
import { phaseTransition } from "../../src/phase-transition/phase-transition.js";
import type { PhaseTransitionOptions, TrialParameters } from "../../src/phase-transition/types.js";

/** A record that is a known function of the parameters and the seed. */
const value = (p: TrialParameters, seed: number): number => (p.a as number) * 100 + (p.b as number) + (seed % 7) / 10;
const problem = {
  trial: (p: TrialParameters, seed: number) => ({ value: value(p, seed), seed, data: Float64Array.of(seed, 1 / 3) }),
  success: (r: { value: number }) => r.value >= 200,
};
const grid = { a: [1, 2, 3], b: [5, 7] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("phaseTransition: cells, records and rates", () => {
  test("cells are the Cartesian product, the first axis slowest; rates count each cell's successes", async () => {
    const result = await phaseTransition({ problem, grid, trials: 4, seed: 9 });
    expect(result.reason).toBe("complete");
    expect(result.workers).toBe(1);
    expect([result.completed, result.total, result.records.length]).toEqual([24, 24, 24]);
    const cells = result.rates.map(({ a, b }) => [a, b]);
    expect(cells).toEqual([[1, 5], [1, 7], [2, 5], [2, 7], [3, 5], [3, 7]]);
    // Records: by cell, then trial; each is what the trial returned for its cell and seed.
    result.records.forEach((entry, k) => {
      expect([entry.cell, entry.trial]).toEqual([Math.floor(k / 4), k % 4]);
      expect(entry.params).toEqual({ a: cells[entry.cell][0], b: cells[entry.cell][1] });
      expect(entry.record).toEqual({ value: value(entry.params, entry.seed), seed: entry.seed, data: Float64Array.of(entry.seed, 1 / 3) });
      expect(entry.success).toBe(entry.record.value >= 200);
      expect(entry.time).toBeGreaterThanOrEqual(0);
    });
    // Rates from an independent count over the records' values.
    for (const rate of result.rates) {
      const mine = result.records.filter((e) => e.params.a === rate.a && e.params.b === rate.b);
      const wins = mine.filter((e) => value(e.params, e.seed) >= 200).length;
      expect([rate.successes, rate.trials, rate.rate]).toEqual([wins, 4, wins / 4]);
    }
    expect(result.rates.slice(0, 2).map((r) => r.rate)).toEqual([0, 0]); // a = 1: values < 200
    expect(result.rates.slice(2).map((r) => r.rate)).toEqual([1, 1, 1, 1]);
  });

  test("trial t has one seed in every cell, distinct across t, fixed by the run's seed", async () => {
    const run = (seed: number) => phaseTransition({ problem, grid, trials: 5, seed });
    const [a, again, other] = await Promise.all([run(3), run(3), run(4)]);
    const seeds = (r: typeof a) => r.records.filter((e) => e.cell === 0).map((e) => e.seed);
    expect(new Set(seeds(a)).size).toBe(5);
    for (const entry of a.records) expect(entry.seed).toBe(seeds(a)[entry.trial]);
    expect(again.records).toEqual(a.records.map((e) => ({ ...e, time: again.records[e.cell * 5 + e.trial].time })));
    expect(seeds(other).some((s, t) => s !== seeds(a)[t])).toBe(true);
    for (const s of seeds(a)) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  test("the options' success overrides the problem's; records are clones of what trials return", async () => {
    const returned: object[] = [];
    const result = await phaseTransition({
      problem: { trial: (p: TrialParameters) => { const r = { a: p.a as number }; returned.push(r); return r; } },
      grid: { a: [1, 2] },
      trials: 1,
      success: (r: { a: number }) => r.a === 2,
    });
    expect(result.rates.map((r) => r.rate)).toEqual([0, 1]);
    expect(result.records[0].record).toEqual(returned[0]);
    expect(result.records[0].record).not.toBe(returned[0]);
  });

  test("async trials are awaited", async () => {
    const result = await phaseTransition({
      problem: { trial: async (p: TrialParameters) => (await sleep(1), { ok: p.a === 1 }), success: (r: { ok: boolean }) => r.ok },
      grid: { a: [1, 2] },
      trials: 2,
    });
    expect(result.rates.map((r) => r.rate)).toEqual([1, 0]);
  });
});

describe("phaseTransition: progress and stopping", () => {
  test("onProgress sees every trial in order of completion; returning 'stop' ends the run there", async () => {
    const seen: number[] = [];
    const full = await phaseTransition({ problem, grid, trials: 2, onProgress: (p) => void seen.push(p.completed) });
    expect(seen).toEqual(Array.from({ length: 12 }, (_, k) => k + 1));
    expect(full.reason).toBe("complete");
    const stopped = await phaseTransition({ problem, grid, trials: 2, onProgress: (p) => (p.completed === 5 ? "stop" : undefined) });
    expect([stopped.reason, stopped.completed, stopped.total]).toEqual(["callback", 5, 12]);
    expect(stopped.rates.reduce((s, r) => s + r.trials, 0)).toBe(5);
    expect(stopped.rates.at(-1)!.rate).toBeNaN(); // no trial of the last cell finished
    expect(stopped.rates.at(-1)!.trials).toBe(0);
  });

  test("an abort during a trial discards it, reaches the trial's signal and ends the run", async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const result = await phaseTransition({
      problem: {
        trial: async (p: TrialParameters, _seed: number, { signal }: { signal: AbortSignal }) => {
          if (p.a === 2) {
            controller.abort();
            sawAbort = signal.aborted;
          }
          return { a: p.a };
        },
        success: () => true,
      },
      grid: { a: [1, 2, 3] },
      trials: 1,
      signal: controller.signal,
    });
    expect(sawAbort).toBe(true);
    expect([result.reason, result.completed]).toEqual(["aborted", 1]);
    expect(result.records.map((e) => e.params.a)).toEqual([1]);
  });

  test("an already aborted signal runs no trial; maxTime stops between trials", async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const counting = { trial: () => (calls++, {}), success: () => true };
    const none = await phaseTransition({ problem: counting, grid, signal: controller.signal });
    expect([none.reason, none.completed, calls]).toEqual(["aborted", 0, 0]);
    const slow = { trial: async () => (await sleep(15), {}), success: () => true };
    const timed = await phaseTransition({ problem: slow, grid, trials: 10, maxTime: 60 });
    expect(timed.reason).toBe("max-time");
    expect(timed.completed).toBeGreaterThan(0);
    expect(timed.completed).toBeLessThan(timed.total);
    expect(timed.time).toBeLessThan(1000);
  });

  test("a failing trial rejects the run with its cell, trial and seed", async () => {
    const failing = { trial: (p: TrialParameters) => { if (p.b === 7 && p.a === 2) throw new RangeError("boom"); return {}; }, success: () => true };
    const error = await phaseTransition({ problem: failing, grid, trials: 2 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^phaseTransition: trial 0 of cell 3 \{"a":2,"b":7\} \(seed \d+\) failed in the calling thread: RangeError: boom$/);
    expect(((error as Error).cause as Error).message).toBe("boom");
    // A record that cannot be cloned fails the same way (as it would on its way out of a worker).
    const unclonable = { trial: () => ({ f: () => 1 }), success: () => true };
    await expect(phaseTransition({ problem: unclonable, grid, trials: 1 })).rejects.toThrow(/trial 0 of cell 0 .*DataCloneError/);
  });
});

describe("phaseTransition: bad input is rejected before any trial", () => {
  const calls: number[] = [];
  const counted = { trial: () => (calls.push(1), {}), success: () => true };
  const cases: [string, unknown, RegExp, ErrorConstructor][] = [
    ["not an object", null, /invalid options: expected \{ problem, grid, … \}, got null/, TypeError],
    ["an unknown key", { problem: counted, grid, worker: 2 }, /unknown option worker in options/, TypeError],
    ["an unknown preset", { problem: "sensing", grid }, /invalid problem: expected "completion", "orthogonal-dictionary", "deconvolution", \{ trial, success\? \} or \{ module: URL \}, got "sensing"/, TypeError],
    ["a problem without trial", { problem: { success: () => true }, grid }, /invalid problem.trial: expected a function, got undefined/, TypeError],
    ["a problem with an extra key", { problem: { ...counted, name: "x" }, grid }, /unknown key name in problem/, TypeError],
    ["a relative module URL", { problem: { module: "./trial.mjs" }, grid }, /invalid problem.module: expected an absolute URL .*got "\.\/trial\.mjs"/, TypeError],
    ["a module with another key", { problem: { module: "file:///x.mjs", trial: () => 1 }, grid }, /a module problem is \{ module \} alone, got the keys module, trial/, TypeError],
    ["a grid that is an array", { problem: counted, grid: [1, 2] }, /invalid grid: expected an object of value arrays.*got Array\(2\)/, TypeError],
    ["an empty grid", { problem: counted, grid: {} }, /invalid grid: expected at least one axis/, RangeError],
    ["an empty axis", { problem: counted, grid: { a: [] } }, /invalid grid.a: expected a non-empty array of values, got Array\(0\)/, TypeError],
    ["a NaN value", { problem: counted, grid: { a: [1, NaN] } }, /invalid grid.a\[1\]: expected a finite number, a string or a boolean, got NaN/, RangeError],
    ["an object value", { problem: counted, grid: { a: [{}] } }, /invalid grid.a\[0\]: expected a finite number, a string or a boolean, got an object/, TypeError],
    ["a reserved axis", { problem: counted, grid: { rate: [1] } }, /the axis name rate is reserved/, RangeError],
    ["zero trials", { problem: counted, grid, trials: 0 }, /invalid trials: expected an integer ≥ 1, got 0/, RangeError],
    ["a negative seed", { problem: counted, grid, seed: -1 }, /invalid seed: expected an integer in \[0, 4294967295\], got -1/, RangeError],
    ["zero workers", { problem: counted, grid, workers: 0 }, /invalid workers: expected an integer in \[1, 1024\], got 0/, RangeError],
    ["functions on two workers", { problem: counted, grid, workers: 2 }, /invalid workers: a problem given as functions runs in the calling thread \(workers: 1\), got 2/, TypeError],
    ["no success rule", { problem: { trial: counted.trial }, grid }, /invalid success: the problem has no success rule/, TypeError],
    ["a success that is not a function", { problem: counted, grid, success: 1 }, /invalid success: expected a function, got 1/, TypeError],
    ["a bad onProgress", { problem: counted, grid, onProgress: "x" }, /invalid onProgress: expected a function, got "x"/, TypeError],
    ["a bad signal", { problem: counted, grid, signal: {} }, /invalid signal: expected an AbortSignal, got an object/, TypeError],
    ["a negative maxTime", { problem: counted, grid, maxTime: -1 }, /invalid maxTime: expected a number of milliseconds ≥ 0 \(or Infinity\), got -1/, RangeError],
  ];
  for (const [what, options, message, kind] of cases) {
    test(what, async () => {
      const error = await phaseTransition(options as PhaseTransitionOptions<unknown>).catch((e: Error) => e);
      expect(error).toBeInstanceOf(kind);
      expect((error as Error).message).toMatch(message);
      expect(calls).toEqual([]);
    });
  }
});
