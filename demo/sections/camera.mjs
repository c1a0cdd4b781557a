// The camera image (512×512, CC0; data/README.md): its singular value decay and low-rank
// approximations (SVD + gemm), and a blur by 2-D circular convolution with its adjoint check.
import * as benign from "../../dist/benign.js";
import { cameraImage } from "../camera-image.mjs";
import { rankKFactors } from "../reference.mjs";
import { ms, sci } from "../terminal.mjs";

/** PSNR in dB of `approx` against `reference`, both with intensities in [0, 1]. */
function psnr(reference, approx) {
  let sum = 0;
  for (let i = 0; i < reference.data.length; i++) sum += (reference.data[i] - approx.data[i]) ** 2;
  return 10 * Math.log10(1 / (sum / reference.data.length));
}

/** The normalized size×size Gaussian kernel of standard deviation sigma. */
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

export default {
  id: "camera",
  title: "The camera image: low rank and blur",
  options: {
    size: { type: "integer", default: 512, quick: 128, help: "image size (512 divided by a power of 2)" },
    ranks: { type: "integers", default: [5, 10, 30, 60, 120], quick: [5, 10, 30], help: "ranks of the approximations" },
  },
  async run(report, { size, ranks }) {
    const image = cameraImage(size);
    const t0 = performance.now();
    const factors = benign.svd(image);
    const svdTime = performance.now() - t0;
    const { S } = factors;
    const energy = S.reduce((s, v) => s + v * v, 0);
    report.text(
      `The ${image.rows}×${image.cols} "cameraman" photograph (CC0) as a matrix with intensities in [0, 1]. Thin SVD in ${ms(svdTime)}: ` +
        `σ₁ = ${S[0].toFixed(1)}, σ₁₀ = ${S[9].toFixed(2)}, σ_${S.length} = ${S[S.length - 1].toExponential(2)}. ` +
        "A natural image is far from low rank, but its singular values decay fast: a few dozen carry almost all its energy.",
    );
    const rows = [];
    const images = [{ label: "original", matrix: image }];
    const psnrs = [];
    for (const k of ranks) {
      const { left, right } = rankKFactors(factors, k);
      const approx = benign.gemm(left, right, { transB: true });
      let captured = 0;
      for (let j = 0; j < k; j++) captured += S[j] * S[j];
      psnrs.push(psnr(image, approx));
      rows.push({ rank: k, "energy kept": `${((100 * captured) / energy).toFixed(2)} %`, PSNR: `${psnrs.at(-1).toFixed(1)} dB` });
      images.push({ label: `rank ${k}: ${psnrs.at(-1).toFixed(1)} dB`, matrix: approx });
    }
    report.table(rows, "Best rank-k approximations (Eckart–Young: the truncated SVD), energy = Σ_{j≤k} σⱼ² / Σ σⱼ².");

    const kernel = gaussianKernel(9, 2);
    const t1 = performance.now();
    const blurred = benign.circularConvolve2d(image, kernel, { method: "fft" });
    const t2 = performance.now();
    const direct = benign.circularConvolve2d(image, kernel, { method: "direct" });
    const t3 = performance.now();
    let maxDiff = 0;
    for (let i = 0; i < blurred.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(blurred.data[i] - direct.data[i]));
    // The adjoint identity ⟨a ⊛ x, y⟩ = ⟨x, corr(a, y)⟩ with y a second image (the blurred one).
    const lhs = inner(blurred, blurred);
    const adjointError = Math.abs(lhs - inner(image, benign.circularCorrelate2d(blurred, kernel))) / Math.abs(lhs);
    images.push({ label: `9×9 Gaussian blur: ${psnr(image, blurred).toFixed(1)} dB`, matrix: blurred });
    report.images(images, "The image, its best rank-k approximations and its blur by 2-D circular convolution (PSNR against the original).");
    const spectrum = Array.from(S, (sigma, k) => ({ index: k + 1, sigma }));
    report.plots([{
      caption: "Singular values of the image (log scale), the ranks shown dashed: a fast decay, then a long tail.",
      data: spectrum,
      x: "index",
      y: "sigma",
      options: (P) => ({
        width: 560,
        height: 280,
        grid: true,
        x: { label: "index k" },
        y: { type: "log", label: "σₖ" },
        marks: [P.line(spectrum, { x: "index", y: "sigma" }), P.ruleX(ranks, { stroke: "#aaa", strokeDasharray: "3,3" })],
      }),
    }]);
    report.text(
      `9×9 Gaussian blur (σ = 2) by 2-D circular convolution: FFT path ${ms(t2 - t1)}, direct path ${ms(t3 - t2)}; ` +
        `the two agree to ${sci(maxDiff)}; the adjoint check |⟨a⊛x, y⟩ − ⟨x, corr(a, y)⟩| / |⟨a⊛x, y⟩| = ${sci(adjointError)}.`,
    );
    report.check(psnrs.every((p, k) => k === 0 || p > psnrs[k - 1]), "the PSNR of the rank-k approximation rises with k");
    report.check(maxDiff < 1e-12, `the FFT and direct convolutions agree (max difference ${sci(maxDiff)} < 1e-12)`);
    report.check(adjointError < 1e-12, `correlation is the adjoint of convolution (relative error ${sci(adjointError)} < 1e-12)`);
  },
};
