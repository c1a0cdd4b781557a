// denoiseImage: the pipeline against its definition (sparseCode's OMP on the mean-removed patches,
// weighted average with the noisy image), PSNR on a 128×128 crop of camera at σ = 20/255 with the
// DCT and the learned dictionary, bad inputs, aborts and memory.
import { readFileSync } from "node:fs";
import { beforeAll, expect, test } from "vitest";
import { init, runtime } from "../../../src/runtime/init.js";
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";
import { parsePgm } from "../../../src/data/pgm.js";
import { sparseCode } from "../../../src/sparse/sparse-code.js";
import { overcompleteDct2dDictionary } from "../../../src/sparse/dictionaries/overcomplete-dct.js";
import { denoiseImage } from "../../../src/sparse/images/denoise-image.js";
import { psnr } from "../../../src/sparse/images/psnr.js";

const SIGMA = 20 / 255;
let clean: Matrix;
let noisy: Matrix;

beforeAll(async () => {
  await init();
  const camera = parsePgm(new Uint8Array(readFileSync(new URL("../../../data/camera.pgm", import.meta.url))));
  // The 128×128 crop at (200, 200): the cameraman's coat, face and camera, and some background.
  clean = { rows: 128, cols: 128, data: new Float64Array(128 * 128) };
  for (let i = 0; i < 128; i++) for (let j = 0; j < 128; j++) clean.data[i * 128 + j] = camera.data[(200 + i) * 512 + 200 + j];
  const rng = new Rng(7);
  noisy = { ...clean, data: clean.data.map((v) => v + SIGMA * rng.normal()) };
});

test("the pipeline is its definition: OMP of every mean-removed patch to n(Cσ)², means back, (λ·noisy + Σ patches)/(λ + count)", async () => {
  const size = 20, s = 4, n = 16;
  const image: Matrix = { rows: size, cols: size, data: noisy.data.filter((_, t) => Math.floor(t / 128) < size && t % 128 < size) };
  const D = overcompleteDct2dDictionary(s, s);
  const out = await denoiseImage(image, { sigma: SIGMA, patchSize: s, dictionary: "dct" });
  // The reference, from the public pieces: patches in plain JS, sparseCode's OMP, plain averaging.
  const count = (size - s + 1) ** 2;
  const patches = { rows: n, cols: count, data: new Float64Array(n * count) };
  const means = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const top = Math.floor(k / (size - s + 1)), left = k % (size - s + 1);
    for (let t = 0; t < n; t++) means[k] += image.data[(top + Math.floor(t / s)) * size + left + (t % s)] / n;
    for (let t = 0; t < n; t++) patches.data[t * count + k] = image.data[(top + Math.floor(t / s)) * size + left + (t % s)] - means[k];
  }
  const coded = await sparseCode(patches, D, { method: "omp", residualTolerance: n * (1.15 * SIGMA) ** 2, sparsity: n / 2 });
  const lambda = 30 / (255 * SIGMA);
  const sum = image.data.map((v) => lambda * v), weight = new Float64Array(size * size).fill(lambda);
  for (let k = 0; k < count; k++) {
    const top = Math.floor(k / (size - s + 1)), left = k % (size - s + 1);
    for (let t = 0; t < n; t++) {
      let v = means[k];
      for (let a = 0; a < D.cols; a++) v += D.data[t * D.cols + a] * coded.codes.data[a * count + k];
      sum[(top + Math.floor(t / s)) * size + left + (t % s)] += v;
      weight[(top + Math.floor(t / s)) * size + left + (t % s)]++;
    }
  }
  out.image.data.forEach((v, t) => expect(Math.abs(v - sum[t] / weight[t])).toBeLessThan(1e-12));
  expect(out.atomsPerPatch).toBeCloseTo(coded.iterations.reduce((a, b) => a + b, 0) / count, 12);
  expect(out.dictionary.data).toEqual(D.data);
});

test("camera crop at σ = 20/255: the learned dictionary beats the DCT, both far above the noisy image", async () => {
  const before = runtime().arena.stats().bytesLive;
  const dct = await denoiseImage(noisy, { sigma: SIGMA, dictionary: "dct" });
  const learned = await denoiseImage(noisy, { sigma: SIGMA, trainingPatches: 10000, learningIterations: 10 });
  expect(runtime().arena.stats().bytesLive).toBe(before);
  const [p0, p1, p2] = [psnr(noisy, clean), psnr(dct.image, clean), psnr(learned.image, clean)];
  // Measured: noisy 22.1 dB, DCT 29.74 dB, learned 30.45 dB (the full 512×512 image: bench/denoise.mjs).
  expect(p0).toBeCloseTo(22.1, 0);
  expect(p1).toBeGreaterThan(29.5);
  expect(p2).toBeGreaterThan(30.2);
  expect(p2).toBeGreaterThan(p1 + 0.3);
  expect(learned.learning!.iterations).toBe(10);
  expect([learned.dictionary.rows, learned.dictionary.cols]).toEqual([64, 256]);
});

test("bad inputs are clear errors before any work; an abort rejects with the signal's reason and frees memory", async () => {
  const small: Matrix = { rows: 16, cols: 16, data: noisy.data.slice(0, 256) };
  await expect(denoiseImage(small, { sigma: 0 })).rejects.toThrow("invalid sigma: expected the noise's standard deviation, a finite number > 0, got 0");
  await expect(denoiseImage(small, { sigma: -1 })).rejects.toThrow("invalid sigma: expected a finite number ≥ 0, got -1");
  await expect(denoiseImage(small, {} as { sigma: number })).rejects.toThrow("invalid sigma");
  await expect(denoiseImage(small, { sigma: 0.1, patchSize: 17 })).rejects.toThrow("invalid size: a 17×17 patch does not fit in a 16×16 image");
  await expect(denoiseImage(small, { sigma: 0.1, dictionary: "wavelet" as "dct" })).rejects.toThrow('invalid dictionary: expected one of "dct", "learned"');
  await expect(denoiseImage(small, { sigma: 0.1, dictionary: { rows: 63, cols: 2, data: new Float64Array(126).fill(1) } })).rejects.toThrow("invalid dictionary: expected 64 rows");
  const zeroAtom = { rows: 64, cols: 2, data: Float64Array.from({ length: 128 }, (_, t) => t % 2) };
  await expect(denoiseImage(small, { sigma: 0.1, dictionary: zeroAtom })).rejects.toThrow("invalid dictionary: column 0 (atom 0) is zero");
  await expect(denoiseImage(small, { sigma: 0.1, trainingPatches: 81 })).rejects.toThrow("invalid trainingPatches: 81 patches to learn 256 atoms from");
  await expect(denoiseImage(small, { sigma: 0.1, radius: 2 } as { sigma: number })).rejects.toThrow("unknown option radius in options");
  const nan = { ...small, data: small.data.slice() };
  nan.data[17] = NaN;
  await expect(denoiseImage(nan, { sigma: 0.1 })).rejects.toThrow("invalid noisy: entry 17 is NaN; expected finite values");
  const before = runtime().arena.stats().bytesLive;
  const controller = new AbortController();
  const call = denoiseImage(noisy, { sigma: SIGMA, trainingPatches: 5000, signal: controller.signal });
  setTimeout(() => controller.abort(new Error("stop here")), 30);
  await expect(call).rejects.toThrow("stop here");
  expect(runtime().arena.stats().bytesLive).toBe(before);
});
