// The dense matrix type every public function accepts and returns: row-major f64 data.
import { checkInteger, checkMatrix, describe } from "./validate.js";

/** A dense row-major matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * Makes a matrix. With `data`, the matrix is a view of it (no copy); without, it is zero-filled.
 * `data` may also be a plain array of numbers (copied) or an array of rows (copied).
 */
export function matrix(rows: number, cols: number, data?: Float64Array | ArrayLike<number>): Matrix {
  checkInteger("rows", rows);
  checkInteger("cols", cols);
  if (data === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  const values = data instanceof Float64Array ? data : Float64Array.from(data);
  if (values.length !== rows * cols) {
    throw new RangeError(`invalid data: length ${values.length}, expected rows·cols = ${rows}·${cols}`);
  }
  return { rows, cols, data: values };
}

/** A matrix from an array of equal-length rows, e.g. `fromRows([[1, 2], [3, 4]])`. */
export function fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  if (rows === null || typeof rows !== "object" || typeof rows.length !== "number") {
    throw new TypeError(`invalid rows: expected an array of rows, got ${describe(rows)}`);
  }
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0].length;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    if (rows[i].length !== n) {
      throw new RangeError(`invalid rows: row ${i} has length ${rows[i].length}, expected ${n}`);
    }
    for (let j = 0; j < n; j++) data[i * n + j] = rows[i][j];
  }
  return { rows: m, cols: n, data };
}

/** The rows of a matrix as plain arrays (for printing and tests). */
export function toRows(a: Matrix): number[][] {
  checkMatrix("a", a);
  return Array.from({ length: a.rows }, (_, i) => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
}

/** The n×n identity. */
export function identity(n: number): Matrix {
  checkInteger("n", n);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) data[i * n + i] = 1;
  return { rows: n, cols: n, data };
}

/** A deep copy. */
export function copyMatrix(a: Matrix): Matrix {
  checkMatrix("a", a);
  return { rows: a.rows, cols: a.cols, data: a.data.slice() };
}

/** Row i as a view (no copy). */
export function rowView(a: Matrix, i: number): Float64Array {
  checkMatrix("a", a);
  checkInteger("i", i, 0, a.rows - 1);
  return a.data.subarray(i * a.cols, (i + 1) * a.cols);
}

/** Column j as a copy (columns are strided in row-major storage). */
export function column(a: Matrix, j: number): Float64Array {
  checkMatrix("a", a);
  checkInteger("j", j, 0, a.cols - 1);
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) out[i] = a.data[i * a.cols + j];
  return out;
}

/** The transpose, as a new matrix. */
export function transpose(a: Matrix): Matrix {
  checkMatrix("a", a);
  const { rows, cols, data } = a;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return { rows: cols, cols: rows, data: out };
}
