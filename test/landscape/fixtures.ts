// Random matrices with known spectra for the landscape and closed-form tests.
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { qr } from "../../src/kernels/linalg/qr.js";

/** A random symmetric n×n matrix (G + Gᵀ)/2 with Gaussian entries. */
export function randomSymmetric(n: number, rng: Rng): Matrix {
  const g = rng.normalArray(n * n);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (g[i * n + j] + g[j * n + i]) / 2;
  return { rows: n, cols: n, data };
}

/** X = GGᵀ/n with G n×m Gaussian: PSD, rank min(n, m), distinct eigenvalues almost surely. */
export function randomPsd(n: number, rng: Rng, m = n): Matrix {
  const g: Matrix = { rows: n, cols: m, data: rng.normalArray(n * m) };
  return symmetrize(gemm(g, g, { transB: true, alpha: 1 / n }));
}

/** A random orthogonal n×n matrix (Q factor of a Gaussian matrix). */
export function randomOrthogonal(n: number, rng: Rng): Matrix {
  return qr({ rows: n, cols: n, data: rng.normalArray(n * n) }).Q;
}

/** V·diag(values)·Vᵀ for a random orthogonal V: a symmetric matrix with exactly these eigenvalues (up to rounding). */
export function withSpectrum(values: number[], rng: Rng): Matrix {
  const n = values.length;
  const v = randomOrthogonal(n, rng);
  const vd: Matrix = { rows: n, cols: n, data: v.data.map((x, idx) => x * values[idx % n]) };
  return symmetrize(gemm(vd, v, { transB: true }));
}

/** (A + Aᵀ)/2 (removes the rounding asymmetry of a product). */
export function symmetrize(a: Matrix): Matrix {
  const n = a.rows, data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (a.data[i * n + j] + a.data[j * n + i]) / 2;
  return { rows: n, cols: n, data };
}

/** Column j of a matrix. */
export function col(a: Matrix, j: number): Float64Array {
  return Float64Array.from({ length: a.rows }, (_, i) => a.data[i * a.cols + j]);
}

/** The first k columns of a matrix. */
export function firstColumns(a: Matrix, k: number): Matrix {
  const out = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = a.data[i * a.cols + j];
  return { rows: a.rows, cols: k, data: out };
}

/** max |aᵢ − bᵢ| of two equal-length arrays. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** max |aᵢ|. */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Ascending copy. */
export function sorted(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

export { Rng };
