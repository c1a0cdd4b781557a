// fourierDictionary(n): the real Fourier basis (cosines and sines), orthonormal.
import type { Matrix } from "../../matrix.js";
import { checkInteger, newFloat64Array } from "../../validate.js";

/**
 * The real Fourier basis of Rⁿ as an n×n orthonormal dictionary, one atom per column: column 0
 * the constant 1/√n; for k = 1 … ⌈n/2⌉ − 1, columns 2k − 1 and 2k the cosine √(2/n)·cos(2πki/n)
 * and the sine √(2/n)·sin(2πki/n) (i = 0 … n−1); for even n, column n − 1 the alternating
 * (−1)ⁱ/√n (frequency n/2). In terms of the DFT Yₖ = Σᵢ yᵢe^(−2πiki/n) (the library's `rfft`),
 * Aᵀy = (Y₀/√n, √(2/n)·Re Y₁, −√(2/n)·Im Y₁, √(2/n)·Re Y₂, …, and Y_(n/2)/√n for even n).
 * AᵀA = AAᵀ = I. Angles are reduced exactly (ki mod n) before the cosine and sine.
 *
 * @throws TypeError / RangeError if n is not an integer ≥ 1.
 */
export function fourierDictionary(n: number): Matrix {
  checkInteger("n", n, 1);
  const data = newFloat64Array("n", n * n, `an ${n}×${n} dictionary has ${n * n} entries`);
  const c0 = 1 / Math.sqrt(n);
  const c = Math.sqrt(2 / n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    data[row] = c0;
    for (let k = 1; 2 * k < n; k++) {
      const angle = (2 * Math.PI * ((k * i) % n)) / n;
      data[row + 2 * k - 1] = c * Math.cos(angle);
      data[row + 2 * k] = c * Math.sin(angle);
    }
    if (n % 2 === 0 && n > 1) data[row + n - 1] = i % 2 === 0 ? c0 : -c0;
  }
  return { rows: n, cols: n, data };
}
