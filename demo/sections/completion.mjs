// Matrix completion on a real image: the camera photograph with half of its pixels hidden,
// inpainted by the four methods of completeMatrix, beside two references (the mean, and the best
// low-rank approximation of the full image, an oracle).
import * as benign from "../../dist/benign.js";
import { cameraImage } from "../camera-image.mjs";
import { convergencePlots } from "../plot.mjs";
import { rankKFactors } from "../reference.mjs";
import { ms, solverProgress } from "../terminal.mjs";

/** PSNR in dB over the hidden pixels only: 10·log10(1/MSE), predictions clipped to [0, 1]. */
function hiddenPsnr(image, hidden, predictions) {
  let sum = 0;
  for (let k = 0; k < predictions.length; k++) {
    const v = Math.min(1, Math.max(0, predictions[k]));
    sum += (v - image.data[hidden.row[k] * image.cols + hidden.col[k]]) ** 2;
  }
  return 10 * Math.log10(1 / (sum / predictions.length));
}

/** The image with the hidden pixels replaced by `predictions` (clipped to [0, 1]). */
function inpainted(image, hidden, predictions) {
  const out = benign.copyMatrix(image);
  for (let k = 0; k < predictions.length; k++) {
    out.data[hidden.row[k] * image.cols + hidden.col[k]] = Math.min(1, Math.max(0, predictions[k]));
  }
  return out;
}

/** The positions (row-major order) where the mask is not set. */
function hiddenPositions(mask, cols) {
  const row = [];
  const col = [];
  for (let t = 0; t < mask.length; t++) {
    if (mask[t]) continue;
    row.push(Math.floor(t / cols));
    col.push(t % cols);
  }
  return { row: Int32Array.from(row), col: Int32Array.from(col) };
}

/**
 * The runs of the table. λ of the factored methods is the nuclear-norm weight on the scale of the
 * image (0.5 at 512×512, proportionally less on a smaller image, whose singular values are
 * smaller); soft-impute needs its own larger λ, as the nuclear norm alone sets its rank. Budgets:
 * ALS's hidden-pixel PSNR moves by < 0.05 dB after 10 sweeps at 512; GD and trust regions are
 * capped with their gradients still falling.
 */
function runs(size, rank, quick) {
  const lambda = (0.5 * size) / 512;
  const soft = { method: "soft-impute", rank: rank + 10, lambda: (2 * size) / 512, path: { count: 6 }, gradientTolerance: 1e-4, maxIterations: quick ? 100 : 300 };
  return [
    { label: "als", options: { method: "als", rank, lambda, maxIterations: quick ? 6 : 12 } },
    { label: "gd", options: { method: "gd", rank, lambda, maxIterations: quick ? 80 : 250 } },
    { label: "riemannian", options: { method: "riemannian", rank, lambda, maxIterations: quick ? 5 : 10 } },
    { label: "soft-impute", options: soft },
  ];
}

