// Validation shared by the sparse wrappers. Everything here runs before any work and throws a
// TypeError for a wrong type, a RangeError for a wrong value, with the argument, the position and
// the value in the message. Array inputs are checked in JS; buffer inputs (already in wasm memory)
// use the check kernels of assembly/sparse/check.ts and report through the same messages.
import { WasmBuffer } from "../../runtime/buffer.js";
import { kernels } from "../../runtime/init.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import type { Matrix } from "../../matrix.js";
import { checkIndexArray, checkInteger, checkMatrix, checkVector, describe } from "../../validate.js";
import {
  isCsr, type CooBuffers, type CooMatrix, type CsrBuffers, type CsrMatrix, type SparseBuffers,
  type SparseKernels, type SparseMatrix,
} from "./types.js";

/** i32 indices can address at most this many rows, columns and entries. */
const MAX_INDEX = 0x7fffffff;

export function outOfRange(name: string, k: number, value: number, bound: number): RangeError {
  return new RangeError(`invalid ${name}: ${name}[${k}] = ${value} is out of range [0, ${bound})`);
}

export function nonFinite(name: string, k: number, value: number): RangeError {
  return new RangeError(`invalid ${name}: ${name}[${k}] = ${value}; expected finite values`);
}

function nonFiniteEntry(name: string, a: { cols: number }, k: number, value: number): RangeError {
  const i = Math.floor(k / a.cols);
  return new RangeError(`invalid ${name}: ${name}[${i}, ${k - i * a.cols}] = ${value}; expected finite values`);
}

/** Every idx[k] in [0, bound). */
export function checkIndicesInRange(name: string, idx: Int32Array, bound: number): void {
  for (let k = 0; k < idx.length; k++) {
    const v = idx[k];
    if (v < 0 || v >= bound) throw outOfRange(name, k, v, bound);
  }
}

/** Every x[k] finite. */
export function checkFiniteValues(name: string, x: Float64Array): void {
  for (let k = 0; k < x.length; k++) if (!Number.isFinite(x[k])) throw nonFinite(name, k, x[k]);
}

/** rowPtr[0] = 0, non-decreasing, rowPtr[rows] = nnz. */
export function checkRowPtr(rowPtr: Int32Array, rows: number, nnz: number): void {
  if (rowPtr[0] !== 0) throw new RangeError(`invalid rowPtr: rowPtr[0] = ${rowPtr[0]}, expected 0`);
  for (let i = 1; i <= rows; i++) {
    if (rowPtr[i] < rowPtr[i - 1]) throw rowPtrDecreases(rowPtr, i);
  }
  if (rowPtr[rows] !== nnz) throw rowPtrEnd(rowPtr, rows, nnz);
}

function rowPtrDecreases(rowPtr: ArrayLike<number>, i: number): RangeError {
  return new RangeError(
    `invalid rowPtr: rowPtr[${i}] = ${rowPtr[i]} < rowPtr[${i - 1}] = ${rowPtr[i - 1]}; expected non-decreasing`,
  );
}

function rowPtrEnd(rowPtr: ArrayLike<number>, rows: number, nnz: number): RangeError {
  return new RangeError(
    `invalid rowPtr: rowPtr[${rows}] = ${rowPtr[rows]}, expected nnz = colIdx.length = ${nnz}`,
  );
}

function checkDims(name: string, s: { rows?: unknown; cols?: unknown }): void {
  checkInteger(`${name}.rows`, s.rows, 0, MAX_INDEX);
  checkInteger(`${name}.cols`, s.cols, 0, MAX_INDEX);
}

function badSparse(name: string, value: unknown): TypeError {
  return new TypeError(
    `invalid ${name}: expected a COO matrix { rows, cols, row, col, value } or a CSR matrix ` +
      `{ rows, cols, rowPtr, colIdx, value }, got ${describe(value)}`,
  );
}

/** A well-formed COO or CSR matrix: types, lengths, index ranges, row pointers, finite values. */
export function checkSparse(name: string, s: unknown): SparseMatrix {
  if (s === null || typeof s !== "object") throw badSparse(name, s);
  return isCsr<object, object>(s) ? checkCsr(name, s) : "row" in s ? checkCoo(name, s) : fail(badSparse(name, s));
}

export function checkCoo(name: string, s: unknown): CooMatrix {
  if (s === null || typeof s !== "object") throw badSparse(name, s);
  const c = s as Partial<CooMatrix>;
  checkDims(name, c);
  const row = checkIndexArray("row", c.row);
  const col = checkIndexArray("col", c.col, row.length);
  const value = checkVector("value", c.value, row.length);
  checkIndicesInRange("row", row, c.rows as number);
  checkIndicesInRange("col", col, c.cols as number);
  checkFiniteValues("value", value);
  return c as CooMatrix;
}

