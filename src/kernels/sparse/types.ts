// The sparse matrix types of the sparse kernels and the kernel signatures the wrappers call.
import type { WasmBuffer } from "../../runtime/buffer.js";

/**
 * A sparse `rows`×`cols` matrix in coordinate form: entry k is at (`row[k]`, `col[k]`) with value
 * `value[k]`. Entries may come in any order; duplicates are allowed and every product sums them
 * (they stand for the matrix whose (i, j) entry is their sum). Performance: the kernels gather
 * factor rows at random, so entries sorted by row (the order `cooToCsr` produces) ran about 1.4×
 * faster than a random order on a 10⁴×10⁴ problem with 10⁶ entries (row reuse in cache).
 */
export interface CooMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly value: Float64Array;
}

/**
 * A sparse `rows`×`cols` matrix in compressed sparse row form: the entries of row i are at
 * positions `rowPtr[i] ≤ p < rowPtr[i + 1]`, in columns `colIdx[p]` with values `value[p]`.
 * `rowPtr` has `rows + 1` entries, starts at 0, never decreases and ends at nnz. Columns within a
 * row need not be sorted; duplicates are allowed and summed by every product.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly value: Float64Array;
}

/** Either sparse form. */
export type SparseMatrix = CooMatrix | CsrMatrix;

/** A COO matrix whose arrays live in wasm memory (for solver loops that avoid copies). */
export interface CooBuffers {
  readonly rows: number;
  readonly cols: number;
  readonly row: WasmBuffer<"i32">;
  readonly col: WasmBuffer<"i32">;
  readonly value: WasmBuffer<"f64">;
}

/** A CSR matrix whose arrays live in wasm memory. */
export interface CsrBuffers {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: WasmBuffer<"i32">;
  readonly colIdx: WasmBuffer<"i32">;
  readonly value: WasmBuffer<"f64">;
}

/** Either sparse form in wasm memory. */
export type SparseBuffers = CooBuffers | CsrBuffers;

/** True for the CSR form (it has `rowPtr`), false for COO. */
export function isCsr<C extends object, R extends object>(s: C | R): s is R {
  return "rowPtr" in s;
}

/** The wasm exports of assembly/sparse/ (byte addresses are numbers). */
export interface SparseKernels {
  sampledProduct(out: number, nnz: number, r: number, u: number, v: number, row: number, col: number): number;
  sampledResidual(
    out: number, nnz: number, r: number, u: number, v: number, row: number, col: number, value: number,
  ): number;
  csrSampledResidual(
    out: number, m: number, r: number, u: number, v: number, rowPtr: number, colIdx: number, value: number,
  ): number;
  cooTimesDense(
    out: number, m: number, r: number, nnz: number, row: number, col: number, value: number, v: number,
    alpha: number, beta: number,
  ): number;
  cooTransposeTimesDense(
    out: number, n: number, r: number, nnz: number, row: number, col: number, value: number, u: number,
    alpha: number, beta: number,
  ): number;
  csrTimesDense(
    out: number, m: number, r: number, rowPtr: number, colIdx: number, value: number, v: number,
    alpha: number, beta: number,
  ): number;
  csrTransposeTimesDense(
    out: number, m: number, n: number, r: number, rowPtr: number, colIdx: number, value: number, u: number,
    alpha: number, beta: number,
  ): number;
  cooToCsr(
    rowPtr: number, colIdx: number, value: number, perm: number, m: number, nnz: number,
    row: number, col: number, valueIn: number,
  ): number;
  csrTranspose(
    outRowPtr: number, outColIdx: number, outValue: number, perm: number, m: number, n: number,
    rowPtr: number, colIdx: number, value: number,
  ): number;
  csrRowIndices(outRow: number, m: number, rowPtr: number): number;
  sparseFirstOutOfRange(idx: number, n: number, bound: number): number;
  sparseFirstNonFinite(x: number, n: number): number;
  sparseCheckRowPtr(rowPtr: number, m: number, nnz: number): number;
}

