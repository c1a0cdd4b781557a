// ObservedMatrix: the validated form of observed entries that the completion methods share — built
// once where the data enter, kept in wasm memory by rows and by columns, and trusted inside.
import type { CsrBuffers, CsrMatrix } from "../kernels/sparse/types.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { runtime } from "../runtime/init.js";
import { checkObservedShape, duplicateEntry, ENTRY_CHUNK, scanObserved, type Observed, type ObservedScan } from "./observed.js";
import { reserveSteps } from "./reserve.js";
import { entryBlocks } from "./row-blocks.js";
import { runSteps, type Steps } from "./steps.js";

/** A CSR matrix read through `.view` getters: wasm buffers (views re-made after growth) or JS arrays. */
export interface CsrViews {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: { readonly view: Int32Array };
  readonly colIdx: { readonly view: Int32Array };
  readonly value: { readonly view: Float64Array };
}

/** A CSR matrix of JS arrays as {@link CsrViews}. */
export function csrViews(S: CsrMatrix): CsrViews {
  return { rows: S.rows, cols: S.cols, rowPtr: { view: S.rowPtr }, colIdx: { view: S.colIdx }, value: { view: S.value } };
}

/**
 * Observed entries that passed the checks of `checkObserved`, stored once in wasm memory both
 * ways, for the functions inside the library (never handed to users: they could change it).
 *
 * `byRow` is S (CSR, columns ascending within each row) and `byColumn` is Sᵀ (CSR, rows ascending
 * within each column); both hold the values, which their owner may overwrite in place (the
 * baseline is subtracted there). With `compact`, rows and columns without entries are left out:
 * S is then m′×n′ over the kept rows `rowIds` and columns `colIds` (their factor rows are zero
 * and no data touch them, so every method works on the smaller problem unchanged).
 */
export interface ObservedMatrix {
  /** m and n of the full matrix. */
  readonly rows: number;
  readonly cols: number;
  readonly nnz: number;
  /** S: kept rows × kept columns. */
  readonly byRow: CsrBuffers;
  /** Sᵀ: kept columns × kept rows. */
  readonly byColumn: CsrBuffers;
  /** Kept row k is row `rowIds[k]` of the full matrix; null when every row is kept. */
  readonly rowIds: Int32Array | null;
  /** Kept column k is column `colIds[k]`; null when every column is kept. */
  readonly colIds: Int32Array | null;
  /** The entry of the input at each position of `byRow` (null: the same order), for error messages. */
  readonly entryIndex: Int32Array | null;
  /** Frees the wasm buffers. Idempotent. */
  dispose(): void;
}

/**
 * Validates `observed` and stores it as an {@link ObservedMatrix}, without pausing (the
 * synchronous public functions; `completeMatrix` runs the same steps paced). The caller disposes it.
 *
 * @throws TypeError / RangeError as `checkObserved`.
 */
export function prepareObserved(name: string, observed: unknown, options: { compact: boolean }): ObservedMatrix {
  const o = checkObservedShape(name, observed);
  const scan = runSteps(scanObserved(name, o));
  return runSteps(buildObservedMatrix(name, o, scan, options.compact));
}

/** The kept indices of counts (those > 0 when compacting) and the map from all indices to kept ones. */
function kept(counts: Int32Array, compact: boolean): { ids: Int32Array | null; index: Int32Array; count: number } {
  const n = counts.length;
  const index = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) index[i] = !compact || counts[i] > 0 ? count++ : -1;
  if (count === n) return { ids: null, index, count };
  const ids = new Int32Array(count);
  for (let i = 0; i < n; i++) if (index[i] >= 0) ids[index[i]] = i;
  return { ids, index, count };
}

/** Row pointers (length counts + 1) from the counts of the kept indices. */
function pointers(counts: Int32Array, map: Int32Array, size: number, out: Int32Array): void {
  out.fill(0);
  for (let i = 0; i < counts.length; i++) if (map[i] >= 0) out[map[i] + 1] = counts[i];
  for (let k = 0; k < size; k++) out[k + 1] += out[k];
}

