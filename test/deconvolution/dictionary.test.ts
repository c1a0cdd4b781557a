// learnConvolutionalDictionary: K kernels recovered from synthetic data modulo signed shifts and
// a permutation (matchKernels), 1-D and 2-D, one or many signals, with missing samples; the
// objective against a plain-JS evaluation; bad inputs before any work; memory.
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { learnConvolutionalDictionary } from "../../src/deconvolution/learn-convolutional-dictionary.js";
import { randomKernel } from "../../src/deconvolution/generators.js";
import { matchKernels } from "../../src/symmetry/signed-shift.js";
import type { Matrix } from "../../src/matrix.js";
import { psi, synthetic } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

describe("learnConvolutionalDictionary", () => {
  test("1-D: K = 3 kernels (n = 20) from two signals of 4000 samples, θ = 0.01 per kernel: each recovered (matched shift correlation ≥ 0.9, in fact ≥ 0.99), Ψ at or below Ψ(truth)", async () => {
    const n = 20, m = 4000, K = 3, lambda = 0.01;
    const shape = { rows: 1, cols: m, windowRows: 1, windowCols: n };
    for (const seed of [1, 2]) {
      const truth = Array.from({ length: K }, (_, k) => randomKernel(n, { seed: 10 * seed + k }));
      const { signals, activations } = synthetic(shape, truth, 2, 0.01, 100 * seed);
      const before = runtime().arena.stats().bytesLive;
      const fit = await learnConvolutionalDictionary(signals, { kernels: K, kernelLength: n, lambda, seed });
      expect(runtime().arena.stats().bytesLive).toBe(before);
      expect(fit.kernels).toHaveLength(K);
      expect(fit.activations.map((row) => row.length)).toEqual([K, K]);
      const match = matchKernels(fit.kernels, truth);
      expect(match.minimum, Array.from(match.correlations).join(" ")).toBeGreaterThanOrEqual(0.99);
      expect(new Set(match.estimateOf).size).toBe(K);
      // The objective, evaluated independently, and at least as low as the truth's.
      const window = { ...shape, windowCols: 3 * n };
      const value = psi(window, fit.kernels, fit.activations, signals, lambda);
      expect(fit.objective).toBeCloseTo(value, 8);
      expect(value).toBeLessThanOrEqual(psi(shape, truth, activations, signals, lambda) * (1 + 1e-9));
    }
  }, 20_000);

  test("1-D with 30% of the samples missing (NaN there): the mask keeps recovery (≥ 0.99) and Ψ is the masked one", async () => {
    const n = 20, m = 4000, K = 3, lambda = 0.01;
    const shape = { rows: 1, cols: m, windowRows: 1, windowCols: n };
    const truth = Array.from({ length: K }, (_, k) => randomKernel(n, { seed: 40 + k }));
    const { signals } = synthetic(shape, truth, 2, 0.01, 400);
    const masks = signals.map((y, j) => {
      const mask = new Uint8Array(m);
      for (let i = 0; i < m; i++) mask[i] = (i * 7919 + 31 * j) % 10 < 7 ? 1 : 0;
      y.forEach((_, i) => (y[i] = mask[i] ? y[i] : NaN));
      return mask;
    });
    const fit = await learnConvolutionalDictionary(signals, { kernels: K, kernelLength: n, lambda, seed: 3, mask: masks });
    expect(matchKernels(fit.kernels, truth).minimum).toBeGreaterThanOrEqual(0.99);
    expect(fit.objective).toBeCloseTo(psi({ ...shape, windowCols: 3 * n }, fit.kernels, fit.activations, signals, lambda, masks), 8);
  }, 20_000);

  test("2-D: K = 2 kernels (5×5) from one 64×64 image, with an offset estimated", async () => {
    const shape = { rows: 64, cols: 64, windowRows: 5, windowCols: 5 };
    const truth = [randomKernel([5, 5], { seed: 5 }), randomKernel([5, 5], { seed: 6 })];
    const { signals } = synthetic(shape, truth.map((t) => t.data), 1, 0.015, 600);
    const image: Matrix = { rows: 64, cols: 64, data: signals[0].map((v) => v + 0.5) };
    const fit = await learnConvolutionalDictionary(image, { kernels: 2, kernelShape: [5, 5], lambda: 0.01, bias: true, seed: 2 });
    expect(fit.kernels[0]).toMatchObject({ rows: 15, cols: 15 });
    expect(fit.activations[0][1]).toMatchObject({ rows: 64, cols: 64 });
    expect(matchKernels(fit.kernels, truth).minimum).toBeGreaterThanOrEqual(0.99);
    expect(fit.bias[0]).toBeCloseTo(0.5, 2);
  }, 20_000);

  test("bad inputs are named before any work: masks of the wrong shape or values, non-finite observed data, shapes that do not fit", async () => {
    const arena = runtime().arena;
    const before = arena.stats().bytesLive;
    const y = new Float64Array(300).map((_, i) => Math.sin(i));
    const image: Matrix = { rows: 30, cols: 36, data: new Float64Array(30 * 36).map((_, i) => Math.cos(i)) };
    const bad = async (args: unknown[], message: RegExp | string, kind: typeof TypeError | typeof RangeError = RangeError) => {
      const call = () => (learnConvolutionalDictionary as (...a: unknown[]) => Promise<unknown>)(...args);
      await expect(call()).rejects.toThrow(kind);
      await expect(call()).rejects.toThrow(message);
    };
    await bad([y, { kernelLength: 10, mask: new Uint8Array(299) }], "invalid mask: expected 300 entries (the signal's length), got 299");
    await bad([[y, y], { kernelLength: 10, mask: [new Uint8Array(300)] }], "invalid mask: expected 2 masks, one per signal, got 1");
    await bad([[y, y], { kernelLength: 10, mask: new Uint8Array(300) }], "invalid mask: expected an array of 2 masks, one per signal, got Uint8Array(300)", TypeError);
    await bad([image, { kernelShape: [3, 3], mask: { rows: 36, cols: 30, data: new Float64Array(1080) } }], "invalid mask: expected 30×36 like the signal, got 36×30");
    await bad([y, { kernelLength: 10, mask: new Float64Array(300).fill(0.5) }], "invalid mask: entry 0 is 0.5; expected 0 (missing) or 1 (observed)");
    const nan = y.slice();
    nan[7] = NaN;
    await bad([[y, nan], { kernelLength: 10 }], "invalid signals[1]: entry 7 is NaN; expected finite values where observed");
    const mask = new Uint8Array(300).fill(1);
    mask[8] = 0;
    await bad([nan, { kernelLength: 10, mask }], "invalid signals: entry 7 is NaN");
    await bad([y, { kernelLength: 101 }], "invalid kernelLength: the kernel's window 3n = 303 must fit in the signal (length 300); expected n ≤ 100");
    await bad([image, { kernelShape: [11, 3] }], "invalid kernelShape: the kernel's window 33×9 must fit in the 30×36 signal");
    await bad([[y, y.subarray(1)], { kernelLength: 10 }], "invalid signals[1]: expected length 300 like signals[0], got length 299");
    await bad([[image, y], { kernelShape: [3, 3] }], "invalid signals[1]: expected a Float64Array (1-D) or a matrix (2-D), got Float64Array(300)", TypeError);
    await bad([[], { kernelLength: 1 }], "invalid signals: expected at least one signal, got an empty array");
    await bad([y, { kernelLength: 10, kernels: 0 }], "invalid kernels: expected an integer ≥ 1, got 0");
    await bad([y, { kernelLength: 10, kernels: 2, init: [new Float64Array(10)] }], "invalid init: expected \"random\" or an array of 2 kernels, got Array(1)", TypeError);
    await bad([y, { kernelLength: 10, init: [new Float64Array(11)] }], "invalid init[0]: expected a kernel of length 10 or 30, got Float64Array(11)");
    await bad([y, { kernelLength: 10, lambda: -1 }], "invalid lambda: expected a finite number ≥ 0, got -1");
    await bad([y, { kernelLength: 10, method: "trust-region" }], 'invalid method: expected one of "homotopy", "iadm", got "trust-region"', TypeError);
    await bad([y, { kernelLength: 10, kernelCount: 2 }], "unknown option kernelCount in options", TypeError);
    expect(arena.stats().bytesLive).toBe(before);
  });

  test("onIteration sees the K kernels concatenated; an aborted signal stops the run and frees the memory", async () => {
    const n = 8, m = 600;
    const shape = { rows: 1, cols: m, windowRows: 1, windowCols: n };
    const truth = [randomKernel(n, { seed: 1 }), randomKernel(n, { seed: 2 })];
    const { signals } = synthetic(shape, truth, 1, 0.02, 7);
    const lengths: number[] = [];
    const controller = new AbortController();
    const before = runtime().arena.stats().bytesLive;
    const fit = await learnConvolutionalDictionary(signals[0], {
      kernels: 2, kernelLength: n, signal: controller.signal,
      onIteration: ({ iteration, point }) => {
        lengths.push(point.length);
        if (iteration === 5) controller.abort();
      },
    });
    expect(fit.result.reason).toBe("aborted");
    expect(new Set(lengths)).toEqual(new Set([2 * 3 * n]));
    expect(fit.result.point.length).toBe(2 * 3 * n);
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });
});
