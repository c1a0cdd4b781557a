// The camera image (512×512, CC0; data/README.md): its singular value decay and low-rank
// approximations (SVD + gemm), and a blur by 2-D circular convolution with its adjoint check.
import { readFileSync, writeFileSync } from "node:fs";
import * as benign from "../dist/benign.js";
import { heading, ms, sci, table, timed } from "./format.mjs";
import { rankKFactors } from "./reference.mjs";

/** PSNR in dB of `approx` against `reference`, both with intensities in [0, 1]. */
function psnr(reference, approx) {
  let sum = 0;
  for (let i = 0; i < reference.data.length; i++) sum += (reference.data[i] - approx.data[i]) ** 2;
  return 10 * Math.log10(1 / (sum / reference.data.length));
}

/** The rank-k approximation U_k·diag(S_k)·V_kᵀ from a thin SVD. */
function rankK(factors, k) {
  const { left, right } = rankKFactors(factors, k);
  return benign.gemm(left, right, { transB: true });
}

function gaussianKernel(size, sigma) {
  const a = benign.matrix(size, size);
  const c = (size - 1) / 2;
  let total = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const v = Math.exp(-((i - c) ** 2 + (j - c) ** 2) / (2 * sigma * sigma));
      a.data[i * size + j] = v;
      total += v;
    }
  }
  for (let i = 0; i < a.data.length; i++) a.data[i] /= total;
  return a;
}

const inner = (x, y) => x.data.reduce((s, v, i) => s + v * y.data[i], 0);

export function cameraReport(reportDir) {
  const image = benign.parsePgm(new Uint8Array(readFileSync(new URL("../data/camera.pgm", import.meta.url))));
  heading(`The camera image (${image.rows}×${image.cols}, CC0): low rank and blur`);

  const [factors, svdTime] = timed(() => benign.svd(image));
  const { S } = factors;
  const energy = S.reduce((s, v) => s + v * v, 0);
  console.log(`  thin SVD in ${ms(svdTime)}; σ₁ = ${S[0].toFixed(1)}, σ₁₀ = ${S[9].toFixed(2)}, σ₁₀₀ = ${S[99].toFixed(3)}, σ₅₁₂ = ${S[511].toExponential(2)}`);
  const rows = [];
  for (const k of [5, 10, 30, 60, 120]) {
    const [approx, time] = timed(() => rankK(factors, k));
    let captured = 0;
    for (let j = 0; j < k; j++) captured += S[j] * S[j];
    const file = `camera-rank-${k}.pgm`;
    writeFileSync(`${reportDir}/${file}`, benign.encodePgm(approx));
    rows.push({ rank: k, "energy kept": `${((100 * captured) / energy).toFixed(2)} %`, "PSNR": `${psnr(image, approx).toFixed(1)} dB`, "gemm time": ms(time), image: file });
  }
  table(rows);

  const kernel = gaussianKernel(9, 2);
  const [blurred, fftTime] = timed(() => benign.circularConvolve2d(image, kernel, { method: "fft" }));
  const [direct, directTime] = timed(() => benign.circularConvolve2d(image, kernel, { method: "direct" }));
  let maxDiff = 0;
  for (let i = 0; i < blurred.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(blurred.data[i] - direct.data[i]));
  writeFileSync(`${reportDir}/camera-blurred.pgm`, benign.encodePgm(blurred));
  // The adjoint identity ⟨a ⊛ x, y⟩ = ⟨x, corr(a, y)⟩ with y a second image (the blurred one).
  const lhs = inner(blurred, blurred);
  const rhs = inner(image, benign.circularCorrelate2d(blurred, kernel));
  console.log(`\n  9×9 Gaussian blur (σ = 2) by 2-D circular convolution: FFT path ${ms(fftTime)}, direct path ${ms(directTime)},`);
  console.log(`  the two agree to ${sci(maxDiff)}; PSNR of the blurred image ${psnr(image, blurred).toFixed(1)} dB (camera-blurred.pgm);`);
  console.log(`  adjoint check |⟨a⊛x, y⟩ − ⟨x, corr(a, y)⟩| / |⟨a⊛x, y⟩| = ${sci(Math.abs(lhs - rhs) / Math.abs(lhs))}`);
}