export default {
  id: "completion",
  title: "Matrix completion: inpainting the camera image with half of its pixels hidden",
  options: {
    size: { type: "integer", default: 512, quick: 128, help: "image size (512 divided by a power of 2)" },
    rank: { type: "integer", default: 50, quick: 20, help: "rank of the factored methods" },
  },
  async run(report, { size, rank }) {
    const image = cameraImage(size);
    const { rows: m, cols: n } = image;
    // A seeded Bernoulli(½) mask: 1 = observed. Hidden pixels are shown black (0): the
    // zero-filled matrix P_Ω(Y) the spectral start works from.
    const mask = benign.uniformMask(m, n, 0.5, 2024);
    const observed = benign.observedFromMask(image, mask);
    const hidden = hiddenPositions(mask, n);
    const masked = inpainted(image, hidden, new Float64Array(hidden.row.length));
    report.text(
      `${observed.value.length} of ${m * n} pixels observed (${((100 * observed.value.length) / (m * n)).toFixed(1)} %, a seeded Bernoulli(½) mask). ` +
        "Every run is centered (the observed mean subtracted first). PSNR is over the hidden pixels only, predictions clipped to [0, 1]; " +
        "λ is the nuclear-norm weight of ½Σ_Ω(⟨Uᵢ, Vⱼ⟩ − yᵢⱼ)² + (λ/2)(‖U‖² + ‖V‖²).",
    );

    const rows = [];
    const images = [{ label: "original", matrix: image }, { label: "observed (hidden black)", matrix: masked }];
    const histories = [];
    const psnr = {};
    const capped = [];
    let softRank = 0;
    const plan = runs(size, rank, report.quick);
    for (const run of plan) {
      const line = report.progress(run.label);
      const t0 = performance.now();
      const fit = await benign.completeMatrix(observed, { center: true, ...run.options, onIteration: solverProgress(line) });
      const time = performance.now() - t0;
      const predictions = fit.predictAll(hidden.row, hidden.col);
      psnr[run.label] = hiddenPsnr(image, hidden, predictions);
      line.done(`${fit.result.reason} after ${fit.result.iterations} iterations, ${ms(time)}, PSNR ${psnr[run.label].toFixed(2)} dB`);
      images.push({ label: `${run.label}: ${psnr[run.label].toFixed(2)} dB`, matrix: inpainted(image, hidden, predictions) });
      if (fit.result.reason === "max-iterations") capped.push(run.label);
      if (fit.path === undefined) histories.push({ label: run.label, history: fit.result.history });
      else softRank = fit.path[fit.path.length - 1].rank;
      rows.push({
        method: run.label,
        rank: fit.path === undefined ? String(fit.rank) : `${softRank} (cap ${fit.rank})`,
        λ: fit.lambda.toPrecision(3),
        iterations: fit.result.iterations,
        stop: fit.result.reason,
        time: ms(time),
        "PSNR hidden": `${psnr[run.label].toFixed(2)} dB`,
        "train RMSE": fit.trainRmse.toFixed(4),
      });
    }

    // References: the observed mean everywhere, and the best rank-r approximation of the FULL
    // image (it sees the hidden pixels: an oracle, not a competitor).
    let mean = 0;
    for (const v of observed.value) mean += v;
    mean /= observed.value.length;
    const meanPsnr = hiddenPsnr(image, hidden, new Float64Array(hidden.row.length).fill(mean));
    rows.push({ method: "mean fill (reference)", rank: "0", λ: "", iterations: "", stop: "", time: "", "PSNR hidden": `${meanPsnr.toFixed(2)} dB`, "train RMSE": "" });
    const { left, right } = rankKFactors(benign.svd(image), rank);
    const oracle = benign.sampledProduct(left, right, hidden.row, hidden.col);
    const oraclePsnr = hiddenPsnr(image, hidden, oracle);
    rows.push({ method: "oracle: full-image SVD", rank: String(rank), λ: "", iterations: "", stop: "", time: "", "PSNR hidden": `${oraclePsnr.toFixed(2)} dB`, "train RMSE": "" });
    images.push({ label: `oracle, rank ${rank}: ${oraclePsnr.toFixed(2)} dB`, matrix: inpainted(image, hidden, oracle) });

    report.table(rows);
    report.images(images, "The observed pixels are kept and the hidden ones filled in by each method (PSNR over the hidden pixels).");
    report.plots(convergencePlots(histories, { logCost: true }));
    const softRun = plan.at(-1).options;
    report.text(
      `Rank ${rank} for the factored methods (|Ω|/(r(m + n − r)) ≈ ${(observed.value.length / (rank * (m + n - rank))).toFixed(1)} samples per degree of freedom); ` +
        `their convergence curves are above (all three minimize the same objective). Soft-impute, the convex baseline, minimizes its own objective along a λ path ` +
        `(from σ₁(P_Ω(Y)) down to λ = ${softRun.lambda}, with warm starts and momentum): without a rank constraint the nuclear norm alone sets the rank, here ${softRank}, ` +
        `${softRank < softRun.rank ? `under the cap ${softRun.rank}, so this is the convex optimum` : `AT the cap ${softRun.rank}, so the cap binds and this is not the convex optimum`}; ` +
        "its deficit is the price of shrinking every kept singular value by λ. " +
        (capped.length === 0 ? "Every run met its tolerance." : `${capped.join(", ")} stopped at the iteration caps that keep this report short (see their gradient norms).`),
    );
    const margin = 6;
    report.check(
      plan.every((run) => psnr[run.label] > meanPsnr + margin),
      `every method beats the mean fill (${meanPsnr.toFixed(2)} dB) by more than ${margin} dB on the hidden pixels`,
    );
  },
};
