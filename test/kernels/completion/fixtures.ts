// Random observation patterns and plain-JS references for the completion wrapper tests.
import { Rng } from "../../../src/data/rng.js";
import type { Matrix } from "../../../src/matrix.js";
import type { CsrMatrix } from "../../../src/kernels/sparse/types.js";
import { leastSquares } from "../../../src/kernels/linalg/qr-least-squares.js";

export { randomMatrix } from "../sparse/fixtures.js";

export const EPS = 2 ** -52;

/**
 * An m×n CSR matrix whose row i has counts[i % counts.length] entries (capped at n, distinct
 * columns, unsorted), values N(0, 1).
 */
export function randomCsr(rng: Rng, m: number, n: number, counts: readonly number[]): CsrMatrix {
  const rowPtr = new Int32Array(m + 1);
  const cols: number[] = [];
  for (let i = 0; i < m; i++) {
    const k = Math.min(n, counts[i % counts.length]);
    const perm = Array.from({ length: n }, (_, j) => j);
    for (let t = 0; t < k; t++) {
      const s = t + rng.integer(n - t);
      [perm[t], perm[s]] = [perm[s], perm[t]];
      cols.push(perm[t]);
    }
    rowPtr[i + 1] = rowPtr[i] + k;
  }
  return { rows: m, cols: n, rowPtr, colIdx: Int32Array.from(cols), value: rng.normalArray(cols.length) };
}

/** Row i's observed factor rows and values: A (k×r, rows Vⱼ) and y. */
export function rowSystem(S: CsrMatrix, V: Matrix, i: number): { A: Matrix; y: Float64Array } {
  const r = V.cols;
  const k = S.rowPtr[i + 1] - S.rowPtr[i];
  const A = new Float64Array(k * r);
  const y = new Float64Array(k);
  for (let t = 0; t < k; t++) {
    const p = S.rowPtr[i] + t;
    A.set(V.data.subarray(S.colIdx[p] * r, (S.colIdx[p] + 1) * r), t * r);
    y[t] = S.value[p];
  }
  return { A: { rows: k, cols: r, data: A }, y };
}

/**
 * Independent reference for one row: the ridge problem min ‖A·u − y‖² + λ‖u‖² as the ordinary
 * least-squares problem [A; √λ·I]·u ≈ [y; 0], solved by Householder QR (no Gram matrix, no
 * Cholesky). Empty rows give 0.
 */
export function ridgeReference(A: Matrix, y: Float64Array, lambda: number): Float64Array {
  const r = A.cols;
  if (A.rows === 0) return new Float64Array(r);
  const rows = lambda > 0 ? A.rows + r : A.rows;
  const M = new Float64Array(rows * r);
  M.set(A.data);
  const rhs = new Float64Array(rows);
  rhs.set(y);
  if (lambda > 0) for (let l = 0; l < r; l++) M[(A.rows + l) * r + l] = Math.sqrt(lambda);
  return leastSquares({ rows, cols: r, data: M }, rhs).X;
}

/** The gradient ½∇ of the row objective, Aᵀ(A·u − y) + λu, from the residuals, and its scale. */
export function rowGradient(A: Matrix, y: Float64Array, u: Float64Array, lambda: number): { g: Float64Array; scale: number } {
  const r = A.cols;
  const g = Float64Array.from(u, (x) => lambda * x);
  let scale = 0;
  for (let t = 0; t < A.rows; t++) {
    let e = -y[t];
    let es = Math.abs(y[t]);
    for (let l = 0; l < r; l++) {
      e += A.data[t * r + l] * u[l];
      es += Math.abs(A.data[t * r + l] * u[l]);
    }
    for (let l = 0; l < r; l++) {
      g[l] += e * A.data[t * r + l];
      scale += es * Math.abs(A.data[t * r + l]);
    }
  }
  return { g, scale: scale + lambda * Math.max(0, ...Array.from(u, Math.abs)) };
}

/** tr(AᵀA) + λ: an upper bound on ‖AᵀA + λI‖₂. */
export function gramBound(A: Matrix, lambda: number): number {
  let t = lambda;
  for (const x of A.data) t += x * x;
  return t;
}

export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** Σ_Ω (⟨Uᵢ, Vⱼ⟩ − yᵢⱼ)² in plain JS. */
export function rssReference(S: CsrMatrix, U: Matrix, V: Matrix): number {
  const r = U.cols;
  let s = 0;
  for (let i = 0; i < S.rows; i++) {
    for (let p = S.rowPtr[i]; p < S.rowPtr[i + 1]; p++) {
      let e = -S.value[p];
      for (let l = 0; l < r; l++) e += U.data[i * r + l] * V.data[S.colIdx[p] * r + l];
      s += e * e;
    }
  }
  return s;
}
