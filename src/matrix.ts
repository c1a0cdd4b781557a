// The dense matrix type every public function accepts and returns: row-major f64 data.
import { checkInteger, checkMatrix, describe, newFloat64Array } from "./validate.js";

/** A dense row-major matrix: entry (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/**
 * Makes a matrix. With `data`, the matrix is a view of it (no copy); without, it is zero-filled.
 * `data` may also be a plain array (or other array-like) of rows·cols numbers, or an array of
 * `rows` rows of `cols` numbers; both are copied.
 *
 * Every entry of a plain array must be a number (NaN and ±Infinity included): anything else
 * (a string, null, …) is a TypeError naming its position, never a silent conversion. A size the
 * engine cannot allocate is a RangeError naming `rows` and `cols`.
 */
export function matrix(rows: number, cols: number, data?: Float64Array | ArrayLike<number> | ArrayLike<ArrayLike<number>>): Matrix {
  checkInteger("rows", rows);
  checkInteger("cols", cols);
  if (data === undefined) return { rows, cols, data: zeros("rows, cols", rows, cols) };
  let values: Float64Array;
  if (data instanceof Float64Array) values = data;
  else if (isArrayOfRows(data)) {
    const m = rowsToMatrix("data", data);
    if (m.rows !== rows || m.cols !== cols) {
      throw new RangeError(`invalid data: ${m.rows} rows of length ${m.cols}, expected ${rows} rows of length ${cols}`);
    }
    values = m.data;
  } else values = numbers("data", data as ArrayLike<number>);
  if (values.length !== rows * cols) {
    throw new RangeError(`invalid data: length ${values.length}, expected rows·cols = ${rows}·${cols}`);
  }
  return { rows, cols, data: values };
}

/**
 * A matrix from an array of equal-length rows, e.g. `fromRows([[1, 2], [3, 4]])`. Every entry
 * must be a number (NaN and ±Infinity included); a string, null or any other value is a
 * TypeError naming its position, e.g. `invalid rows: rows[0][1] is "x"; expected a number`.
 */
export function fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
  return rowsToMatrix("rows", rows);
}

function rowsToMatrix(name: string, rows: unknown): Matrix {
  if (!isArrayLike(rows)) {
    throw new TypeError(`invalid ${name}: expected an array of rows, got ${describe(rows)}`);
  }
  const m = rows.length;
  const first: unknown = m === 0 ? [] : rows[0];
  if (!isArrayLike(first)) throw notARow(name, 0, first);
  const n = first.length;
  const data = zeros(name, m, n);
  for (let i = 0; i < m; i++) {
    const row: unknown = rows[i];
    if (!isArrayLike(row)) throw notARow(name, i, row);
    if (row.length !== n) {
      throw new RangeError(`invalid ${name}: row ${i} has length ${row.length}, expected ${n}`);
    }
    for (let j = 0; j < n; j++) {
      const value: unknown = row[j];
      if (typeof value !== "number") {
        throw new TypeError(`invalid ${name}: ${name}[${i}][${j}] is ${describe(value)}; expected a number`);
      }
      data[i * n + j] = value;
    }
  }
  return { rows: m, cols: n, data };
}

/** The rows of a matrix as plain arrays (for printing and tests). */
export function toRows(a: Matrix): number[][] {
  checkMatrix("a", a);
  return Array.from({ length: a.rows }, (_, i) => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols)));
}

/** The n×n identity. A size the engine cannot allocate is a RangeError naming `n`. */
export function identity(n: number): Matrix {
  checkInteger("n", n);
  const data = zeros("n", n, n);
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

/** A zero-filled rows·cols array; a size the engine cannot allocate is a RangeError naming `name`. */
function zeros(name: string, rows: number, cols: number): Float64Array {
  return newFloat64Array(name, rows * cols, `a ${rows}×${cols} matrix has ${rows * cols} entries`);
}

/** A copy of a flat array-like of numbers; anything but a number is a TypeError naming its index. */
function numbers(name: string, data: ArrayLike<number>): Float64Array {
  if (!isArrayLike(data)) throw new TypeError(`invalid ${name}: expected an array of numbers, got ${describe(data)}`);
  const out = newFloat64Array(name, data.length);
  for (let i = 0; i < data.length; i++) {
    const value: unknown = data[i];
    if (typeof value !== "number") {
      throw new TypeError(`invalid ${name}: ${name}[${i}] is ${describe(value)}; expected a number`);
    }
    out[i] = value;
  }
  return out;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === "object" && typeof (value as { length?: unknown }).length === "number";
}

function isArrayOfRows(data: unknown): data is ArrayLike<ArrayLike<number>> {
  return Array.isArray(data) && data.length > 0 && isArrayLike(data[0]);
}

function notARow(name: string, i: number, row: unknown): TypeError {
  return new TypeError(`invalid ${name}: row ${i} is ${describe(row)}; expected an array of numbers`);
}
