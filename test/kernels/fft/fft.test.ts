import { beforeAll, describe, expect, test } from "vitest";
import FFT from "fft.js";
import { init, runtime } from "../../../src/runtime/init.js";
import { fft } from "../../../src/kernels/fft/fft.js";
import { clearFftPlans, fftPlanStats } from "../../../src/kernels/fft/plans.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary, resultsByBinary } from "../../helpers/binaries.js";
import { directDft, fftTolerance, norm2, relativeError } from "./reference.js";

beforeAll(async () => {
  await init();
});

// 5-smooth, 13-smooth (radix 7, 11, 13) lengths, and lengths with larger prime factors, one
// per plan path (assembly/fft/plan.ts; the as-pect spec pins each length's path): symmetric
// butterfly (17, 289, 646 = 2·17·19), Rader with a cyclic convolution (31, 97, 257, 771 = 3·257,
// 961 = 31², 1009), nested Rader (83 → 41, 103 → 17, 2381 → 2380 = 4·5·7·17), zero-padded Rader
// (214 = 2·107, 1819 = 17·107) and Bluestein (107, 167).
const AWKWARD = [
  17, 31, 83, 97, 100, 103, 107, 127, 167, 169, 214, 243, 257, 289, 360, 625, 646, 771, 961, 1000, 1001, 1009,
  1819, 2310, 2381,
];

