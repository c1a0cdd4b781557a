import { beforeAll, describe, expect, test } from "vitest";
import FFT from "fft.js";
import { init, runtime } from "../../../src/runtime/init.js";
import { fft } from "../../../src/kernels/fft/fft.js";
import { irfft, rfft } from "../../../src/kernels/fft/rfft.js";
import { Rng } from "../../../src/data/rng.js";
import { eachBinary } from "../../helpers/binaries.js";
import { directDft, fftTolerance, norm2, relativeError } from "./reference.js";

beforeAll(async () => {
  await init();
});

describe("rfft / irfft", () => {
  test("rfft matches the direct DFT and irfft inverts it, every length 1..64 and awkward ones, every build", async () => {
    const rng = new Rng(21);
    // Beyond 1..64, complex plans (of n/2 for even n) on each path: Rader 97, 202 → 101, 514 → 257,
    // 1009; Bluestein 214 → 107; symmetric butterflies 646 → 17·19; 1819 = 17·107 (zero-padded Rader).
    const lengths = [
      ...Array.from({ length: 64 }, (_, i) => i + 1), 97, 100, 202, 214, 514, 646, 1000, 1009, 1819, 2018,
    ];
    const cases = lengths.map((n) => {
      const x = rng.normalArray(n);
      const bins = Array.from({ length: (n >> 1) + 1 }, (_, k) => k);
      return { n, x, want: directDft(x, new Float64Array(n), -1, bins) };
    });
    await eachBinary(() => {
      for (const { n, x, want } of cases) {
        const X = rfft(x);
        expect(X.re.length).toBe((n >> 1) + 1);
        expect(relativeError(X.re, X.im, want.re, want.im), `n = ${n}`).toBeLessThanOrEqual(fftTolerance(n));
        const back = irfft(X, n);
        expect(relativeError(back, new Float64Array(n), x, new Float64Array(n)), `n = ${n}`).toBeLessThanOrEqual(
          2 * fftTolerance(n),
        );
      }
    });
  });

  test("matches fft.js realTransform at powers of two, and the complex fft at large sizes", async () => {
    const rng = new Rng(22);
    for (const log of [2, 5, 10, 14]) {
      const n = 1 << log;
      const x = rng.normalArray(n);
      const f = new FFT(n);
      const out = f.createComplexArray() as number[];
      f.realTransform(out, Array.from(x));
      const bins = (n >> 1) + 1;
      const wantRe = Array.from({ length: bins }, (_, k) => out[2 * k]);
      const wantIm = Array.from({ length: bins }, (_, k) => out[2 * k + 1]);
      await eachBinary(() => {
        const X = rfft(x);
        expect(relativeError(X.re, X.im, wantRe, wantIm), `n = ${n}`).toBeLessThanOrEqual(2 * fftTolerance(n));
      });
    }
    for (const n of [65536, 65537, 100003 * 2, 2 * 65537]) {
      const x = rng.normalArray(n);
      const full = fft(x, new Float64Array(n));
      const X = rfft(x);
      const bins = (n >> 1) + 1;
      expect(relativeError(X.re, X.im, full.re.subarray(0, bins), full.im.subarray(0, bins))).toBeLessThanOrEqual(
        2 * fftTolerance(n),
      );
      // Parseval over the full Hermitian spectrum: Σ|X_k|² = n·Σ x_j².
      let energy = X.re[0] ** 2 + X.im[0] ** 2;
      for (let k = 1; k < bins; k++) energy += (n % 2 === 0 && k === bins - 1 ? 1 : 2) * (X.re[k] ** 2 + X.im[k] ** 2);
      const x2 = norm2(x) ** 2;
      expect(Math.abs(energy - n * x2) / (n * x2)).toBeLessThanOrEqual(2 * fftTolerance(n));
      expect(relativeError(irfft(X, n), new Float64Array(n), x, new Float64Array(n))).toBeLessThanOrEqual(
        2 * fftTolerance(n),
      );
    }
  });

  test("irfft ignores the imaginary parts of X_0 and X_{n/2}, as for a Hermitian spectrum", () => {
    for (const n of [8, 9]) {
      const x = new Rng(23).normalArray(n);
      const X = rfft(x);
      X.im[0] = 5;
      if (n % 2 === 0) X.im[n / 2] = -3;
      const back = irfft(X, n);
      expect(relativeError(back, new Float64Array(n), x, new Float64Array(n))).toBeLessThanOrEqual(fftTolerance(n));
    }
  });

  test("NaN propagates", () => {
    expect(rfft(new Float64Array([1, NaN, 3, 4])).re.every(Number.isNaN)).toBe(true);
    expect(irfft({ re: new Float64Array([NaN, 0, 0]), im: new Float64Array(3) }, 4).every(Number.isNaN)).toBe(true);
  });

  test("rejects bad input before any work and leaks nothing", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => rfft([1, 2] as never)).toThrow(/invalid x: expected a Float64Array, got Array\(2\)/);
    expect(() => rfft(new Float64Array(0))).toThrow(/invalid x: expected length ≥ 1/);
    const spec = { re: new Float64Array(3), im: new Float64Array(3) };
    expect(() => irfft(spec, 0)).toThrow(/invalid n: expected an integer ≥ 1, got 0/);
    expect(() => irfft(spec, 2.5)).toThrow(/invalid n: expected an integer, got 2.5/);
    expect(() => irfft(spec, 6)).toThrow(/invalid spectrum.re: expected length 4, got length 3/);
    expect(() => irfft({ re: spec.re, im: [0, 0, 0] } as never, 5)).toThrow(/invalid spectrum.im: expected a Float64Array/);
    expect(() => irfft(null as never, 4)).toThrow(/invalid spectrum/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
