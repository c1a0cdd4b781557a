// The start of dictionary learning: samples, leading singular vectors, or a given matrix, with
// unit-norm atoms.
import type { Matrix } from "../../matrix.js";
import type { Rng } from "../../data/rng.js";
import { gemm } from "../../kernels/blas/gemm.js";
import { eigh } from "../../kernels/linalg/eigh.js";

/** Eigenvalues of YYᵀ at most this times the largest give no direction to start from. */
const NEGLIGIBLE = 1e-12;

/**
 * The n×K start, atoms of unit norm:
 * - "svd": the eigenvectors of YYᵀ (the left singular vectors of Y) for its K largest eigenvalues
 *   — the best rank-K subspace of the samples, and the start scikit-learn's dictionary learning
 *   uses —, fewer if YYᵀ has fewer eigenvalues above 1e-12 times its largest; the rest as "samples";
 * - "samples": distinct nonzero samples drawn uniformly (partial Fisher–Yates on the nonzero
 *   columns), normalized;
 * - a matrix: its columns normalized.
 *
 * @param y the n×p samples, missing entries set to 0.
 * @param nonzero the indices of the nonzero samples (at least K of them: checked by the caller).
 */
export function initialDictionary(y: Matrix, K: number, init: "samples" | "svd" | Matrix, nonzero: readonly number[], rng: Rng): Float64Array {
  const { rows: n, cols: p } = y;
  const A = new Float64Array(n * K);
  let filled = 0;
  if (typeof init === "object") {
    A.set(init.data);
    filled = K;
  } else if (init === "svd") {
    const { values, vectors } = eigh(gemm(y, y, { transB: true }));
    const largest = values[n - 1];
    for (let e = n - 1; e >= 0 && filled < K && values[e] > NEGLIGIBLE * largest; e--, filled++) {
      for (let i = 0; i < n; i++) A[i * K + filled] = vectors.data[i * n + e];
    }
  }
  const pool = nonzero.slice();
  for (let t = 0; filled < K; t++, filled++) {
    const pick = t + rng.integer(pool.length - t);
    [pool[t], pool[pick]] = [pool[pick], pool[t]];
    for (let i = 0; i < n; i++) A[i * K + filled] = y.data[i * p + pool[t]];
  }
  for (let j = 0; j < K; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += A[i * K + j] ** 2;
    const scale = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) A[i * K + j] *= scale;
  }
  return A;
}
