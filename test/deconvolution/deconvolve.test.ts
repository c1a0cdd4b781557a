// The front door: argument checks before any work, options, results, callbacks, abort and
// memory; the "iadm" method and given start kernels.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { deconvolve } from "../../src/deconvolution/deconvolve.js";
import { convolutionalData, randomKernel } from "../../src/deconvolution/generators.js";
import { shiftCorrelation } from "../../src/symmetry/signed-shift.js";
import type { Matrix } from "../../src/matrix.js";

const n = 20, m = 1200;
const a0 = randomKernel(n, { seed: 11 });
let y: Float64Array;
let image: Matrix;

beforeAll(async () => {
  await init();
  y = convolutionalData(a0, m, { theta: n ** -0.75, activation: "bernoulli-rademacher", seed: 12 }).signal;
  image = convolutionalData(randomKernel([4, 5], { seed: 13 }), [30, 36], { theta: 0.02, seed: 14 }).signal;
});

describe("argument checks, before any work", () => {
  test("bad signals, kernel sizes, λ, options and start kernels are named with their values", async () => {
    const arena = runtime().arena;
    const before = arena.stats().bytesLive;
    const bad = async (args: unknown[], message: RegExp | string, kind: typeof TypeError | typeof RangeError = RangeError) => {
      await expect((deconvolve as (...a: unknown[]) => Promise<unknown>)(...args)).rejects.toThrow(kind);
      await expect((deconvolve as (...a: unknown[]) => Promise<unknown>)(...args)).rejects.toThrow(message);
    };
    await bad([y, { kernelLength: 401 }], "invalid kernelLength: the kernel's window 3n = 1203 must fit in the signal (length 1200); expected n ≤ 400");
    await bad([y, { kernelLength: 0 }], "invalid kernelLength: expected an integer ≥ 1, got 0");
    await bad([y, {}], "invalid kernelLength: expected an integer, got undefined", TypeError);
    await bad([y, { kernelLength: n, lambda: -1 }], "invalid lambda: expected a finite number ≥ 0, got -1");
    await bad([y, { kernelLength: n, lambda: NaN }], "invalid lambda: expected a finite number ≥ 0, got NaN");
    const nan = y.slice();
    nan[17] = NaN;
    await bad([nan, { kernelLength: n }], "invalid y: entry 17 is NaN; expected finite values");
    const inf = image.data.slice();
    inf[5] = -Infinity;
    await bad([{ ...image, data: inf }, { kernelShape: [4, 5] }], "invalid y: entry 5 is -Infinity");
    await bad([image, { kernelShape: [11, 5] }], "invalid kernelShape: the kernel's window 33×15 must fit in the 30×36 signal; expected h ≤ 10 and w ≤ 12");
    await bad([image, { kernelShape: [4, 13] }], /window 12×39 must fit/);
    await bad([image, { kernelShape: [4] }], "invalid kernelShape: expected [h, w], got Array(1)", TypeError);
    await bad([image, { kernelLength: 4 }], "invalid kernelLength: a 2-D signal (matrix) takes kernelShape: [h, w]", TypeError);
    await bad([y, { kernelShape: [1, 4] }], "invalid kernelShape: a 1-D signal (Float64Array) takes kernelLength", TypeError);
    await bad([[1, 2, 3], { kernelLength: 1 }], "invalid y: expected a Float64Array (1-D) or a matrix (2-D), got Array(3)", TypeError);
    await bad([y, null], "invalid options", TypeError);
    await bad([y, { kernelLength: n, method: "admm" }], 'invalid method: expected one of "homotopy", "iadm", "trust-region", got "admm"', TypeError);
    await bad([y, { kernelLength: n, tolerance: 1 }], "unknown option tolerance in options", TypeError);
    await bad([y, { kernelLength: n, surrogateLambda: 1 }], "unknown option surrogateLambda", TypeError);
    await bad([y, { kernelLength: n, method: "iadm", shrink: 0.5 }], "unknown option shrink", TypeError);
    await bad([y, { kernelLength: n, inertia: 1 }], "invalid inertia: expected a number in [0, 1), got 1");
    await bad([y, { kernelLength: n, shrink: 0 }], "invalid shrink: expected a number in (0, 1), got 0");
    await bad([y, { kernelLength: n, bias: 1 }], "invalid bias: expected a boolean, got 1", TypeError);
    await bad([y, { kernelLength: n, init: new Float64Array(21) }], "invalid init: expected a kernel of length 20 or 60, got Float64Array(21)");
    await bad([y, { kernelLength: n, init: new Float64Array(20) }], "invalid init: the zero kernel is not on the sphere");
    await bad([y, { kernelLength: n, init: "data" }], 'invalid init: expected "random" or a Float64Array kernel, got "data"', TypeError);
    await bad([image, { kernelShape: [4, 5], init: { rows: 4, cols: 4, data: new Float64Array(16) } }], "invalid init: expected a kernel of 4×5 or 12×15, got a 4×4 matrix");
    await bad([y, { kernelLength: n, method: "trust-region", smoothing: 0 }], "invalid smoothing: expected a finite number > 0, got 0");
    await bad([y, { kernelLength: n, maxIterations: -1 }], "invalid maxIterations: expected an integer ≥ 0, got -1");
    expect(arena.stats().bytesLive).toBe(before);
  });
});

