// The FFT plan cache: bounded by bytes, least recently used plans freed first, plans in use by a
// call never freed under it.
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import { fft } from "../../../src/kernels/fft/fft.js";
import { rfft } from "../../../src/kernels/fft/rfft.js";
import { circularConvolve2d } from "../../../src/kernels/fft/convolve2d.js";
import {
  DEFAULT_FFT_PLAN_CACHE_BYTES, clearFftPlans, fftPlanStats, setFftPlanCacheBytes,
} from "../../../src/kernels/fft/plans.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { directDft, fftTolerance, relativeError } from "./reference.js";

beforeAll(async () => {
  await init();
});

afterEach(() => {
  setFftPlanCacheBytes(DEFAULT_FFT_PLAN_CACHE_BYTES);
  clearFftPlans();
});

const transform = (n: number) => fft(new Float64Array(n).fill(1), new Float64Array(n));
const lengths = () => fftPlanStats().entries.map((e) => e.length);

describe("the FFT plan cache", () => {
  test("holds at most its budget in bytes, evicting the least recently used plan first", () => {
    clearFftPlans();
    const base = runtime().arena.stats();
    // Measure three plans' sizes, then allow exactly two of them.
    for (const n of [1024, 1000, 960]) transform(n);
    const size = new Map(fftPlanStats().entries.map((e) => [e.length, e.bytes]));
    expect(fftPlanStats().bytes).toBe(size.get(1024)! + size.get(1000)! + size.get(960)!);
    expect(runtime().arena.stats().bytesLive - base.bytesLive).toBe(fftPlanStats().bytes);
    clearFftPlans();
    setFftPlanCacheBytes(size.get(1024)! + size.get(1000)!);
    expect(fftPlanStats().maxBytes).toBe(size.get(1024)! + size.get(1000)!);
    const evictions = fftPlanStats().evictions;
    transform(1024);
    transform(1000);
    expect(lengths()).toEqual([1024, 1000]);
    transform(1024); // now 1000 is the least recently used
    expect(lengths()).toEqual([1000, 1024]);
    transform(960);
    expect(lengths()).toEqual([1024, 960]);
    expect(fftPlanStats().evictions).toBe(evictions + 1);
    expect(fftPlanStats().bytes).toBeLessThanOrEqual(fftPlanStats().maxBytes);
    // The arena holds exactly the cached plans: the evicted one was freed.
    expect(runtime().arena.stats().bytesLive - base.bytesLive).toBe(fftPlanStats().bytes);
    expect(runtime().arena.stats().buffersLive - base.buffersLive).toBe(2);
  });

  test("many lengths stay within the budget; a plan larger than the budget serves its call and is freed", () => {
    clearFftPlans();
    const base = runtime().arena.stats();
    setFftPlanCacheBytes(256 * 1024);
    const rng = new Rng(4);
    for (let n = 100; n < 400; n++) {
      const re = rng.normalArray(n);
      const im = rng.normalArray(n);
      const got = fft(re, im);
      if (n % 50 === 0) {
        const want = directDft(re, im, -1);
        expect(relativeError(got.re, got.im, want.re, want.im), `n = ${n}`).toBeLessThanOrEqual(fftTolerance(n));
      }
      expect(fftPlanStats().bytes).toBeLessThanOrEqual(256 * 1024);
    }
    expect(fftPlanStats().plans).toBeGreaterThan(5);
    // A 2¹⁶ plan (≈ 2 MiB) exceeds the budget: the transform is right, and nothing stays.
    setFftPlanCacheBytes(0);
    expect(fftPlanStats().plans).toBe(0);
    const x = rng.normalArray(65536);
    const spectrum = rfft(x);
    expect(spectrum.re[0]).toBeCloseTo(x.reduce((s, v) => s + v, 0), 9);
    expect(fftPlanStats()).toMatchObject({ plans: 0, bytes: 0 });
    expect(runtime().arena.stats()).toMatchObject({ bytesLive: base.bytesLive, buffersLive: base.buffersLive });
  });

  test("the default budget bounds a 1,000,003-point prime transform (its plan alone is ≈ 175 MiB)", () => {
    expect(fftPlanStats().maxBytes).toBe(64 * 1024 * 1024);
    const x = new Float64Array(1_000_003);
    x[1] = 1;
    const { re, im } = fft(x, new Float64Array(1_000_003));
    // The DFT of e₁ is e^{−2πik/n}.
    for (const k of [0, 1, 500_001, 1_000_002]) {
      expect(re[k]).toBeCloseTo(Math.cos((2 * Math.PI * k) / 1_000_003), 9);
      expect(im[k]).toBeCloseTo(-Math.sin((2 * Math.PI * k) / 1_000_003), 9);
    }
    expect(fftPlanStats().bytes).toBeLessThanOrEqual(64 * 1024 * 1024);
  });

  test("plans in use by a running call are not freed under it, on every build", async () => {
    // With room for the row plan (64) only, the 2-D convolution finds it cached and must make its
    // column plan (48) as well: making room for the new plan must not free the one the call uses.
    const rng = new Rng(5);
    const X = { rows: 64, cols: 48, data: rng.normalArray(64 * 48) };
    const A = { rows: 5, cols: 7, data: rng.normalArray(35) };
    await eachBinary(() => {
      clearFftPlans();
      transform(64);
      setFftPlanCacheBytes(fftPlanStats().bytes);
      expect(lengths()).toEqual([64]);
      const viaFft = circularConvolve2d(X, A, { method: "fft" });
      const direct = circularConvolve2d(X, A, { method: "direct" });
      let err = 0;
      let scale = 0;
      for (let i = 0; i < direct.data.length; i++) {
        err = Math.max(err, Math.abs(viaFft.data[i] - direct.data[i]));
        scale = Math.max(scale, Math.abs(direct.data[i]));
      }
      expect(err).toBeLessThanOrEqual(1e-13 * scale);
      // After the call the least recently used (the row plan, taken first) made room.
      expect(lengths()).toEqual([48]);
    });
  });

  test("setFftPlanCacheBytes checks its argument and returns the previous budget", () => {
    expect(setFftPlanCacheBytes(1000)).toBe(DEFAULT_FFT_PLAN_CACHE_BYTES);
    expect(setFftPlanCacheBytes(2000)).toBe(1000);
    expect(() => setFftPlanCacheBytes(-1)).toThrow(new RangeError("invalid bytes: expected an integer ≥ 0, got -1"));
    expect(() => setFftPlanCacheBytes(1.5)).toThrow(TypeError);
    expect(fftPlanStats().maxBytes).toBe(2000);
  });
});
