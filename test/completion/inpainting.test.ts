// Inpainting the camera image (512×512, CC0) with half of its pixels hidden: the nonconvex ALS fit
// and the convex soft-impute baseline against mean fill, on the hidden pixels only.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { parsePgm } from "../../src/data/pgm.js";
import { uniformMask } from "../../src/data/masks.js";
import { observedFromMask } from "../../src/completion/from-mask.js";
import { completeMatrix } from "../../src/completion/complete-matrix.js";
import { svd } from "../../src/kernels/linalg/svd.js";
import { sampledProduct } from "../../src/kernels/sparse/sampled.js";
import type { Matrix } from "../../src/matrix.js";
import type { Observed } from "../../src/completion/observed.js";

let image: Matrix;
let observed: Observed;
let hiddenRow: Int32Array;
let hiddenCol: Int32Array;

beforeAll(async () => {
  await init();
  image = parsePgm(new Uint8Array(readFileSync(new URL("../../data/camera.pgm", import.meta.url))));
  // A different mask from the demo's (seed 2024), so the margins are not tuned to one mask.
  const mask = uniformMask(image.rows, image.cols, 0.5, 7);
  observed = observedFromMask(image, mask);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let t = 0; t < mask.length; t++) if (!mask[t]) (rows.push(Math.floor(t / image.cols)), cols.push(t % image.cols));
  hiddenRow = Int32Array.from(rows);
  hiddenCol = Int32Array.from(cols);
});

/** 10·log10(1/MSE) over the hidden pixels, predictions clipped to [0, 1]. */
function hiddenPsnr(predictions: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < predictions.length; k++) {
    const v = Math.min(1, Math.max(0, predictions[k]));
    sum += (v - image.data[hiddenRow[k] * image.cols + hiddenCol[k]]) ** 2;
  }
  return 10 * Math.log10(predictions.length / sum);
}

/** The hidden-pixel PSNR of ALS at rank 50, λ = 0.5, 10 sweeps, centered (fitted once, shared). */
let als: Promise<number> | undefined;
function alsPsnr(): Promise<number> {
  als ??= completeMatrix(observed, { rank: 50, lambda: 0.5, center: true, maxIterations: 10 })
    .then((fit) => hiddenPsnr(fit.predictAll(hiddenRow, hiddenCol)));
  return als;
}

function meanFillPsnr(): number {
  let mean = 0;
  for (const v of observed.value) mean += v;
  return hiddenPsnr(new Float64Array(hiddenRow.length).fill(mean / observed.value.length));
}

describe("completeMatrix: inpainting the camera image, 50% of the pixels hidden", () => {
  // Measured on this mask: mean fill 10.79 dB, ALS at rank 50, λ = 0.5, 10 sweeps 24.63 dB
  // (+13.8 dB), soft-impute at λ = 2 22.69 dB (+11.9 dB; rank 40), the best rank-50 approximation
  // of the full image ≈ 28.7 dB; the same to 0.05 dB on the masks of seeds 42 and 2024 and to
  // 0.001 dB on the scalar build. The asserted margins, 10 dB (a 10× smaller MSE) and 8 dB, leave
  // ≈ 4 dB of slack against those spreads and against the 0.2 dB spread over λ in 0.3–0.8.
  test("ALS (rank 50, λ = 0.5, 10 sweeps) beats mean fill by > 10 dB and stays below the full-image oracle", async () => {
    const als = await alsPsnr();
    expect(als).toBeGreaterThan(meanFillPsnr() + 10);
    // The oracle sees the hidden pixels; ALS scores ≈ 4 dB below it. Computed on the observed
    // pixels by mistake, ALS would score ≈ 29.3 dB (train RMSE 0.034), above it: this catches that.
    const { U, S, V } = svd(image);
    const k = 50;
    const left = { rows: U.rows, cols: k, data: new Float64Array(U.rows * k) };
    const right = { rows: V.rows, cols: k, data: new Float64Array(V.rows * k) };
    for (let i = 0; i < U.rows; i++) for (let j = 0; j < k; j++) left.data[i * k + j] = U.data[i * U.cols + j] * S[j];
    for (let i = 0; i < V.rows; i++) for (let j = 0; j < k; j++) right.data[i * k + j] = V.data[i * V.cols + j];
    expect(als).toBeLessThan(hiddenPsnr(sampledProduct(left, right, hiddenRow, hiddenCol)));
  }, 60_000);

  test("soft-impute (λ = 2, convex optimum) beats mean fill by > 8 dB; ALS beats soft-impute", async () => {
    const fit = await completeMatrix(observed, {
      rank: 60, lambda: 2, method: "soft-impute", center: true, path: { count: 6 }, gradientTolerance: 1e-4, maxIterations: 300,
    });
    // The run converged and the solution's rank stayed below the cap: this is the convex
    // problem's solution, not a rank-constrained one.
    expect(fit.result.converged).toBe(true);
    expect(fit.path![fit.path!.length - 1].rank).toBeLessThan(60);
    const soft = hiddenPsnr(fit.predictAll(hiddenRow, hiddenCol));
    expect(soft).toBeGreaterThan(meanFillPsnr() + 8);
    // The nonconvex fit wins by 1.9–2.0 dB on the three masks (soft-impute shrinks every kept
    // singular value by λ); asserted: by more than 0.5 dB.
    expect(await alsPsnr()).toBeGreaterThan(soft + 0.5);
  }, 60_000);
});
