import { describe, expect, test } from "vitest";
import { preferDirect1d, preferDirect2d } from "../../../src/kernels/fft/cost.js";

// The cost model's decisions at the measured crossovers (bench/fft.mjs --crossover): direct for
// short kernels, FFT for long ones, and Bluestein lengths pushing the crossover far out.
describe("convolution cost model", () => {
  test("1-D: direct below about 64 taps for 5-smooth lengths, FFT above", () => {
    for (const n of [4096, 65536]) {
      expect(preferDirect1d(n, 8)).toBe(true);
      expect(preferDirect1d(n, 32)).toBe(true);
      expect(preferDirect1d(n, 256)).toBe(false);
      expect(preferDirect1d(n, n)).toBe(false);
    }
    expect(preferDirect1d(10007, 512)).toBe(true); // prime, 10006 = 2·5003: Bluestein is 10–25× dearer
    // 2·65537 has a half-length 65537 with 65536 = 2^16 (Rader: ≈ 3×): between the two.
    expect(preferDirect1d(2 * 65537, 64)).toBe(true);
    expect(preferDirect1d(2 * 65537, 512)).toBe(false);
    expect(preferDirect1d(2 * 100003, 512)).toBe(true); // 100002 = 2·3·7·2381: Bluestein
  });

  test("2-D: direct below about 16×16 kernels, FFT above", () => {
    expect(preferDirect2d(256, 256, 8, 8)).toBe(true);
    expect(preferDirect2d(256, 256, 32, 32)).toBe(false);
    expect(preferDirect2d(512, 512, 4, 4)).toBe(true);
    expect(preferDirect2d(512, 512, 64, 64)).toBe(false);
  });
});
