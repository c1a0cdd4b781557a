// Argument checks and right-hand-side handling shared by the QR, Cholesky and LU wrappers.
import type { Matrix } from "../../matrix.js";
import { checkAllFinite, checkMatrix, checkSquare, describe } from "../../validate.js";

/** A well-formed matrix with only finite entries (factorizations reject NaN and ±Infinity). */
export function checkFiniteMatrix(name: string, value: unknown): Matrix {
  const a = checkMatrix(name, value);
  checkAllFinite(name, a.data);
  return a;
}

/** A well-formed square matrix with only finite entries. */
export function checkFiniteSquare(name: string, value: unknown): Matrix {
  const a = checkSquare(name, checkMatrix(name, value));
  checkAllFinite(name, a.data);
  return a;
}

/** A right-hand side: a Matrix with `rows` rows, or a Float64Array of length `rows`. */
export interface Rhs {
  /** Number of right-hand sides (1 for a vector). */
  readonly cols: number;
  /** Row-major rows × cols values. */
  readonly data: Float64Array;
  readonly vector: boolean;
}

/** Checks a right-hand side (Matrix or Float64Array) with `rows` rows and finite entries. */
export function checkRhs(name: string, value: unknown, rows: number): Rhs {
  if (value instanceof Float64Array) {
    if (value.length !== rows) {
      throw new RangeError(`invalid ${name}: expected length ${rows} (the rows of the matrix), got length ${value.length}`);
    }
    checkAllFinite(name, value);
    return { cols: 1, data: value, vector: true };
  }
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value) || Array.isArray(value)) {
    throw new TypeError(`invalid ${name}: expected a matrix { rows, cols, data } or a Float64Array, got ${describe(value)}`);
  }
  const b = checkMatrix(name, value);
  if (b.rows !== rows) {
    throw new RangeError(`invalid ${name}: expected ${rows} rows (the rows of the matrix), got a ${b.rows}×${b.cols} matrix`);
  }
  checkAllFinite(name, b.data);
  return { cols: b.cols, data: b.data, vector: false };
}

/** Wraps row-major `rows × rhs.cols` values as the same kind as the right-hand side. */
export function asRhsKind(rhs: Rhs, rows: number, data: Float64Array): Matrix | Float64Array {
  return rhs.vector ? data : { rows, cols: rhs.cols, data };
}

/** Writes row-major `rows × cols` `src` into column-major `dst` (column stride `ld` ≥ rows). */
export function toColumnMajor(src: ArrayLike<number>, rows: number, cols: number, dst: Float64Array, ld = rows): void {
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) dst[j * ld + i] = src[r + j];
  }
}

/** Reads column-major `rows × cols` `src` (column stride `ld`) into a new row-major array. */
export function fromColumnMajor(src: Float64Array, rows: number, cols: number, ld = rows): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const c = j * ld;
    for (let i = 0; i < rows; i++) out[i * cols + j] = src[c + i];
  }
  return out;
}
