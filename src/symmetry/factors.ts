// Checks and small dense helpers shared by the symmetry metrics.
import type { Matrix } from "../matrix.js";
import { checkMatrix } from "../validate.js";
import { qr } from "../kernels/linalg/qr.js";

/** A finite matrix; with `rows` (and `cols`), of that shape, the message naming where the size comes from. */
export function checkFactorMatrix(
  name: string, value: unknown, rows?: number, rowsFrom?: string, cols?: number, colsFrom?: string,
): Matrix {
  const m = checkMatrix(name, value);
  if (rows !== undefined && m.rows !== rows) {
    throw new RangeError(`invalid ${name}: expected ${rows} rows (${rowsFrom}), got a ${m.rows}×${m.cols} matrix`);
  }
  if (cols !== undefined && m.cols !== cols) {
    throw new RangeError(`invalid ${name}: expected ${cols} columns (${colsFrom}), got a ${m.rows}×${m.cols} matrix`);
  }
  for (let k = 0; k < m.data.length; k++) {
    if (!Number.isFinite(m.data[k])) {
      const i = Math.floor(k / m.cols);
      throw new RangeError(`invalid ${name}: ${name}[${i}, ${k - i * m.cols}] = ${m.data[k]}; expected finite values`);
    }
  }
  return m;
}

/** [A B] (same rows), with B scaled by `sign`. */
export function hstack(a: Matrix, b: Matrix, sign = 1): Matrix {
  const { rows } = a;
  const p = a.cols + b.cols;
  const data = new Float64Array(rows * p);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < a.cols; k++) data[i * p + k] = a.data[i * a.cols + k];
    for (let k = 0; k < b.cols; k++) data[i * p + a.cols + k] = sign * b.data[i * b.cols + k];
  }
  return { rows, cols: p, data };
}

/** Columns [from, to) of a matrix, as a copy. */
export function columns(a: Matrix, from: number, to: number): Matrix {
  const c = to - from;
  const data = new Float64Array(a.rows * c);
  for (let i = 0; i < a.rows; i++) for (let k = 0; k < c; k++) data[i * c + k] = a.data[i * a.cols + from + k];
  return { rows: a.rows, cols: c, data };
}

/** ‖A − B‖_F without overflow (scaled sum of squares); same shapes. */
export function frobeniusDistance(a: ArrayLike<number>, b?: ArrayLike<number>): number {
  let scale = 0, ssq = 1;
  for (let k = 0; k < a.length; k++) {
    const d = Math.abs(b === undefined ? a[k] : a[k] - b[k]);
    if (d === 0) continue;
    if (d !== d) return NaN;
    if (scale < d) {
      ssq = 1 + ssq * (scale / d) ** 2;
      scale = d;
    } else ssq += (d / scale) ** 2;
  }
  return scale === 0 ? 0 : scale * Math.sqrt(ssq);
}

/** error / reference, with 0/0 = 0 and x/0 = Infinity for x > 0. */
export function ratio(error: number, reference: number): number {
  if (reference === 0) return error === 0 ? 0 : Infinity;
  return error / reference;
}

/**
 * The Q factor of A's thin QR, an orthonormal basis of col(A); throws a RangeError naming `name`
 * if A is numerically rank deficient: some |R[j][j]| ≤ max(m, k)·ε·maxⱼ|R[j][j]| (A m×k, m ≥ k).
 */
export function orthonormalBasis(name: string, a: Matrix): Matrix {
  const { Q, R } = qr(a);
  const k = a.cols;
  let max = 0;
  for (let j = 0; j < k; j++) max = Math.max(max, R.data[j * k + j]);
  const tol = max * Math.max(a.rows, k) * Number.EPSILON;
  for (let j = 0; j < k; j++) {
    if (!(R.data[j * k + j] > tol)) {
      throw new RangeError(
        `invalid ${name}: numerically rank deficient (R[${j}][${j}] = ${R.data[j * k + j]} ≤ ${tol} in its QR), ` +
          `its column space is not ${k}-dimensional`,
      );
    }
  }
  return Q;
}
