// The convolutional applications (issue 11, part 2), timed end to end: the ECG of record 208
// deconvolved (one kernel, then K = 2), blind deblurring of the 512×512 camera image (kernel
// estimation and TV deblurring), convolutional dictionary learning (K = 3) with and without a
// mask of missing samples (the mask's cost: its residuals go through the signal domain); and the
// sweeps behind the defaults: λ of deblurImage against the noise level, λ of estimateBlurKernel.
// Wall time and process CPU time (the machine is shared: CPU time leaves out the waiting);
// medians over rounds.
// Run after a build: node bench/deconvolution-apps.mjs [--quick]
import { readFileSync } from "node:fs";
import { median, timed } from "./lib/cpu.mjs";
import { printTable } from "./lib/table.mjs";
import * as benign from "../dist/benign.js";
import { ECG_RATE, activationBeats, detectRPeaks, ecgRecord, matchBeats, removeBaseline } from "../demo/ecg.mjs";

const quick = process.argv.includes("--quick");
const rounds = quick ? 1 : 3;
await benign.init();

async function medianOf(run) {
  const walls = [], cpus = [];
  let value;
  for (let r = 0; r < rounds; r++) {
    const t = await timed(run);
    walls.push(t.wall);
    cpus.push(t.cpu);
    value = t.value;
  }
  return { value, wall: median(walls), cpu: median(cpus) };
}

function psnr(image, reference) {
  let s = 0;
  for (let i = 0; i < image.data.length; i++) s += (Math.min(1, Math.max(0, image.data[i])) - reference.data[i]) ** 2;
  return 10 * Math.log10(image.data.length / s);
}

// ---- The ECG -------------------------------------------------------------------------------
const y = removeBaseline(ecgRecord(benign));
const rPeaks = detectRPeaks(y);
const n = Math.round(0.7 * ECG_RATE);
const ecgRows = [];
for (const [kernels, seed] of quick ? [[1, 1]] : [[1, 1], [1, 2], [1, 3], [2, 1]]) {
  const t = await medianOf(() => benign.learnConvolutionalDictionary(y, { kernels, kernelLength: n, lambda: 1.5, maxIterations: 500, seed }));
  const beats = t.value.kernels.flatMap((a, k) => {
    let p = 0;
    for (let i = 1; i < a.length; i++) if (Math.abs(a[i]) > Math.abs(a[p])) p = i;
    return activationBeats(t.value.activations[0][k].map((v) => (a[p] < 0 ? -v : v)), p);
  }).sort((a, b) => a - b);
  const m = matchBeats(beats, rPeaks, Math.round(0.05 * ECG_RATE));
  ecgRows.push({
    kernels, seed, Ψ: t.value.objective.toFixed(1), iterations: t.value.result.iterations, "wall ms": t.wall, "CPU ms": t.cpu, "ms/iteration": t.cpu / t.value.result.iterations,
    beats: beats.length, "R peaks": rPeaks.length, precision: m.precision.toFixed(3), recall: m.recall.toFixed(3),
  });
}
printTable(`ECG, record 208 (108,000 samples), kernel 0.7 s (window 2.1 s), λ = 1.5, 500 iterations (learnConvolutionalDictionary: its random starts differ from deconvolve's); medians of ${rounds} rounds`, ecgRows);

// ---- Blind deblurring of the camera ---------------------------------------------------------
const camera = benign.parsePgm(new Uint8Array(readFileSync(new URL("../data/camera.pgm", import.meta.url))));
const blurRows = [];
for (const seed of quick ? [1] : [1, 2, 3]) {
  const truth = benign.motionBlurKernel(15, { seed });
  const blurred = benign.blurImage(camera, truth, { noise: 0.01, seed: 100 + seed });
  const estimate = await timed(() => benign.estimateBlurKernel(blurred, { kernelShape: [15, 15], maxIterations: 300 }));
  const deblurred = await timed(() => benign.deblurImage(blurred, estimate.value.kernel));
  const oracle = await benign.deblurImage(blurred, truth);
  blurRows.push({
    seed, "kernel corr.": benign.shiftCorrelation(estimate.value.kernel, truth).correlation.toFixed(3),
    "estimate CPU ms": estimate.cpu, "estimate wall ms": estimate.wall, "ms/iteration": estimate.cpu / estimate.value.result.iterations,
    "deblur CPU ms": deblurred.cpu, "deblur wall ms": deblurred.wall,
    "PSNR blurred": psnr(blurred, camera).toFixed(2), "PSNR deblurred": psnr(deblurred.value, camera).toFixed(2), "PSNR true kernel": psnr(oracle, camera).toFixed(2),
  });
}
printTable("Blind deblurring, camera 512×512, 15×15 motion blur, σ = 0.01: estimateBlurKernel (λ = 0.03, 300 iterations) then deblurImage (TV, ADMM, 300 iterations)", blurRows);

