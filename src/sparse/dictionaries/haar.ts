// haarDictionary(n, { levels }): the multi-level orthonormal Haar wavelet basis.
import type { Matrix } from "../../matrix.js";
import { checkInteger, checkOptions, newFloat64Array } from "../../validate.js";

/** Options of {@link haarDictionary}. */
export interface HaarDictionaryOptions {
  /**
   * L, the number of levels: n must be a multiple of 2^L.
   * @defaultValue the largest L with 2^L dividing n
   */
  levels?: number;
}

/**
 * The L-level orthonormal Haar wavelet basis of Rⁿ (Haar 1910; Mallat, "A wavelet tour of signal
 * processing", 3rd ed., §7.2.2) as an n×n dictionary, one atom per column. One level maps a signal
 * x of even length to the averages aₖ = (x₂ₖ + x₂ₖ₊₁)/√2 and the differences dₖ = (x₂ₖ − x₂ₖ₊₁)/√2;
 * L levels apply it again to the averages, L times. Aᵀy lists the coefficients coarse to fine:
 * the n/2^L averages of level L, then the differences of levels L, L−1, …, 1 (n/2^L, n/2^L, n/2^(L−1),
 * …, n/2 entries). So the atoms are: for each level-L block of 2^L samples, the constant 2^(−L/2);
 * and for each level j and block of 2^j samples, +2^(−j/2) on its first half and −2^(−j/2) on its
 * second. Level 0 is the identity. AᵀA = AAᵀ = I.
 *
 * @throws TypeError / RangeError if n is not an integer ≥ 1, or levels is not an integer ≥ 0
 *   with 2^levels dividing n.
 */
export function haarDictionary(n: number, options: HaarDictionaryOptions = {}): Matrix {
  checkInteger("n", n, 1);
  checkOptions("options", options, ["levels"]);
  let most = 0;
  while (n % 2 ** (most + 1) === 0) most++;
  const levels = checkInteger("levels", options.levels ?? most, 0);
  if (levels > most) {
    throw new RangeError(`invalid levels: n = ${n} is not a multiple of 2^${levels}; expected levels ≤ ${most}`);
  }
  const data = newFloat64Array("n", n * n, `an ${n}×${n} dictionary has ${n * n} entries`);
  let col = 0;
  const block = 2 ** levels;
  const height = 1 / Math.sqrt(block);
  for (let start = 0; start < n; start += block, col++) {
    for (let i = start; i < start + block; i++) data[i * n + col] = height;
  }
  for (let j = levels; j >= 1; j--) {
    const width = 2 ** j;
    const h = 1 / Math.sqrt(width);
    for (let start = 0; start < n; start += width, col++) {
      for (let i = start; i < start + width; i++) data[i * n + col] = i < start + width / 2 ? h : -h;
    }
  }
  return { rows: n, cols: n, data };
}
