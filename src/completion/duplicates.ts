// Applying a duplicate policy to validated entries: one entry per position, in first-occurrence order.
import { firstOccurrences, type DuplicatePolicy, type Observed } from "./observed.js";

/**
 * The entries with repeated positions combined by `policy` (see {@link DuplicatePolicy}); the
 * input arrays are taken over when there is no duplicate (no copy). Indices must be in range and
 * values finite. For `"reject"`, `rejectError(a, b)` builds the error for the first entry b that
 * repeats entry a. Also returns `source`: for each output entry, the input entry it started from.
 */
export function combineDuplicates(
  rows: number, cols: number, row: Int32Array, col: Int32Array, value: Float64Array,
  policy: DuplicatePolicy, rejectError: (a: number, b: number) => Error,
): { observed: Observed; source: Int32Array } {
  const nnz = row.length;
  const first = firstOccurrences(rows, cols, row, col);
  let unique = 0;
  for (let k = 0; k < nnz; k++) {
    if (first[k] === k) unique++;
    else if (policy === "reject") throw rejectError(first[k], k);
  }
  if (unique === nnz) {
    return { observed: { rows, cols, row, col, value }, source: Int32Array.from({ length: nnz }, (_, k) => k) };
  }
  const slot = new Int32Array(nnz); // output position of each first occurrence
  const outRow = new Int32Array(unique);
  const outCol = new Int32Array(unique);
  const outValue = new Float64Array(unique);
  const count = new Float64Array(unique);
  const source = new Int32Array(unique);
  let q = 0;
  for (let k = 0; k < nnz; k++) {
    if (first[k] === k) {
      slot[k] = q;
      outRow[q] = row[k];
      outCol[q] = col[k];
      outValue[q] = value[k];
      count[q] = 1;
      source[q] = k;
      q++;
    } else {
      const p = slot[first[k]];
      if (policy === "last") outValue[p] = value[k];
      else outValue[p] += value[k];
      count[p]++;
    }
  }
  if (policy === "mean") for (let p = 0; p < unique; p++) outValue[p] /= count[p];
  for (let p = 0; p < unique; p++) {
    if (!Number.isFinite(outValue[p])) {
      throw new RangeError(
        `invalid duplicates: the ${policy} of the ${count[p]} values at (${outRow[p]}, ${outCol[p]}) overflows to ${outValue[p]}`,
      );
    }
  }
  return { observed: { rows, cols, row: outRow, col: outCol, value: outValue }, source };
}
