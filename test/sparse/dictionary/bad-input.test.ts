// learnDictionary's front door: every bad input is a clear error before any work, and no wasm
// memory is leaked after a success, a throw, an abort or a stop on time.
import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import type { Matrix } from "../../../src/matrix.js";
import { learnDictionary } from "../../../src/sparse/dictionary/learn-dictionary.js";
import { objectiveReference, synthetic } from "./fixtures.js";

let Y: Matrix;
beforeAll(async () => {
  await init();
  Y = synthetic(6, 4, 50, 0.4, 3).Y;
});

async function rejects(options: unknown, message: string | RegExp, samples: unknown = Y, kind: typeof TypeError | typeof RangeError = RangeError): Promise<void> {
  const before = runtime().arena.stats();
  const call = learnDictionary(samples as Matrix, options as { atoms: number });
  await expect(call).rejects.toThrow(kind);
  await expect(call).rejects.toThrow(message);
  const after = runtime().arena.stats();
  expect([after.bytesLive, after.buffersLive]).toEqual([before.bytesLive, before.buffersLive]);
}

test("bad samples: not a matrix, empty, NaN where observed, all zero, more atoms than nonzero samples", async () => {
  await rejects({ atoms: 2, lambda: 1 }, "invalid Y: expected a matrix", [[1, 2]], TypeError);
  await rejects({ atoms: 2, lambda: 1 }, "invalid Y: expected at least one row and one sample (column), got a 6×0 matrix", { rows: 6, cols: 0, data: new Float64Array(0) });
  const nan = { ...Y, data: Y.data.slice() };
  nan.data[2 * 50 + 7] = NaN;
  await rejects({ atoms: 2, lambda: 1 }, "invalid Y: Y[2, 7] = NaN; expected finite values", nan);
  const mask = new Uint8Array(300).fill(1);
  mask[2 * 50 + 7] = 0;
  const fit = await learnDictionary(nan, { atoms: 2, lambda: 1, mask, maxIterations: 2 }); // NaN under a 0 of the mask: fine
  expect(Number.isFinite(fit.objective)).toBe(true);
  await rejects({ atoms: 2, lambda: 1 }, "invalid Y: every entry is 0", { rows: 3, cols: 4, data: new Float64Array(12) });
  // Zero samples do not count: 3 nonzero samples cannot determine 4 atoms.
  const few = { rows: 2, cols: 6, data: Float64Array.from([1, 0, 2, 0, 0, 3, 1, 0, 1, 0, 0, 1]) };
  await rejects({ atoms: 4, lambda: 1 }, "invalid atoms: 4 atoms for 3 nonzero samples; expected at most 3", few);
  await rejects({ atoms: 43, lambda: 1 }, "invalid atoms: 43 atoms for 42 nonzero samples"); // 8 of the 50 samples are 0
});