/**
 * The steps that store scanned entries (see `scanObserved`) as an {@link ObservedMatrix}: CSR by
 * rows and by columns in wasm, by stable counting sorts in chunks of entries. Entries already
 * sorted by row then column (as ratings files and the generators give them) are copied as they
 * are and transposed once; others are bucketed by row, transposed, and transposed back (three
 * scatter passes). Then a repeated position is found as two equal neighbours in a row: the error
 * names the first entry, in input order, that repeats an earlier one. O(nnz + m + n) time; the
 * wasm memory is freed if a check fails or the steps are stopped.
 */
export function* buildObservedMatrix(name: string, o: Observed, scan: ObservedScan, compact: boolean): Steps<ObservedMatrix> {
  const { rows: m, cols: n, row, col, value } = o;
  const nnz = row.length;
  const rowsKept = kept(scan.rowCounts, compact);
  const colsKept = kept(scan.colCounts, compact);
  const mk = rowsKept.count, nk = colsKept.count;
  const { arena } = runtime();
  const owned: WasmBuffer[] = [];
  const own = <B extends WasmBuffer>(b: B): B => (owned.push(b), b);
  const dispose = (): void => {
    owned.forEach((b) => b.dispose());
    owned.length = 0;
  };
  let built = false;
  try {
    yield* reserveSteps(24 * nnz + 4 * (mk + nk + 2));
    const S: CsrBuffers = { rows: mk, cols: nk, rowPtr: own(arena.i32(mk + 1)), colIdx: own(arena.i32(nnz)), value: own(arena.f64(nnz)) };
    const St: CsrBuffers = { rows: nk, cols: mk, rowPtr: own(arena.i32(nk + 1)), colIdx: own(arena.i32(nnz)), value: own(arena.f64(nnz)) };
    pointers(scan.rowCounts, rowsKept.index, mk, S.rowPtr.view);
    pointers(scan.colCounts, colsKept.index, nk, St.rowPtr.view);
    const ri = rowsKept.index, ci = colsKept.index;
    let entryIndex: Int32Array | null = null;
    if (scan.sorted) {
      // Already in CSR order: copy (mapping the column indices when compacting).
      for (let start = 0; start < nnz; start += ENTRY_CHUNK) {
        const end = Math.min(nnz, start + ENTRY_CHUNK);
        const sc = S.colIdx.view, sv = S.value.view;
        for (let k = start; k < end; k++) sc[k] = ci[col[k]];
        sv.set(value.subarray(start, end), start);
        yield;
      }
      yield* transposeSteps(S, St, null, null);
    } else {
      // Bucket by row (input order within a row), transpose (rows ascending in each column), and
      // transpose back (columns ascending in each row, repeats in input order).
      const ptr = new Int32Array(mk + 1);
      ptr.set(S.rowPtr.view);
      const fill = ptr.slice(0, mk);
      const c0 = new Int32Array(nnz), v0 = new Float64Array(nnz), k0 = new Int32Array(nnz);
      for (let start = 0; start < nnz; start += ENTRY_CHUNK) {
        const end = Math.min(nnz, start + ENTRY_CHUNK);
        for (let k = start; k < end; k++) {
          const p = fill[ri[row[k]]]++;
          c0[p] = ci[col[k]];
          v0[p] = value[k];
          k0[p] = k;
        }
        yield;
      }
      const kt = new Int32Array(nnz);
      yield* transposeSteps(csrViews({ rows: mk, cols: nk, rowPtr: ptr, colIdx: c0, value: v0 }), St, k0, kt);
      entryIndex = new Int32Array(nnz);
      yield* transposeSteps(St, S, kt, entryIndex);
      const dup = yield* firstRepeat(S, entryIndex);
      if (dup !== null) {
        const [a, b, i, j] = dup;
        throw duplicateEntry(name, rowsKept.ids === null ? i : rowsKept.ids[i], colsKept.ids === null ? j : colsKept.ids[j], a, b);
      }
    }
    built = true;
    return { rows: m, cols: n, nnz, byRow: S, byColumn: St, rowIds: rowsKept.ids, colIds: colsKept.ids, entryIndex, dispose };
  } finally {
    if (!built) dispose();
  }
}

