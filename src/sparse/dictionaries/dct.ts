// The orthonormal DCT-II bases: 1-D (dctDictionary) and separable 2-D (dct2dDictionary).
import type { Matrix } from "../../matrix.js";
import { checkInteger, newFloat64Array } from "../../validate.js";
import { checkKroneckerSize, kronecker } from "./kronecker.js";

/**
 * The orthonormal DCT-II basis of Rⁿ as an n×n dictionary, one atom per column:
 * atom k has entries aₖ[i] = cₖ·cos(π(2i + 1)k / 2n), i = 0 … n−1, with c₀ = √(1/n) and
 * cₖ = √(2/n) for k ≥ 1. So Aᵀy is the orthonormal DCT-II of y (scipy's `dct(y, norm="ortho")`)
 * and Ax the inverse transform (the DCT-III); AᵀA = AAᵀ = I. Atom k oscillates with frequency k/2n
 * (Ahmed, Natarajan & Rao, "Discrete cosine transform", IEEE Trans. Comput. 1974; Strang, "The
 * discrete cosine transform", SIAM Rev. 1999, the DCT-2). The angle is reduced exactly
 * ((2i + 1)k mod 4n) before the cosine, so every entry is accurate to an ulp or two for any n.
 *
 * @throws TypeError / RangeError if n is not an integer ≥ 1.
 */
export function dctDictionary(n: number): Matrix {
  checkInteger("n", n, 1);
  const data = newFloat64Array("n", n * n, `an ${n}×${n} dictionary has ${n * n} entries`);
  const c0 = Math.sqrt(1 / n);
  const c = Math.sqrt(2 / n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const phase = ((2 * i + 1) * k) % (4 * n);
      data[i * n + k] = (k === 0 ? c0 : c) * Math.cos((Math.PI * phase) / (2 * n));
    }
  }
  return { rows: n, cols: n, data };
}

/**
 * The separable 2-D DCT-II basis for rows×cols patches stored row-major (pixel (i, j) at entry
 * i·cols + j): the (rows·cols)-square Kronecker product D_rows ⊗ D_cols of the 1-D bases
 * ({@link dctDictionary}). Atom k·cols + l is the outer product of 1-D atoms k and l, and the
 * coefficients of a patch P are D_rowsᵀ·P·D_cols (the 2-D DCT-II, scipy's `dctn(P, norm="ortho")`).
 * Orthonormal.
 *
 * @throws TypeError / RangeError if a size is not an integer ≥ 1.
 */
export function dct2dDictionary(rows: number, cols: number): Matrix {
  checkInteger("rows", rows, 1);
  checkInteger("cols", cols, 1);
  checkKroneckerSize(rows, cols, rows * cols);
  return kronecker(dctDictionary(rows), dctDictionary(cols));
}
