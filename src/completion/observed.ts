// The observed entries of a partially known matrix, the input of every matrix completion solver,
// and the one check that every function taking them runs first.
import { describe, checkInteger } from "../validate.js";
import { runSteps, type Steps } from "./steps.js";
// CooMatrix: for the TSDoc links below.
import type { CooMatrix } from "../kernels/sparse/types.js";

/**
 * The observed entries of a `rows`×`cols` matrix M: entry k is M[`row[k]`, `col[k]`] = `value[k]`.
 *
 * Invariants (what {@link checkObserved} verifies and every builder guarantees): the three arrays
 * have the same length nnz; 0 ≤ row[k] < rows and 0 ≤ col[k] < cols; every value is finite; and
 * no position (i, j) appears twice. Entries may come in any order.
 *
 * It is structurally a {@link CooMatrix} (of the sparse kernels), so it can be passed as is to
 * `sampledResidual`, `sparseTimesDense`, `cooToCsr` and the other sparse routines. Because an
 * `Observed` has no duplicates, the products those routines compute (which sum duplicates) are
 * exactly the products with P_Ω(M).
 */
export interface Observed {
  /** m: the number of rows of the full matrix (at least 1 + every row index). */
  readonly rows: number;
  /** n: the number of columns of the full matrix. */
  readonly cols: number;
  /** Row index of each entry, in [0, rows). */
  readonly row: Int32Array;
  /** Column index of each entry, in [0, cols). */
  readonly col: Int32Array;
  /** The observed value of each entry (finite). */
  readonly value: Float64Array;
}

/**
 * What the builders do when the same position (i, j) is given more than once:
 * - `"reject"`: throw a RangeError naming the first repeated (i, j) (in input order) and the two
 *   positions (or lines) where it occurs;
 * - `"sum"`: keep one entry whose value is the sum of the repeats;
 * - `"mean"`: keep one entry whose value is their mean;
 * - `"last"`: keep the value given last.
 *
 * The kept entry sits where the position first appeared (first-occurrence order is preserved).
 */
export type DuplicatePolicy = "reject" | "sum" | "mean" | "last";

/** The allowed {@link DuplicatePolicy} values. */
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ["reject", "sum", "mean", "last"];

/** i32 indices address at most this many rows, columns and entries. */
export const MAX_INDEX = 0x7fffffff;

/**
 * Checks that `value` is a well-formed {@link Observed} and returns it (no copy): `rows` and
 * `cols` integers in [0, 2³¹), `row`/`col` Int32Arrays and `value` a Float64Array of one length,
 * indices in range, values finite, and no repeated position. Cost O(nnz + rows + cols) (the
 * repeat test is skipped for entries sorted by row then column, which cannot repeat).
 *
 * @param name how the argument is named in error messages.
 * @throws TypeError naming `name` (or `name.row`, …) for a wrong type.
 * @throws RangeError naming the array, the entry index and the bad value for an index out of
 * range or a NaN/±Infinity value, and naming the position (i, j) and both entries for a
 * duplicate.
 */
export function checkObserved(name: string, value: unknown): Observed {
  if (typeof name !== "string") throw new TypeError(`invalid name: expected the argument's name as a string, got ${describe(name)}`);
  const o = checkObservedShape(name, value);
  const scan = runSteps(scanObserved(name, o));
  if (!scan.sorted) {
    const dup = firstDuplicate(o.rows, o.cols, o.row, o.col);
    if (dup !== null) throw duplicateEntry(name, o.row[dup[1]], o.col[dup[1]], dup[0], dup[1]);
  }
  return value as Observed;
}

/**
 * The O(1) part of {@link checkObserved}: the types, the dimensions and the lengths, not the
 * entries (see {@link scanObserved}).
 */
export function checkObservedShape(name: string, value: unknown): Observed {
  if (value === null || typeof value !== "object" || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new TypeError(
      `invalid ${name}: expected observed entries { rows, cols, row: Int32Array, col: Int32Array, ` +
        `value: Float64Array }, got ${describe(value)}`,
    );
  }
  const o = value as Partial<Observed>;
  const rows = checkInteger(`${name}.rows`, o.rows, 0, MAX_INDEX);
  const cols = checkInteger(`${name}.cols`, o.cols, 0, MAX_INDEX);
  const row = typedArray(`${name}.row`, o.row, Int32Array, "an Int32Array");
  const col = typedArray(`${name}.col`, o.col, Int32Array, "an Int32Array");
  const val = typedArray(`${name}.value`, o.value, Float64Array, "a Float64Array");
  if (col.length !== row.length || val.length !== row.length) {
    throw new RangeError(
      `invalid ${name}: row, col and value must have one length, got ${row.length}, ${col.length} and ${val.length}`,
    );
  }
  return { rows, cols, row, col, value: val };
}

/** What one pass over the entries finds (see {@link scanObserved}). */
export interface ObservedScan {
  /** Entries per row (length rows). */
  readonly rowCounts: Int32Array;
  /** Entries per column (length cols). */
  readonly colCounts: Int32Array;
  /** True when the entries are sorted by row, then column, without repeats (then no duplicate is possible). */
  readonly sorted: boolean;
}