export function checkCsr(name: string, s: unknown): CsrMatrix {
  if (s === null || typeof s !== "object") throw badSparse(name, s);
  const c = s as Partial<CsrMatrix>;
  checkDims(name, c);
  const rows = c.rows as number;
  const rowPtr = checkIndexArray("rowPtr", c.rowPtr, rows + 1);
  const colIdx = checkIndexArray("colIdx", c.colIdx);
  const value = checkVector("value", c.value, colIdx.length);
  checkRowPtr(rowPtr, rows, colIdx.length);
  checkIndicesInRange("colIdx", colIdx, c.cols as number);
  checkFiniteValues("value", value);
  return c as CsrMatrix;
}

/** A dense factor with `rows` rows (and `cols` columns when given), all entries finite. */
export function checkFactor(name: string, a: unknown, rows: number, rowsFrom: string, cols?: number, colsFrom?: string): Matrix {
  const m = checkMatrix(name, a);
  if (m.rows !== rows) throw new RangeError(`invalid ${name}: expected ${rows} rows (${rowsFrom}), got ${m.rows}`);
  if (cols !== undefined && m.cols !== cols) {
    throw new RangeError(`invalid ${name}: expected ${cols} columns (${colsFrom}), got ${m.cols}`);
  }
  checkFiniteMatrix(name, m);
  return m;
}

export function checkFiniteMatrix(name: string, m: Matrix): void {
  const d = m.data;
  for (let k = 0; k < d.length; k++) if (!Number.isFinite(d[k])) throw nonFiniteEntry(name, m, k, d[k]);
}

function fail(error: Error): never {
  throw error;
}

// ---- buffers ----------------------------------------------------------------------------------

/** Index buffer entries in [0, bound) over the first n, checked in wasm. */
export function checkBufferIndices(name: string, b: WasmBuffer<"i32">, n: number, bound: number): void {
  const k = kernels<SparseKernels>().sparseFirstOutOfRange(b.ptr, n, bound);
  if (k >= 0) throw outOfRange(name, k, b.view[k], bound);
}

/** The first n values finite, checked in wasm. */
export function checkBufferFinite(name: string, b: WasmBuffer<"f64">, n: number, shape?: { cols: number }): void {
  const k = kernels<SparseKernels>().sparseFirstNonFinite(b.ptr, n);
  if (k < 0) return;
  throw shape === undefined ? nonFinite(name, k, b.view[k]) : nonFiniteEntry(name, shape, k, b.view[k]);
}

/**
 * A well-formed sparse matrix in buffers: returns its nnz. Lengths and types always; with
 * `full`, index ranges, row pointers and finite values too (O(nnz), in wasm).
 */
export function checkSparseBuffers(name: string, s: unknown, full: boolean): number {
  if (s === null || typeof s !== "object") {
    throw new TypeError(
      `invalid ${name}: expected COO buffers { rows, cols, row, col, value } or CSR buffers ` +
        `{ rows, cols, rowPtr, colIdx, value }, got ${describe(s)}`,
    );
  }
  checkDims(name, s as SparseBuffers);
  if (isCsr<object, object>(s)) {
    const c = s as CsrBuffers;
    const rowPtr = checkBuffer("rowPtr", c.rowPtr, "i32", c.rows + 1);
    const colIdx = checkBuffer("colIdx", c.colIdx, "i32");
    const nnz = colIdx.length;
    checkBuffer("value", c.value, "f64", nnz);
    if (full) {
      const bad = kernels<SparseKernels>().sparseCheckRowPtr(rowPtr.ptr, c.rows, nnz);
      if (bad >= 0) {
        const view = rowPtr.view;
        if (bad === 0) throw new RangeError(`invalid rowPtr: rowPtr[0] = ${view[0]}, expected 0`);
        if (view[bad] < view[bad - 1]) throw rowPtrDecreases(view, bad);
        throw rowPtrEnd(view, c.rows, nnz);
      }
      checkBufferIndices("colIdx", colIdx, nnz, c.cols);
      checkBufferFinite("value", c.value, nnz);
    } else if (rowPtr.view[c.rows] !== nnz) {
      throw rowPtrEnd(rowPtr.view, c.rows, nnz);
    }
    return nnz;
  }
  const c = s as CooBuffers;
  if (!("row" in c)) throw new TypeError(`invalid ${name}: expected COO or CSR buffers, got ${describe(s)}`);
  const row = checkBuffer("row", c.row, "i32");
  const nnz = row.length;
  const col = checkBuffer("col", c.col, "i32", nnz);
  checkBuffer("value", c.value, "f64", nnz);
  if (full) {
    checkBufferIndices("row", row, nnz, c.rows);
    checkBufferIndices("col", col, nnz, c.cols);
    checkBufferFinite("value", c.value, nnz);
  }
  return nnz;
}
