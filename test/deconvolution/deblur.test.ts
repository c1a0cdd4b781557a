// Blind image deblurring, the lecture's example: the camera image blurred by a seeded 15×15
// motion blur plus noise σ = 0.01; estimateBlurKernel recovers the kernel from the image's
// differences (shift correlation ≥ 0.9) and deblurImage with it gains ≥ 3 dB of PSNR over the
// blurred image. The generators, the TV solve against plain-JS references, and bad inputs.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { parsePgm } from "../../src/data/pgm.js";
import type { Matrix } from "../../src/matrix.js";
import { blurImage, motionBlurKernel } from "../../src/deconvolution/blur-generators.js";
import { estimateBlurKernel } from "../../src/deconvolution/estimate-blur-kernel.js";
import { deblurImage } from "../../src/deconvolution/deblur-image.js";
import { shiftCorrelation } from "../../src/symmetry/signed-shift.js";

let camera: Matrix;

beforeAll(async () => {
  await init();
  camera = parsePgm(new Uint8Array(readFileSync(new URL("../../data/camera.pgm", import.meta.url))));
});

/** The size×size block of the camera at (top, left). */
function crop(size: number, top: number, left: number): Matrix {
  const data = new Float64Array(size * size);
  for (let i = 0; i < size; i++) data.set(camera.data.subarray((top + i) * 512 + left, (top + i) * 512 + left + size), i * size);
  return { rows: size, cols: size, data };
}

/** PSNR in dB of an image clipped to [0, 1] against the reference (peak 1). */
function psnr(image: Matrix, reference: Matrix): number {
  let s = 0;
  for (let i = 0; i < image.data.length; i++) s += (Math.min(1, Math.max(0, image.data[i])) - reference.data[i]) ** 2;
  return 10 * Math.log10(image.data.length / s);
}

/** y[i, j] = Σ a[p, q]·x[i − p + ⌊h/2⌋, j − q + ⌊w/2⌋] circularly, by direct summation. */
function blurDirect(x: Matrix, a: Matrix): Matrix {
  const { rows, cols } = x;
  const out = new Float64Array(rows * cols);
  const [cr, cc] = [a.rows >> 1, a.cols >> 1];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let p = 0; p < a.rows; p++) {
        for (let q = 0; q < a.cols; q++) s += a.data[p * a.cols + q] * x.data[((i - p + cr + rows) % rows) * cols + ((j - q + cc + cols) % cols)];
      }
      out[i * cols + j] = s;
    }
  }
  return { rows, cols, data: out };
}

