// Dense references and random factors for the symmetry metric tests.
import { Rng } from "../../src/data/rng.js";
import { transpose, type Matrix } from "../../src/matrix.js";

export function gaussian(rng: Rng, rows: number, cols: number): Matrix {
  return { rows, cols, data: rng.normalArray(rows * cols) };
}

/** A·B by plain loops. */
export function times(a: Matrix, b: Matrix): Matrix {
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      out[i * b.cols + j] = s;
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

export function frob(x: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.length; k++) s += x[k] * x[k];
  return Math.sqrt(s);
}

export function minus(a: Matrix, b: Matrix): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map((v, k) => v - b.data[k]) };
}

export function plus(a: Matrix, b: Matrix): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map((v, k) => v + b.data[k]) };
}

export function scale(a: Matrix, s: number): Matrix {
  return { rows: a.rows, cols: a.cols, data: a.data.map((v) => v * s) };
}

/** The inverse of a small matrix by Gauss–Jordan with partial pivoting (plain JS reference). */
export function inverse(a: Matrix): Matrix {
  const n = a.rows;
  const w = Array.from({ length: n }, (_, i) => [...a.data.subarray(i * n, (i + 1) * n), ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(w[i][c]) > Math.abs(w[p][c])) p = i;
    [w[c], w[p]] = [w[p], w[c]];
    const d = w[c][c];
    for (let j = 0; j < 2 * n; j++) w[c][j] /= d;
    for (let i = 0; i < n; i++) {
      if (i === c) continue;
      const f = w[i][c];
      for (let j = 0; j < 2 * n; j++) w[i][j] -= f * w[c][j];
    }
  }
  return { rows: n, cols: n, data: Float64Array.from(w.flatMap((row) => row.slice(n))) };
}

/** Aᵀ: the library's plain-JS transpose. */
export const transposed = transpose;

/** A·Bᵀ by plain loops. */
export function timesT(a: Matrix, b: Matrix): Matrix {
  return times(a, transpose(b));
}

/** A random orthogonal n×n matrix by Gram–Schmidt (twice) on a Gaussian matrix. */
export function randomOrthogonal(rng: Rng, n: number): Matrix {
  const cols: number[][] = [];
  for (let k = 0; k < n; k++) {
    let v = Array.from(rng.normalArray(n));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of cols) {
        const d = q.reduce((s, x, i) => s + x * v[i], 0);
        v = v.map((x, i) => x - d * q[i]);
      }
    }
    const nv = Math.hypot(...v);
    cols.push(v.map((x) => x / nv));
  }
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) data[i * n + k] = cols[k][i];
  return { rows: n, cols: n, data };
}
