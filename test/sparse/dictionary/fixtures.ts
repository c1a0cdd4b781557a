// Instances and plain-JS references for the dictionary learning tests.
import { readFileSync } from "node:fs";
import type { Matrix } from "../../../src/matrix.js";
import { parseDigits } from "../../../src/data/digits.js";
import { bernoulliGaussian } from "../../../src/data/bernoulli.js";
import { randomDictionary } from "../../../src/sparse/random-dictionary.js";

/** The shipped digits, 64×1797, raw values 0..16. */
export function digits(): Matrix {
  return parseDigits(readFileSync(new URL("../../../data/digits.csv", import.meta.url), "utf8")).images;
}

/** Y = A₀X₀: A₀ n×K with unit Gaussian atoms, X₀ K×p Bernoulli(θ)–Gaussian. */
export function synthetic(n: number, K: number, p: number, theta: number, seed: number): { A0: Matrix; X0: Matrix; Y: Matrix } {
  const A0 = randomDictionary(n, K, { seed });
  const X0 = bernoulliGaussian(K, p, theta, { seed: seed + 1 });
  const Y = { rows: n, cols: p, data: new Float64Array(n * p) };
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) {
    const a = A0.data[i * K + k];
    if (a !== 0) for (let j = 0; j < p; j++) Y.data[i * p + j] += a * X0.data[k * p + j];
  }
  return { A0, X0, Y };
}

/** (1/p)·Σⱼ (½Σᵢ Mᵢⱼ(yᵢⱼ − (AX)ᵢⱼ)² + λ‖xⱼ‖₁), by plain loops (all entries observed without a mask). */
export function objectiveReference(Y: Matrix, A: Matrix, X: Matrix, lambda: number, mask?: Uint8Array): number {
  const { rows: n, cols: p } = Y;
  const K = A.cols;
  let fit = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      if (mask !== undefined && mask[i * p + j] !== 1) continue;
      let s = 0;
      for (let k = 0; k < K; k++) s += A.data[i * K + k] * X.data[k * p + j];
      fit += (Y.data[i * p + j] - s) ** 2;
    }
  }
  let l1 = 0;
  for (const v of X.data) l1 += Math.abs(v);
  return (0.5 * fit + lambda * l1) / p;
}

/** The largest |‖aⱼ‖ − 1| over the columns of A. */
export function unitNormDefect(A: Matrix): number {
  let worst = 0;
  for (let j = 0; j < A.cols; j++) {
    let s = 0;
    for (let i = 0; i < A.rows; i++) s += A.data[i * A.cols + j] ** 2;
    worst = Math.max(worst, Math.abs(Math.sqrt(s) - 1));
  }
  return worst;
}

/** The largest rise of a sequence, relative to its values: max_k (c[k] − c[k−1])/|c[k−1]|, or 0. */
export function largestRise(cost: Float64Array): number {
  let worst = 0;
  for (let k = 1; k < cost.length; k++) worst = Math.max(worst, (cost[k] - cost[k - 1]) / Math.abs(cost[k - 1]));
  return worst;
}