describe("blind deblurring of the camera image (256×256 crops, 15×15 motion blur, σ = 0.01)", () => {
  test("the kernel is recovered (shiftCorrelation ≥ 0.9, centred) and deblurring with it gains ≥ 3 dB over the blurred image, three seeds", async () => {
    const sharp = crop(256, 128, 128);
    for (const seed of [1, 2, 3]) {
      const truth = motionBlurKernel(15, { seed });
      const blurred = blurImage(sharp, truth, { noise: 0.01, seed: 100 + seed });
      const before = runtime().arena.stats().bytesLive;
      const estimate = await estimateBlurKernel(blurred, { kernelShape: [15, 15], maxIterations: 300 });
      const deblurred = await deblurImage(blurred, estimate.kernel);
      expect(runtime().arena.stats().bytesLive).toBe(before); // (before the copying shiftCorrelation caches its FFT plans)
      const match = shiftCorrelation(estimate.kernel, truth);
      expect(match.correlation, `seed ${seed}`).toBeGreaterThanOrEqual(0.9);
      expect(shiftCorrelation(estimate.window, truth).correlation).toBeGreaterThan(0.8);
      // Centred like the truth (within a pixel), nonnegative, summing to 1.
      expect(Math.max(...(match.shift as number[]).map(Math.abs)), `seed ${seed}`).toBeLessThanOrEqual(1);
      expect(Math.min(...estimate.kernel.data)).toBeGreaterThanOrEqual(0);
      expect(estimate.kernel.data.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      const gain = psnr(deblurred, sharp) - psnr(blurred, sharp);
      expect(gain, `seed ${seed}: ${psnr(blurred, sharp).toFixed(2)} → ${psnr(deblurred, sharp).toFixed(2)} dB`).toBeGreaterThanOrEqual(3);
    }
  }, 30_000);

  test("a wrong kernel does not deblur: a kernel shifted by 3 pixels loses to the estimate by > 3 dB", async () => {
    const sharp = crop(128, 160, 160);
    const truth = motionBlurKernel(9, { seed: 4 });
    const blurred = blurImage(sharp, truth, { noise: 0.01, seed: 5 });
    const shifted = { rows: 9, cols: 9, data: new Float64Array(81) };
    for (let i = 0; i < 9; i++) for (let j = 3; j < 9; j++) shifted.data[i * 9 + j] = truth.data[i * 9 + j - 3];
    const good = psnr(await deblurImage(blurred, truth), sharp);
    const bad = psnr(await deblurImage(blurred, shifted), sharp);
    expect(good - bad).toBeGreaterThan(3);
  });
});

describe("the blur generators and the TV deblurring", () => {
  test("motionBlurKernel: nonnegative, sum 1, centroid at the centre, seeded, a spread (not a point)", () => {
    for (const seed of [1, 2, 3, 4]) {
      const k = motionBlurKernel(15, { seed });
      expect(k).toMatchObject({ rows: 15, cols: 15 });
      expect(Math.min(...k.data)).toBeGreaterThanOrEqual(0);
      let sum = 0, mr = 0, mc = 0, sq = 0;
      k.data.forEach((v, i) => {
        sum += v;
        mr += Math.floor(i / 15) * v;
        mc += (i % 15) * v;
        sq += v * v;
      });
      expect(sum).toBeCloseTo(1, 12);
      expect(Math.abs(mr - 7)).toBeLessThan(0.5);
      expect(Math.abs(mc - 7)).toBeLessThan(0.5);
      expect(Math.sqrt(sq)).toBeLessThan(0.35); // ‖a‖₂ of a spread kernel, ≪ 1 of a delta
      expect(Array.from(motionBlurKernel(15, { seed }).data)).toEqual(Array.from(k.data));
    }
    expect(Array.from(motionBlurKernel([7, 11], { seed: 2 }).data)).toHaveLength(77);
    expect(() => motionBlurKernel(2)).toThrow("invalid size: expected an integer ≥ 3, got 2");
    expect(() => motionBlurKernel(9, { length: 0 })).toThrow("invalid length: expected a fraction in (0, 1], got 0");
  });

  test("blurImage is the centred circular convolution (direct summation), noise seeded", () => {
    const x = crop(20, 200, 200);
    const a = motionBlurKernel(5, { seed: 1 });
    const y = blurImage(x, a);
    const want = blurDirect(x, a);
    for (let i = 0; i < y.data.length; i++) expect(y.data[i]).toBeCloseTo(want.data[i], 12);
    const noisy = blurImage(x, a, { noise: 0.1, seed: 3 });
    let s = 0;
    for (let i = 0; i < y.data.length; i++) s += (noisy.data[i] - y.data[i]) ** 2;
    expect(Math.sqrt(s / y.data.length)).toBeGreaterThan(0.08);
    expect(Math.sqrt(s / y.data.length)).toBeLessThan(0.12);
    expect(() => blurImage(x, { rows: 21, cols: 1, data: new Float64Array(21) })).toThrow("invalid kernel: expected a nonempty kernel no larger than the 20×20 image, got 21×1");
  });

  test("deblurImage reaches the TV minimum: its objective is at or below a plain-JS projected-gradient solve of the dual's value, and λ → 0 inverts an invertible blur", async () => {
    // λ tiny, kernel with no zero in its spectrum ([0.6, 0.2, 0.2] row blur): x ≈ the sharp image.
    const x = crop(32, 100, 300);
    const a = { rows: 1, cols: 3, data: new Float64Array([0.2, 0.6, 0.2]) };
    const y = blurImage(x, a);
    const back = await deblurImage(y, a, { lambda: 1e-9, maxIterations: 2000, gradientTolerance: 1e-10 });
    let err = 0;
    for (let i = 0; i < back.data.length; i++) err = Math.max(err, Math.abs(back.data[i] - x.data[i]));
    expect(err).toBeLessThan(1e-4);
    // The objective decreases to a value no plain-JS gradient method on the smoothed TV beats.
    const costs: number[] = [];
    const noisy = blurImage(x, a, { noise: 0.05, seed: 1 });
    await deblurImage(noisy, a, { lambda: 0.02, tv: "anisotropic", maxIterations: 400, gradientTolerance: 0, onIteration: ({ cost }) => void costs.push(cost) });
    const reference = smoothedTvDescent(noisy, a, 0.02, 4000);
    expect(costs.at(-1)!).toBeLessThanOrEqual(reference * (1 + 1e-4));
  });

  test("bad inputs are named before any work", async () => {
    const arena = runtime().arena;
    const before = arena.stats().bytesLive;
    const x = crop(40, 0, 0);
    const k = motionBlurKernel(5, { seed: 1 });
    const nan = { ...x, data: x.data.slice() };
    nan.data[3] = NaN;
    await expect(estimateBlurKernel(x, { kernelShape: [15, 15] })).rejects.toThrow("invalid kernelShape: the kernel's window 45×45 must fit in the 40×40 signal; expected h ≤ 13 and w ≤ 13");
    await expect(estimateBlurKernel(nan, { kernelShape: [5, 5] })).rejects.toThrow("invalid blurred: entry 3 is NaN");
    await expect(estimateBlurKernel(x.data as unknown as Matrix, { kernelShape: [5, 5] })).rejects.toThrow("invalid blurred: expected a matrix, got Float64Array(1600)");
    await expect(estimateBlurKernel(x, { kernelShape: [5, 5], init: "delta" as "box" })).rejects.toThrow('invalid init: expected "box", "random" or a matrix kernel, got "delta"');
    await expect(estimateBlurKernel(x, { kernelShape: [5, 5], mask: 1 } as never)).rejects.toThrow("unknown option mask in options");
    await expect(deblurImage(nan, k)).rejects.toThrow("invalid blurred: entry 3 is NaN");
    await expect(deblurImage(x, { rows: 5, cols: 5, data: new Float64Array(25) })).rejects.toThrow("invalid kernel: the zero kernel blurs every image to 0");
    await expect(deblurImage(x, k, { lambda: 0 })).rejects.toThrow("invalid lambda: expected a finite number > 0, got 0");
    await expect(deblurImage(x, k, { tv: "l2" as "isotropic" })).rejects.toThrow('invalid tv: expected one of "isotropic", "anisotropic", got "l2"');
    await expect(deblurImage(x, { rows: 41, cols: 1, data: new Float64Array(41).fill(1) })).rejects.toThrow("invalid kernel: expected a nonempty kernel no larger than the 40×40 image, got 41×1");
    expect(arena.stats().bytesLive).toBe(before);
  });
});

/**
 * min ½‖a ⊛ x − y‖² + λΣ(√(d² + ε²) − ε) (anisotropic TV smoothed, ε = 1e-4) by gradient descent
 * with a fixed step, in plain JS (direct convolutions), returning the TV objective (unsmoothed)
 * at its end: an upper bound on the minimum.
 */
function smoothedTvDescent(y: Matrix, a: Matrix, lambda: number, iterations: number): number {
  const { rows, cols } = y;
  const n = rows * cols, eps = 1e-4;
  const flip = { rows: a.rows, cols: a.cols, data: a.data.slice().reverse() };
  let x = y.data.slice();
  const tvTerms = (v: Float64Array, f: (d: number) => number): number => {
    let s = 0;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) s += f(v[i * cols + ((j + 1) % cols)] - v[i * cols + j]) + f(v[((i + 1) % rows) * cols + j] - v[i * cols + j]);
    return s;
  };
  const step = 1 / (1 + (8 * lambda) / eps);
  for (let it = 0; it < iterations; it++) {
    const r = blurDirect({ rows, cols, data: x }, a).data.map((v, i) => v - y.data[i]);
    const g = blurDirect({ rows, cols, data: r }, flip).data;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        const w = (d: number) => d / Math.sqrt(d * d + eps * eps);
        const right = w(x[i * cols + ((j + 1) % cols)] - x[k]), left = w(x[k] - x[i * cols + ((j - 1 + cols) % cols)]);
        const down = w(x[((i + 1) % rows) * cols + j] - x[k]), up = w(x[k] - x[((i - 1 + rows) % rows) * cols + j]);
        g[k] += lambda * (left - right + up - down);
      }
    }
    x = x.map((v, k) => v - step * g[k]);
  }
  const r = blurDirect({ rows, cols, data: x }, a).data.map((v, i) => v - y.data[i]);
  return 0.5 * r.reduce((s, v) => s + v * v, 0) + lambda * tvTerms(x, Math.abs);
}