// ---- Dictionary learning, with and without a mask -------------------------------------------
const K = 3, m = 20_000;
const truth = Array.from({ length: K }, (_, k) => benign.randomKernel(20, { seed: 10 + k }));
const signals = [0, 1].map((j) => {
  const s = new Float64Array(m);
  truth.forEach((a, k) => benign.convolutionalData(a, m, { theta: 0.01, seed: 100 + 10 * j + k }).signal.forEach((v, i) => (s[i] += v)));
  return s;
});
const masks = signals.map((_, j) => Uint8Array.from({ length: m }, (_, i) => ((i * 7919 + 31 * j) % 10 < 7 ? 1 : 0)));
const cdlRows = [];
const perIteration = {};
for (const [label, mask] of [["all observed", undefined], ["30% missing", masks]]) {
  const t = await medianOf(() => benign.learnConvolutionalDictionary(signals, { kernels: K, kernelLength: 20, lambda: 0.01, seed: 1, mask }));
  perIteration[label] = t.cpu / t.value.result.iterations;
  cdlRows.push({
    samples: label, iterations: t.value.result.iterations, "wall ms": t.wall, "CPU ms": t.cpu, "ms/iteration": perIteration[label],
    "FFTs/iteration": t.value.transforms / t.value.result.iterations, "min matched corr.": benign.matchKernels(t.value.kernels, truth).minimum.toFixed(4),
  });
}
printTable(`Dictionary learning, K = 3 (n = 20), 2 signals of ${m} samples, θ = 0.01 per kernel; the mask's cost per iteration: ×${(perIteration["30% missing"] / perIteration["all observed"]).toFixed(2)}`, cdlRows);

// ---- The defaults' sweeps ---------------------------------------------------------------------
if (!quick) {
  const crop = benign.matrix(256, 256);
  for (let i = 0; i < 256; i++) crop.data.set(camera.data.subarray((128 + i) * 512 + 128, (128 + i) * 512 + 384), i * 256);
  const sweep = [];
  for (const sigma of [0.01, 0.03]) {
    const truthKernel = benign.motionBlurKernel(15, { seed: 1 });
    const blurred = benign.blurImage(crop, truthKernel, { noise: sigma, seed: 7 });
    const row = { σ: sigma, blurred: psnr(blurred, crop).toFixed(2) };
    for (const c of [0.03, 0.1, 0.3, 1]) row[`λ = ${c}σ`] = psnr(await benign.deblurImage(blurred, truthKernel, { lambda: c * sigma }), crop).toFixed(2);
    sweep.push(row);
  }
  printTable("deblurImage's λ against the noise level (PSNR in dB, camera 256×256 crop, true kernel): the default is 0.1σ", sweep);
  const lambdas = [];
  for (const seed of [1, 2, 3]) {
    const truthKernel = benign.motionBlurKernel(15, { seed });
    const blurred = benign.blurImage(crop, truthKernel, { noise: 0.01, seed: 100 + seed });
    const row = { seed };
    for (const lambda of [0.003, 0.01, 0.03, 0.1]) {
      const e = await benign.estimateBlurKernel(blurred, { kernelShape: [15, 15], lambda, maxIterations: 300 });
      row[`λ = ${lambda}`] = benign.shiftCorrelation(e.kernel, truthKernel).correlation.toFixed(3);
    }
    lambdas.push(row);
  }
  printTable("estimateBlurKernel's λ (shift correlation of the kernel, camera 256×256 crop, σ = 0.01, 300 iterations): the default is 0.03", lambdas);
}
