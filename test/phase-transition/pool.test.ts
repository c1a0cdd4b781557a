// The worker pool for real, in Node, through the built bundle (workers load dist/benign.js itself):
// workers: 2 gives the records of workers: 1 (the completion preset and a module problem), the
// trials really run on two other threads (parked and reused by the next run), and stopping,
// failing trials and bad modules behave.
import { availableParallelism } from "node:os";
import { beforeAll, describe, expect, test } from "vitest";
import type * as Benign from "../../src/index.js";

const bundle = new URL("../../dist/benign.js", import.meta.url).href;
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
let benign: typeof Benign;

beforeAll(async () => {
  benign = (await import(/* @vite-ignore */ bundle)) as typeof Benign;
  await benign.init();
});

/** The records without the time each trial took (the only field that may differ between runs). */
const withoutTime = <R>(records: Benign.TrialEntry<R>[]) => records.map(({ time, ...rest }) => (expect(time).toBeGreaterThanOrEqual(0), rest));

interface ThreadedRecord {
  value: number;
  data: Float64Array;
  thread: number;
}

describe("the pool in Node (worker_threads)", () => {
  test("the completion preset: two workers give exactly the records of the calling thread", async () => {
    const options = {
      problem: "completion" as const,
      grid: { rows: [40], cols: [40], rank: [1, 3], sampling: [0.15, 0.25, 0.6] },
      trials: 3,
      seed: 11,
    };
    const one = await benign.phaseTransition<Benign.CompletionTrialRecord>({ ...options, workers: 1 });
    const two = await benign.phaseTransition<Benign.CompletionTrialRecord>({ ...options, workers: 2 });
    expect([one.workers, two.workers]).toEqual([1, 2]);
    expect(two.reason).toBe("complete");
    expect(withoutTime(two.records)).toEqual(withoutTime(one.records));
    expect(two.rates).toEqual(one.rates);
    // Not a vacuous comparison: fits that succeed and fits that fail after a full run.
    const fitted = one.records.filter((e) => !e.record.underdetermined).map((e) => e.record.relativeError);
    expect(Math.min(...fitted)).toBeLessThan(1e-8);
    expect(Math.max(...fitted)).toBeGreaterThan(1e-2);
  });

  test("a module problem: trials run on two worker threads, records equal the calling thread's", async () => {
    const options = { problem: { module: fixture("threaded-trial.mjs") }, grid: { a: [1, 2, 3, 4, 5] }, trials: 8, seed: 3 };
    const one = await benign.phaseTransition<ThreadedRecord>({ ...options, workers: 1 });
    const two = await benign.phaseTransition<ThreadedRecord>({ ...options, workers: 2 });
    expect(new Set(one.records.map((e) => e.record.thread))).toEqual(new Set([0]));
    const threads = new Set(two.records.map((e) => e.record.thread));
    expect(threads.size).toBe(2);
    expect(threads.has(0)).toBe(false);
    const strip = (r: typeof one) => withoutTime(r.records).map((e) => ({ ...e, record: { ...e.record, thread: undefined } }));
    expect(strip(two)).toEqual(strip(one));
    expect(two.records[3].record.data).toBeInstanceOf(Float64Array);
    // A second run is served by the same two workers, parked warm after the first.
    const again = await benign.phaseTransition<ThreadedRecord>({ ...options, workers: 2 });
    expect(new Set(again.records.map((e) => e.record.thread))).toEqual(threads);
    expect(strip(again)).toEqual(strip(one));
    // The module's own success rule.
    for (const e of two.records) expect(e.success).toBe(e.record.value % 2 === 0);
  });

  test("by default, one worker per core (never more than the trials)", async () => {
    const result = await benign.phaseTransition({ problem: { module: fixture("threaded-trial.mjs") }, grid: { a: [1, 2, 3] }, trials: 4 });
    expect(result.workers).toBe(Math.min(availableParallelism(), 12));
    const few = await benign.phaseTransition({ problem: { module: fixture("threaded-trial.mjs") }, grid: { a: [1] }, trials: 1, workers: 4 });
    expect(few.workers).toBe(1);
  });

  test("an abort terminates the workers at once and keeps the finished trials", async () => {
    const controller = new AbortController();
    let callsAfterAbort = 0;
    const started = performance.now();
    const result = await benign.phaseTransition({
      problem: { module: fixture("threaded-trial.mjs") },
      grid: { a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
      trials: 100, // ≈ 3 s of trials on two threads
      workers: 2,
      signal: controller.signal,
      onProgress: ({ completed }) => {
        if (controller.signal.aborted) callsAfterAbort++;
        if (completed === 10) controller.abort();
      },
    });
    expect([result.reason, result.completed]).toEqual(["aborted", 10]);
    expect(callsAfterAbort).toBe(0);
    expect(performance.now() - started).toBeLessThan(1500);
    const stopped = await benign.phaseTransition({ problem: { module: fixture("threaded-trial.mjs") }, grid: { a: [1, 2] }, trials: 500, workers: 2, maxTime: 300 });
    expect(stopped.reason).toBe("max-time");
    expect(stopped.completed).toBeLessThan(1000);
    expect(stopped.time).toBeLessThan(1300);
  });

  test("a trial that throws in a worker rejects the run, naming the trial, its cell and seed", async () => {
    const error = await benign
      .phaseTransition({ problem: { module: fixture("threaded-trial.mjs") }, grid: { a: [1, 99] }, trials: 2, workers: 2 })
      .catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^phaseTransition: trial [01] of cell 1 \{"a":99\} \(seed \d+\) failed in a worker: RangeError: no trial at a = 99/);
    expect(((error as Error).cause as Error).stack).toContain("threaded-trial.mjs");
  });

  test("a module that exports no trial is rejected before any worker starts", async () => {
    await expect(benign.phaseTransition({ problem: { module: fixture("no-trial.mjs") }, grid: { a: [1] }, workers: 2 })).rejects.toThrow(
      /invalid problem.module: file:.*no-trial\.mjs exports no trial function \(got 42\)/,
    );
  });
});
