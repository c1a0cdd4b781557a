// Random noiseless/noisy completion problems with entries of order 1, for the completion tests.
import type { Matrix } from "../../src/matrix.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { uniformMask } from "../../src/data/masks.js";
import { observedFromFactors } from "../../src/completion/from-factors.js";
import type { Observed } from "../../src/completion/observed.js";

export interface CompletionCase {
  observed: Observed;
  /** The truth X = U·Vᵀ. */
  U: Matrix;
  V: Matrix;
}

/**
 * X = U·Vᵀ of rank r with singular values √(mn)·(1 − k/(2r)), k = 0…r−1 (condition ≤ 2, entries
 * of order 1), incoherent factors; observed on an exact-count uniform mask of `fraction`·m·n
 * entries, plus Gaussian noise of standard deviation `noise`.
 */
export function completionCase(m: number, n: number, r: number, fraction: number, seed: number, noise = 0): CompletionCase {
  const singularValues = Array.from({ length: r }, (_, k) => Math.sqrt(m * n) * (1 - k / (2 * r)));
  const { U, V } = randomLowRank(m, n, r, { seed, singularValues });
  const mask = uniformMask(m, n, fraction, seed + 1000, { sampling: "exact" });
  const row: number[] = [];
  const col: number[] = [];
  for (let k = 0; k < mask.length; k++) if (mask[k]) (row.push(Math.floor(k / n)), col.push(k % n));
  const observed = observedFromFactors(U, V, { row: Int32Array.from(row), col: Int32Array.from(col) }, { noise, seed: seed + 2000 });
  return { observed, U, V };
}
