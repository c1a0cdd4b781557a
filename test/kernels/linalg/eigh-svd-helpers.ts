// Plain-JS dense helpers for the eigh / svd / polar tests: products, norms, random orthogonal
// matrices (modified Gram–Schmidt, twice, on Gaussian columns) and constructed spectra.
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";

export const EPS = 2 ** -52;

export function mat(rows: number, cols: number, data?: Float64Array): Matrix {
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

export function randomMatrix(rng: Rng, rows: number, cols: number): Matrix {
  return mat(rows, cols, rng.normalArray(rows * cols));
}

export function randomSymmetric(rng: Rng, n: number): Matrix {
  const a = mat(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
  }
  return a;
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  const out = mat(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let l = 0; l < a.cols; l++) {
      const x = a.data[i * a.cols + l];
      if (x === 0) continue;
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += x * b.data[l * b.cols + j];
    }
  }
  return out;
}

export function transposed(a: Matrix): Matrix {
  const out = mat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

/** a·diag(d) (scales column j by d[j]). */
export function scaleCols(a: Matrix, d: ArrayLike<number>): Matrix {
  const out = mat(a.rows, a.cols, a.data.slice());
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j] *= d[j];
  return out;
}

export function sub(a: Matrix, b: Matrix): Matrix {
  const out = mat(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] - b.data[i];
  return out;
}

export function frob(a: Matrix): number {
  let s = 0;
  for (const v of a.data) s += v * v;
  return Math.sqrt(s);
}

/** ‖XᵀX − I‖_F for X with orthonormal columns expected. */
export function orthError(x: Matrix): number {
  const g = matmul(transposed(x), x);
  for (let i = 0; i < g.rows; i++) g.data[i * g.cols + i] -= 1;
  return frob(g);
}

/** An m×k matrix with orthonormal columns (k ≤ m): Gram–Schmidt twice on Gaussian columns. */
export function randomOrthonormal(rng: Rng, m: number, k: number): Matrix {
  const q = randomMatrix(rng, m, k);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let p = 0; p < j; p++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += q.data[i * k + j] * q.data[i * k + p];
        for (let i = 0; i < m; i++) q.data[i * k + j] -= d * q.data[i * k + p];
      }
      let nrm = 0;
      for (let i = 0; i < m; i++) nrm += q.data[i * k + j] ** 2;
      nrm = Math.sqrt(nrm);
      for (let i = 0; i < m; i++) q.data[i * k + j] /= nrm;
    }
  }
  return q;
}

/** U·diag(s)·Vᵀ for U m×k, V n×k. */
export function fromSvd(u: Matrix, s: ArrayLike<number>, v: Matrix): Matrix {
  return matmul(scaleCols(u, s), transposed(v));
}

/** Index of the first largest-magnitude entry of column j. */
export function argmaxAbsCol(a: Matrix, j: number): number {
  let best = -1;
  let at = 0;
  for (let i = 0; i < a.rows; i++) {
    const v = Math.abs(a.data[i * a.cols + j]);
    if (v > best) {
      best = v;
      at = i;
    }
  }
  return at;
}
