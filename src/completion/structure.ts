// The pattern of observed entries: counts per row and column, and the entries grouped by row or by
// column (CSR-like) for per-row and per-column solves such as the ridge steps of ALS.
import type { CsrMatrix } from "../kernels/sparse/types.js";
import type { Permuted } from "../kernels/sparse/convert.js";
import { checkObserved, type Observed } from "./observed.js";

/** The result of {@link observedCounts}. */
export interface ObservedCounts {
  /** Number of observed entries in each row (length rows). */
  readonly rowCounts: Int32Array;
  /** Number of observed entries in each column (length cols). */
  readonly colCounts: Int32Array;
  /** The rows with no observed entry, ascending. */
  readonly emptyRows: Int32Array;
  /** The columns with no observed entry, ascending. */
  readonly emptyCols: Int32Array;
}

/**
 * Entries per row and per column, and the empty rows and columns (whose factor rows no data
 * determine: a solver must regularize them or report them). O(nnz + rows + cols).
 *
 * @throws TypeError / RangeError if `observed` is not a valid {@link Observed}.
 */
export function observedCounts(observed: Observed): ObservedCounts {
  const o = checkObserved("observed", observed);
  const rowCounts = new Int32Array(o.rows);
  const colCounts = new Int32Array(o.cols);
  for (let k = 0; k < o.row.length; k++) {
    rowCounts[o.row[k]]++;
    colCounts[o.col[k]]++;
  }
  return { rowCounts, colCounts, emptyRows: zeros(rowCounts), emptyCols: zeros(colCounts) };
}

function zeros(counts: Int32Array): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] === 0) out.push(i);
  return Int32Array.from(out);
}

/**
 * The entries grouped by row: a CSR matrix (the format of the sparse kernels) with `rowPtr` of
 * length rows + 1; the entries of row i are at positions `rowPtr[i] ≤ p < rowPtr[i + 1]`, with
 * columns `colIdx[p]` sorted ascending and values `value[p]`; `perm[p]` is the index in
 * `observed` of the entry at p (so per-entry data given in `observed` order maps as
 * `data[perm[p]]`). Pure JavaScript (no wasm needed), O(nnz + rows + cols): two stable counting
 * sorts, by column then by row.
 *
 * @throws TypeError / RangeError if `observed` is not a valid {@link Observed}.
 */
export function observedByRow(observed: Observed): Permuted<CsrMatrix> {
  const o = checkObserved("observed", observed);
  return grouped(o.rows, o.cols, o.row, o.col, o.value);
}

/**
 * The entries grouped by column: the CSR form of the transpose, a cols×rows matrix whose
 * `rowPtr` (length cols + 1) delimits the entries of each column j, with `colIdx[p]` holding
 * their row indices (ascending) and `perm[p]` the index in `observed` of the entry at p.
 * Feeding it to the sparse products computes Sᵀ·U. O(nnz + rows + cols).
 *
 * @throws TypeError / RangeError if `observed` is not a valid {@link Observed}.
 */
export function observedByColumn(observed: Observed): Permuted<CsrMatrix> {
  const o = checkObserved("observed", observed);
  return grouped(o.cols, o.rows, o.col, o.row, o.value);
}

/** Stable counting sort by `minor` then by `major`: CSR over `major` with sorted minor indices. */
function grouped(
  majorCount: number, minorCount: number, major: Int32Array, minor: Int32Array, value: Float64Array,
): Permuted<CsrMatrix> {
  const nnz = major.length;
  const byMinor = countingSort(minor, minorCount, null).order;
  const { order, ptr } = countingSort(major, majorCount, byMinor);
  const colIdx = new Int32Array(nnz);
  const out = new Float64Array(nnz);
  for (let p = 0; p < nnz; p++) {
    colIdx[p] = minor[order[p]];
    out[p] = value[order[p]];
  }
  return { rows: majorCount, cols: minorCount, rowPtr: ptr, colIdx, value: out, perm: order };
}

/** Stable counting sort of the entries listed in `input` (all entries when null) by `key`. */
function countingSort(key: Int32Array, buckets: number, input: Int32Array | null): { order: Int32Array; ptr: Int32Array } {
  const n = key.length;
  const ptr = new Int32Array(buckets + 1);
  for (let k = 0; k < n; k++) ptr[key[k] + 1]++;
  for (let b = 0; b < buckets; b++) ptr[b + 1] += ptr[b];
  const fill = ptr.slice(0, buckets);
  const order = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const k = input === null ? t : input[t];
    order[fill[key[k]]++] = k;
  }
  return { order, ptr };
}
