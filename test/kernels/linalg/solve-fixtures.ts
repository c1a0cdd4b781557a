// Plain-JS matrices and norms for the QR / Cholesky / LU wrapper tests: independent of the
// kernels under test (no call into wasm).
import type { Matrix } from "../../../src/matrix.js";
import { Rng } from "../../../src/data/rng.js";

/** Unit roundoff of f64. */
export const U = 2 ** -53;

export function mat(rows: number, cols: number, data: Float64Array = new Float64Array(rows * cols)): Matrix {
  return { rows, cols, data };
}

export function randn(rng: Rng, rows: number, cols: number): Matrix {
  return mat(rows, cols, rng.normalArray(rows * cols));
}

export function matmul(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return mat(a.rows, b.cols, out);
}

export function transposeOf(a: Matrix): Matrix {
  const out = new Float64Array(a.rows * a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return mat(a.cols, a.rows, out);
}

export function sub(a: Matrix, b: Matrix): Matrix {
  return mat(a.rows, a.cols, a.data.map((v, i) => v - b.data[i]));
}

export function frob(a: Matrix | Float64Array): number {
  const d = a instanceof Float64Array ? a : a.data;
  let big = 0;
  for (let i = 0; i < d.length; i++) big = Math.max(big, Math.abs(d[i]));
  if (big === 0 || !Number.isFinite(big)) return big;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += (d[i] / big) ** 2; // scaled: no over/underflow
  return big * Math.sqrt(s);
}

export function eye(n: number): Matrix {
  const a = mat(n, n);
  for (let i = 0; i < n; i++) a.data[i * n + i] = 1;
  return a;
}

/** m×n (m ≥ n) with orthonormal columns: modified Gram–Schmidt, applied twice. */
export function orthonormal(rng: Rng, m: number, n: number): Matrix {
  const q = randn(rng, m, n);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < j; k++) {
        let d = 0;
        for (let i = 0; i < m; i++) d += q.data[i * n + k] * q.data[i * n + j];
        for (let i = 0; i < m; i++) q.data[i * n + j] -= d * q.data[i * n + k];
      }
      let s = 0;
      for (let i = 0; i < m; i++) s += q.data[i * n + j] ** 2;
      s = Math.sqrt(s);
      for (let i = 0; i < m; i++) q.data[i * n + j] /= s;
    }
  }
  return q;
}

/** m×n = U·diag(σ)·Vᵀ with σᵢ = 10^(−k·i/(n−1)): 2-norm condition number 10^k. */
export function withCondition(rng: Rng, m: number, n: number, k: number): Matrix {
  const u = orthonormal(rng, m, n);
  const v = orthonormal(rng, n, n);
  for (let j = 0; j < n; j++) {
    const s = 10 ** (-(k * j) / Math.max(1, n - 1));
    for (let i = 0; i < m; i++) u.data[i * n + j] *= s;
  }
  return matmul(u, transposeOf(v));
}

/** A random symmetric positive-definite matrix with 2-norm condition number 10^k. */
export function spdWithCondition(rng: Rng, n: number, k: number): Matrix {
  const v = orthonormal(rng, n, n);
  const vs = mat(n, n, v.data.slice());
  for (let j = 0; j < n; j++) {
    const s = 10 ** (-(k * j) / Math.max(1, n - 1));
    for (let i = 0; i < n; i++) vs.data[i * n + j] *= s;
  }
  const a = matmul(vs, transposeOf(v));
  // exact symmetry
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[j * n + i] = a.data[i * n + j];
  return a;
}

export function hilbert(n: number): Matrix {
  const a = mat(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a.data[i * n + j] = 1 / (i + j + 1);
  return a;
}

/** max |entry| of the strict lower triangle. */
export function maxBelowDiagonal(a: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < Math.min(i, a.cols); j++) m = Math.max(m, Math.abs(a.data[i * a.cols + j]));
  return m;
}

/** max |entry| of the strict upper triangle. */
export function maxAboveDiagonal(a: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.rows; i++) for (let j = i + 1; j < a.cols; j++) m = Math.max(m, Math.abs(a.data[i * a.cols + j]));
  return m;
}

/** Inverse by Gauss–Jordan with partial pivoting (plain JS reference for small n). */
export function inverse(a: Matrix): Matrix {
  const n = a.rows;
  const w = a.data.slice();
  const inv = eye(n).data;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(w[i * n + k]) > Math.abs(w[p * n + k])) p = i;
    for (let j = 0; j < n; j++) {
      [w[k * n + j], w[p * n + j]] = [w[p * n + j], w[k * n + j]];
      [inv[k * n + j], inv[p * n + j]] = [inv[p * n + j], inv[k * n + j]];
    }
    const d = w[k * n + k];
    for (let j = 0; j < n; j++) {
      w[k * n + j] /= d;
      inv[k * n + j] /= d;
    }
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = w[i * n + k];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) {
        w[i * n + j] -= f * w[k * n + j];
        inv[i * n + j] -= f * inv[k * n + j];
      }
    }
  }
  return mat(n, n, inv);
}

export function norm1(a: Matrix): number {
  let m = 0;
  for (let j = 0; j < a.cols; j++) {
    let s = 0;
    for (let i = 0; i < a.rows; i++) s += Math.abs(a.data[i * a.cols + j]);
    m = Math.max(m, s);
  }
  return m;
}