/** Entries per chunk of the passes over Ω between safe points (≈ 0.1–1 ms of work). */
export const ENTRY_CHUNK = 1 << 16;

/**
 * The pass over the entries of a shape-checked `o` that every check starts with, in chunks: each
 * index in range and each value finite (the first bad entry is named), the counts per row and
 * column, and whether the entries are sorted (row, then column, strictly). O(nnz + rows + cols).
 */
export function* scanObserved(name: string, o: Observed): Steps<ObservedScan> {
  const { rows, cols, row, col, value } = o;
  const nnz = row.length;
  const rowCounts = new Int32Array(rows);
  const colCounts = new Int32Array(cols);
  let sorted = true;
  let pi = -1, pj = 0;
  for (let start = 0; start < nnz; start += ENTRY_CHUNK) {
    const end = Math.min(nnz, start + ENTRY_CHUNK);
    for (let k = start; k < end; k++) {
      const i = row[k], j = col[k];
      if (i < 0 || i >= rows) throw indexOutOfRange(`${name}.row`, k, i, rows);
      if (j < 0 || j >= cols) throw indexOutOfRange(`${name}.col`, k, j, cols);
      if (!Number.isFinite(value[k])) throw nonFiniteValue(`${name}.value`, k, value[k]);
      rowCounts[i]++;
      colCounts[j]++;
      if (sorted && !(i > pi || (i === pi && j > pj))) sorted = false;
      pi = i;
      pj = j;
    }
    yield;
  }
  return { rowCounts, colCounts, sorted };
}

/** The error for a repeated position (i, j), first at entry a, again at entry b. */
export function duplicateEntry(name: string, i: number, j: number, a: number, b: number): RangeError {
  return new RangeError(
    `invalid ${name}: duplicate entry (${i}, ${j}) at entries ${a} and ${b}; an Observed ` +
      `holds each position once (build it with observedFromTriples and a duplicates policy)`,
  );
}

export function indexOutOfRange(name: string, k: number, value: number, bound: number): RangeError {
  return new RangeError(`invalid ${name}: ${name}[${k}] = ${value} is out of range [0, ${bound})`);
}

export function nonFiniteValue(name: string, k: number, value: number): RangeError {
  return new RangeError(`invalid ${name}: ${name}[${k}] = ${value}; expected finite values (NaN and ±Infinity are rejected)`);
}

function typedArray<T>(name: string, value: unknown, ctor: new (n: number) => T, what: string): T {
  if (!(value instanceof ctor)) throw new TypeError(`invalid ${name}: expected ${what}, got ${describe(value)}`);
  return value;
}

/**
 * For each entry k, the entry where its position (row[k], col[k]) first occurs (`first[k] = k`
 * for a first occurrence). Indices must be in range. O(nnz + rows + cols) time: a stable counting
 * sort by row, then one pass per row with a column marker (a Map when cols is huge and sparse).
 */
export function firstOccurrences(rows: number, cols: number, row: Int32Array, col: Int32Array): Int32Array {
  const nnz = row.length;
  const first = new Int32Array(nnz);
  const ptr = new Int32Array(rows + 1);
  for (let k = 0; k < nnz; k++) ptr[row[k] + 1]++;
  for (let i = 0; i < rows; i++) ptr[i + 1] += ptr[i];
  const fill = ptr.slice(0, rows);
  const order = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) order[fill[row[k]]++] = k;
  const dense = cols <= 4 * nnz + 4096;
  const seen = dense ? new Int32Array(cols).fill(-1) : null;
  const map = dense ? null : new Map<number, number>();
  for (let i = 0; i < rows; i++) {
    const start = ptr[i], end = ptr[i + 1];
    for (let p = start; p < end; p++) {
      const k = order[p];
      const j = col[k];
      // Entries of a row are visited in input order, so the first one seen is the first occurrence.
      const prev = seen !== null ? seen[j] : (map as Map<number, number>).get(j) ?? -1;
      if (prev >= 0) first[k] = prev;
      else {
        first[k] = k;
        if (seen !== null) seen[j] = k;
        else (map as Map<number, number>).set(j, k);
      }
    }
    if (seen !== null) for (let p = start; p < end; p++) seen[col[order[p]]] = -1;
    else (map as Map<number, number>).clear();
  }
  return first;
}

/**
 * The first entry b (in input order) that repeats an earlier position, as [a, b] with a < b; or
 * null. Entries sorted by row, then column, strictly (as `powerLawSample` returns them) are
 * recognized in one pass without allocating and have no repeat.
 */
export function firstDuplicate(rows: number, cols: number, row: Int32Array, col: Int32Array): [number, number] | null {
  if (strictlySorted(row, col)) return null;
  const first = firstOccurrences(rows, cols, row, col);
  for (let k = 0; k < first.length; k++) if (first[k] !== k) return [first[k], k];
  return null;
}

/** True when the positions are sorted by row, then column, without repeats. */
function strictlySorted(row: Int32Array, col: Int32Array): boolean {
  for (let k = 1; k < row.length; k++) {
    const i = row[k], h = row[k - 1];
    if (i < h || (i === h && col[k] <= col[k - 1])) return false;
  }
  return true;
}