test("bad options: λ < 0 or missing, atoms, unknown keys, options of another coder, a bad mask, a bad init", async () => {
  await rejects({ atoms: 2, lambda: -1 }, "invalid lambda: expected a finite number ≥ 0, got -1");
  await rejects({ atoms: 2 }, 'invalid lambda: expected a finite number ≥ 0 (required with coding "cd"), got undefined', Y, TypeError);
  await rejects({ lambda: 1 }, "invalid atoms: expected the number of atoms", Y, TypeError);
  await rejects({ atoms: 0, lambda: 1 }, "invalid atoms: expected an integer ≥ 1, got 0");
  await rejects({ atoms: 1.5, lambda: 1 }, "invalid atoms: expected an integer, got 1.5", Y, TypeError);
  await rejects({ atoms: 2, lambda: 1, step: 3 }, "unknown option step in options", Y, TypeError);
  await rejects({ atoms: 2, lambda: 1, method: "sgd" }, 'invalid method: expected one of "batch", "online"', Y, TypeError);
  await rejects({ atoms: 2, coding: "omp", lambda: 1, sparsity: 1 }, 'invalid lambda: not an option of coding "omp"', Y, TypeError);
  await rejects({ atoms: 2, coding: "omp" }, 'coding "omp" needs sparsity or residualTolerance', Y, TypeError);
  await rejects({ atoms: 2, lambda: 1, sparsity: 1 }, 'invalid sparsity: an option of coding "omp" only', Y, TypeError);
  await rejects({ atoms: 2, lambda: 1, mask: new Uint8Array(299) }, "invalid mask: expected 300 entries (n·p = 6·50, row-major like Y), got 299");
  await rejects({ atoms: 2, lambda: 1, mask: [1, 0] }, "invalid mask: expected a Uint8Array", Y, TypeError);
  await rejects({ atoms: 2, lambda: 1, mask: new Uint8Array(300).fill(2) }, "invalid mask: mask[0] = 2; expected 0 (missing) or 1 (observed)");
  await rejects({ atoms: 2, lambda: 1, coding: "fista", mask: new Uint8Array(300).fill(1) }, 'invalid mask: a mask needs coding "cd"', Y, TypeError);
  await rejects({ atoms: 2, lambda: 1, init: { rows: 6, cols: 3, data: new Float64Array(18).fill(1) } }, "invalid init: expected an 6×2 matrix (n × atoms), got a 6×3 matrix");
  const zeroColumn = { rows: 6, cols: 2, data: Float64Array.from({ length: 12 }, (_, t) => (t % 2 === 1 ? 0 : 1)) };
  await rejects({ atoms: 2, lambda: 1, init: zeroColumn }, "invalid init: column 1 (atom 1) is zero; every atom must be nonzero");
  const nanInit = { rows: 6, cols: 2, data: new Float64Array(12).fill(1) };
  nanInit.data[3] = Infinity;
  await rejects({ atoms: 2, lambda: 1, init: nanInit }, "invalid init: init[1, 1] = Infinity; expected finite values");
  await rejects({ atoms: 2, lambda: 1, init: "random" }, 'invalid init: expected one of "samples", "svd"', Y, TypeError);
  await rejects({ atoms: 2, lambda: 1, batchSize: 0 }, "invalid batchSize: expected an integer ≥ 1, got 0");
  await rejects({ atoms: 2, lambda: 1, tolerance: -1 }, "invalid tolerance: expected a finite number ≥ 0, got -1");
  await rejects(null, "invalid options: expected an options object", Y, TypeError);
});

test("an abort, a time limit and a callback stop the run with a consistent result; memory is returned", async () => {
  const { Y: big } = synthetic(16, 24, 3000, 0.1, 5);
  for (const method of ["batch", "online"] as const) {
    const before = runtime().arena.stats().bytesLive;
    const controller = new AbortController();
    let calls = 0;
    const aborted = await learnDictionary(big, {
      atoms: 24, lambda: 0.05, method, signal: controller.signal, onIteration: () => void (++calls === 2 && controller.abort()),
    });
    expect(aborted.result.reason).toBe("aborted");
    expect(runtime().arena.stats().bytesLive).toBe(before);
    // The objective is that of the dictionary and codes returned, whatever the moment of the stop.
    const reference = objectiveReference(big, aborted.dictionary, aborted.codes, 0.05);
    expect(Math.abs(aborted.objective - reference)).toBeLessThan(1e-12 * reference);
    const timed = await learnDictionary(big, { atoms: 24, lambda: 0.05, method, maxTime: 50 });
    expect(timed.result.reason).toBe("max-time");
    expect(timed.result.time).toBeLessThan(2000);
    const stopped = await learnDictionary(big, { atoms: 24, lambda: 0.05, method, onIteration: (info) => (info.iteration === 3 ? "stop" : undefined) });
    expect([stopped.result.reason, stopped.result.iterations]).toEqual(["callback", 3]);
    expect(runtime().arena.stats().bytesLive).toBe(before);
  }
});

test("onIteration gets a copy of the dictionary: changing it does not change the run", async () => {
  const plain = await learnDictionary(Y, { atoms: 3, lambda: 0.1, maxIterations: 5 });
  const meddled = await learnDictionary(Y, { atoms: 3, lambda: 0.1, maxIterations: 5, onIteration: (info) => void (info.point.data as Float64Array).fill(7) });
  expect(meddled.history.cost).toEqual(plain.history.cost);
});