describe("fft", () => {
  test("matches a direct DFT for every length 1..64 and awkward lengths, forward and inverse, on every build", async () => {
    const rng = new Rng(1);
    const lengths = [...Array.from({ length: 64 }, (_, i) => i + 1), ...AWKWARD];
    const cases = lengths.map((n) => {
      const re = rng.normalArray(n);
      const im = rng.normalArray(n);
      return { n, re, im, forward: directDft(re, im, -1), backward: directDft(re, im, 1) };
    });
    await eachBinary(() => {
      for (const { n, re, im, forward, backward } of cases) {
        const got = fft(re, im);
        expect(relativeError(got.re, got.im, forward.re, forward.im), `n = ${n}`).toBeLessThanOrEqual(fftTolerance(n));
        const inv = fft(re, im, { inverse: true });
        const want = { re: backward.re.map((v) => v / n), im: backward.im.map((v) => v / n) };
        expect(relativeError(inv.re, inv.im, want.re, want.im), `n = ${n}`).toBeLessThanOrEqual(fftTolerance(n));
      }
    });
  });

  test("matches fft.js at powers of two on every build", async () => {
    const rng = new Rng(2);
    for (let log = 1; log <= 14; log++) {
      const n = 1 << log;
      const re = rng.normalArray(n);
      const im = rng.normalArray(n);
      const f = new FFT(n);
      const data = f.createComplexArray() as number[];
      for (let j = 0; j < n; j++) {
        data[2 * j] = re[j];
        data[2 * j + 1] = im[j];
      }
      const out = f.createComplexArray() as number[];
      f.transform(out, data);
      const wantRe = out.filter((_, i) => i % 2 === 0);
      const wantIm = out.filter((_, i) => i % 2 === 1);
      await eachBinary(() => {
        const got = fft(re, im);
        // Both sides carry an FFT error of the size fftTolerance bounds.
        expect(relativeError(got.re, got.im, wantRe, wantIm), `n = ${n}`).toBeLessThanOrEqual(2 * fftTolerance(n));
      });
    }
  });

  test("large primes and powers of two: a few bins against the direct sum, Parseval, and inverse(forward(x)) = x", async () => {
    const rng = new Rng(3);
    // 65537 and 131074 = 2·65537: Rader over a power of two; 100002 = 2·3·7·2381: nested Rader;
    // 4093, 100003: Bluestein (as is 1000003, left out to keep the suite quick).
    for (const n of [4093, 65536, 65537, 100002, 100003, 131074, 3 ** 7 * 5 ** 2]) {
      const re = rng.normalArray(n);
      const im = rng.normalArray(n);
      const bins = [0, 1, 2, n >> 1, n - 1, rng.integer(n)];
      const want = directDft(re, im, -1, bins);
      await eachBinary(() => {
        const X = fft(re, im);
        const norm = norm2(X.re, X.im);
        for (let i = 0; i < bins.length; i++) {
          // One bin's error is at most the whole transform's error, ≤ tol·‖X‖₂.
          const err = Math.hypot(X.re[bins[i]] - want.re[i], X.im[bins[i]] - want.im[i]);
          expect(err, `n = ${n}, bin ${bins[i]}`).toBeLessThanOrEqual(fftTolerance(n) * norm);
        }
        // Parseval: ‖X‖² = n·‖x‖²; relative error of squared norms ≈ 2× that of X.
        const x2 = norm2(re, im) ** 2;
        expect(Math.abs(norm * norm - n * x2) / (n * x2)).toBeLessThanOrEqual(2 * fftTolerance(n));
        const back = fft(X.re, X.im, { inverse: true });
        expect(relativeError(back.re, back.im, re, im), `n = ${n}`).toBeLessThanOrEqual(2 * fftTolerance(n));
      });
    }
  });

  test("SIMD and scalar builds agree within rounding", async () => {
    const rng = new Rng(4);
    for (const n of [64, 1000, 1009, 214, 646, 2381, 65537]) {
      const re = rng.normalArray(n);
      const im = rng.normalArray(n);
      const results = [...(await resultsByBinary(() => fft(re, im))).values()];
      for (const r of results.slice(1)) {
        expect(relativeError(r.re, r.im, results[0].re, results[0].im)).toBeLessThanOrEqual(2 * fftTolerance(n));
      }
    }
  });

  test("closed forms: an impulse gives a flat spectrum, a pure tone a single bin", () => {
    const n = 12;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    re[0] = 1;
    const flat = fft(re, im);
    for (let k = 0; k < n; k++) {
      expect(flat.re[k]).toBeCloseTo(1, 14);
      expect(flat.im[k]).toBeCloseTo(0, 14);
    }
    // x_j = e^{2πi·3j/n} → X_3 = n, all else 0.
    for (let j = 0; j < n; j++) {
      re[j] = Math.cos((2 * Math.PI * 3 * j) / n);
      im[j] = Math.sin((2 * Math.PI * 3 * j) / n);
    }
    const tone = fft(re, im);
    for (let k = 0; k < n; k++) {
      expect(Math.abs(tone.re[k] - (k === 3 ? n : 0))).toBeLessThanOrEqual(1e-13);
      expect(Math.abs(tone.im[k])).toBeLessThanOrEqual(1e-13);
    }
  });

  test("NaN propagates", () => {
    const re = new Float64Array([1, 2, NaN, 4]);
    const out = fft(re, new Float64Array(4));
    expect(out.re.every(Number.isNaN)).toBe(true);
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    const x = new Float64Array(4);
    expect(() => fft([1, 2] as never, x)).toThrow(/invalid re: expected a Float64Array, got Array\(2\)/);
    expect(() => fft(x, new Float32Array(4) as never)).toThrow(TypeError);
    expect(() => fft(x, new Float64Array(3))).toThrow(/invalid im: expected length 4, got length 3/);
    expect(() => fft(new Float64Array(0), new Float64Array(0))).toThrow(/invalid re: expected length ≥ 1, got length 0/);
    expect(() => fft(x, x, { inverse: 1 } as never)).toThrow(/invalid inverse: expected a boolean, got 1/);
    expect(() => fft(x, x, { invert: true } as never)).toThrow(/unknown option invert/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });

  test("plans are cached by length, and clearFftPlans frees them all", () => {
    clearFftPlans();
    const base = runtime().arena.stats();
    const x = new Float64Array(1009).fill(1);
    fft(x, x);
    fft(x, x, { inverse: true });
    expect(fftPlanStats().plans).toBe(1);
    const withPlan = runtime().arena.stats();
    expect(withPlan.buffersLive).toBe(base.buffersLive + 1);
    fft(x, x);
    expect(runtime().arena.stats().bytesLive).toBe(withPlan.bytesLive); // reused, nothing new
    fft(new Float64Array(8), new Float64Array(8));
    expect(fftPlanStats().plans).toBe(2);
    expect(clearFftPlans()).toBe(2);
    expect(runtime().arena.stats()).toMatchObject({ buffersLive: base.buffersLive, bytesLive: base.bytesLive });
    expect(fftPlanStats().plans).toBe(0);
  });
});