describe("results and options", () => {
  test("1-D result shapes, seeded determinism, onIteration copies and stop, maxIterations", async () => {
    const first = await deconvolve(y, { kernelLength: n, lambda: 0.01, seed: 4 });
    const again = await deconvolve(y, { kernelLength: n, lambda: 0.01, seed: 4 });
    expect(Array.from(again.kernel)).toEqual(Array.from(first.kernel));
    expect(again.objective).toBe(first.objective);
    expect(first.kernel.length).toBe(3 * n);
    expect(first.lambda).toBe(0.01);
    expect(first.result.iterations).toBe(first.result.history.cost.length - 1);
    expect(first.stageStarts[0]).toBe(1);
    expect(first.stages).toBe(first.stageStarts.length - 1);
    const points: Float64Array[] = [];
    const stopped = await deconvolve(y, {
      kernelLength: n, seed: 4,
      onIteration: (info) => {
        points.push(info.point);
        return info.iteration === 5 ? "stop" : undefined;
      },
    });
    expect(stopped.result.reason).toBe("callback");
    expect(points.length).toBe(6);
    expect(points[0]).not.toBe(points[1]); // copies, not one buffer
    expect(Array.from(points[5])).toEqual(Array.from(stopped.kernel));
    const capped = await deconvolve(y, { kernelLength: n, maxIterations: 7 });
    expect(capped.result.reason).toBe("max-iterations");
    expect(capped.result.iterations).toBe(7);
  });

  test("a given start kernel (kernel-sized or window-sized) from the truth: method iadm stays at the truth", async () => {
    for (const init of [a0, Float64Array.from({ length: 3 * n }, (_, i) => (i >= n && i < 2 * n ? a0[i - n] : 0))]) {
      const r = await deconvolve(y, { kernelLength: n, method: "iadm", init, lambda: 0.01 });
      expect(shiftCorrelation(r.kernel, a0).correlation).toBeGreaterThan(0.999);
      expect(r.stageStarts).toEqual([1]);
      expect(r.stages).toBe(0);
    }
  });

  test("2-D results are matrices of the window's and the signal's shapes", async () => {
    const r = await deconvolve(image, { kernelShape: [4, 5], maxIterations: 30 });
    expect([r.kernel.rows, r.kernel.cols, r.activation.rows, r.activation.cols]).toEqual([12, 15, 30, 36]);
    expect(Math.hypot(...r.kernel.data)).toBeCloseTo(1, 12);
  });

  test("λ = 0 and a constant signal with the offset estimated are handled", async () => {
    const flat = await deconvolve(new Float64Array(90).fill(2.5), { kernelLength: 5, bias: true });
    expect(flat.bias).toBeCloseTo(2.5, 12);
    expect(flat.objective).toBeLessThanOrEqual(1e-20);
    const zero = await deconvolve(y, { kernelLength: n, lambda: 0, maxIterations: 20 });
    expect(zero.stages).toBe(0);
    expect(Number.isFinite(zero.objective)).toBe(true);
  });
});

describe("abort, errors and memory", () => {
  test("success, abort (before and during) and a throwing callback all leave wasm memory as it was", async () => {
    const arena = runtime().arena;
    await deconvolve(y, { kernelLength: n, maxIterations: 3 }); // warm-up of anything cached
    const before = arena.stats().bytesLive;
    await deconvolve(y, { kernelLength: n });
    await deconvolve(image, { kernelShape: [4, 5], maxIterations: 40 });
    const aborted = new AbortController();
    aborted.abort();
    expect((await deconvolve(y, { kernelLength: n, signal: aborted.signal })).result.reason).toBe("aborted");
    const later = new AbortController();
    const r = await deconvolve(y, {
      kernelLength: n,
      signal: later.signal,
      onIteration: (info) => {
        if (info.iteration === 3) later.abort();
      },
    });
    expect(r.result.reason).toBe("aborted");
    expect(r.result.iterations).toBe(3);
    await expect(deconvolve(y, {
      kernelLength: n,
      onIteration: (info) => {
        if (info.iteration === 2) throw new Error("callback failure");
      },
    })).rejects.toThrow("callback failure");
    expect(arena.stats().bytesLive).toBe(before);
  });
});