/**
 * `to` ← the transpose of `from` (both CSR; `to.rowPtr` already holds the column pointers of
 * `from`) by a stable counting sort: within each column of `from`, rows come out ascending.
 * `carryTo[q] = carryFrom[p]` moves per-entry data along. In chunks of about ENTRY_CHUNK entries.
 */
function* transposeSteps(from: CsrViews, to: CsrViews, carryFrom: Int32Array | null, carryTo: Int32Array | null): Steps<void> {
  const fill = to.rowPtr.view.slice(0, to.rows);
  for (const [i0, i1] of entryBlocks(from)) {
    // Views re-read after every pause: wasm memory may have grown meanwhile.
    const rp = from.rowPtr.view, fc = from.colIdx.view, fv = from.value.view;
    const tc = to.colIdx.view, tv = to.value.view;
    for (let i = i0; i < i1; i++) {
      const end = rp[i + 1];
      if (carryFrom === null || carryTo === null) {
        for (let p = rp[i]; p < end; p++) {
          const q = fill[fc[p]]++;
          tc[q] = i;
          tv[q] = fv[p];
        }
      } else {
        for (let p = rp[i]; p < end; p++) {
          const q = fill[fc[p]]++;
          tc[q] = i;
          tv[q] = fv[p];
          carryTo[q] = carryFrom[p];
        }
      }
    }
    yield;
  }
}

/**
 * The first repeat in input order: over the runs of equal columns within a row of S (columns
 * ascending, repeats in input order), the run whose second entry came first in the input, as
 * [first entry, repeating entry, row, column] (kept indices), or null.
 */
function* firstRepeat(S: CsrBuffers, entryIndex: Int32Array): Steps<[number, number, number, number] | null> {
  let best: [number, number, number, number] | null = null;
  for (const [i0, i1] of entryBlocks(S)) {
    const rp = S.rowPtr.view, sc = S.colIdx.view;
    for (let i = i0; i < i1; i++) {
      const end = rp[i + 1];
      for (let p = rp[i] + 1; p < end; p++) {
        // p − 1 starts a run of repeats when its column differs from the one before it.
        if (sc[p] !== sc[p - 1] || (p - 1 > rp[i] && sc[p - 2] === sc[p - 1])) continue;
        const b = entryIndex[p];
        if (best === null || b < best[1]) best = [entryIndex[p - 1], b, i, sc[p]];
      }
    }
    yield;
  }
  return best;
}

/** The full m×r factor with zero rows where `ids` (kept rows → full rows) leaves rows out; `F` itself when nothing was left out. */
export function expandRows<M extends { rows: number; cols: number; data: Float64Array }>(F: M, ids: Int32Array | null, rows: number): M {
  if (ids === null) return F;
  const r = F.cols;
  const data = new Float64Array(rows * r);
  for (let k = 0; k < ids.length; k++) data.set(F.data.subarray(k * r, (k + 1) * r), ids[k] * r);
  return { ...F, rows, data };
}

/** The rows `ids` of F (kept rows of a full factor); `F` itself when `ids` is null. */
export function keptRows<M extends { rows: number; cols: number; data: Float64Array }>(F: M, ids: Int32Array | null): M {
  if (ids === null) return F;
  const r = F.cols;
  const data = new Float64Array(ids.length * r);
  for (let k = 0; k < ids.length; k++) data.set(F.data.subarray(ids[k] * r, (ids[k] + 1) * r), k * r);
  return { ...F, rows: ids.length, data };
}
