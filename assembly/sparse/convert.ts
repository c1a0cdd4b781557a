// Sparse format conversions by counting sort (O(nnz + rows), no workspace, i32 indices, f64
// values). Both are stable: entries of one output row keep their input order, and duplicate
// (i, j) entries are kept as separate entries (every product sums them).
// Reference: the two-pass counting sort of SciPy's coo_tocsr / csr_tocsc (sparsetools).

// COO → CSR for an m-row matrix: rowPtr (m+1 i32), colIdx (nnz i32), value (nnz f64) from row,
// col, valueIn (nnz each, rows in [0, m)). perm (nnz i32, or 0 for none) receives for each CSR
// position p the COO position k it came from. Entries are grouped by row, in COO order within a
// row (sort the COO input by (row, col) first for sorted columns).
// rowPtr first counts entries per row (at i+1), is prefix-summed into row starts, serves as the
// write cursor (leaving row ends), and is shifted back by one place.
export function cooToCsr(
  rowPtr: usize, colIdx: usize, value: usize, perm: usize, m: i32, nnz: i32,
  row: usize, col: usize, valueIn: usize,
): usize {
  countingSort(rowPtr, colIdx, value, perm, m, nnz, row, col, valueIn);
  return rowPtr;
}

// Transpose of an m×n CSR matrix: outRowPtr (n+1), outColIdx, outValue (nnz) describe Sᵀ in
// CSR (equivalently S in CSC). Within each output row, entries are in increasing input row order
// (input order for duplicates). perm (nnz i32, or 0) receives for each output position q the
// input position p, so values of the same pattern can be re-ordered later with a gather.
export function csrTranspose(
  outRowPtr: usize, outColIdx: usize, outValue: usize, perm: usize, m: i32, n: i32,
  rowPtr: usize, colIdx: usize, value: usize,
): usize {
  const nnz = load<i32>(rowPtr + (<usize>m << 2));
  memory.fill(outRowPtr, 0, <usize>(n + 1) << 2);
  for (let p = 0; p < nnz; p++) {
    const a = outRowPtr + ((<usize>load<i32>(colIdx + (<usize>p << 2)) + 1) << 2);
    store<i32>(a, load<i32>(a) + 1);
  }
  prefixSum(outRowPtr, n);
  for (let i = 0; i < m; i++) {
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) {
      const c = outRowPtr + (<usize>load<i32>(colIdx + (<usize>p << 2)) << 2);
      const q = load<i32>(c);
      store<i32>(outColIdx + (<usize>q << 2), i);
      store<f64>(outValue + (<usize>q << 3), load<f64>(value + (<usize>p << 3)));
      if (perm != 0) store<i32>(perm + (<usize>q << 2), p);
      store<i32>(c, q + 1);
    }
  }
  shiftBack(outRowPtr, n);
  return outRowPtr;
}

// The row index of every CSR entry: outRow[p] = i for rowPtr[i] ≤ p < rowPtr[i+1] (CSR → COO
// row array; colIdx and value are already the COO col and value arrays).
export function csrRowIndices(outRow: usize, m: i32, rowPtr: usize): usize {
  for (let i = 0; i < m; i++) {
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) store<i32>(outRow + (<usize>p << 2), i);
  }
  return outRow;
}

// @ts-ignore: decorator
@inline function countingSort(
  ptr: usize, outIdx: usize, outValue: usize, perm: usize, m: i32, nnz: i32,
  key: usize, idx: usize, value: usize,
): void {
  memory.fill(ptr, 0, <usize>(m + 1) << 2);
  for (let k = 0; k < nnz; k++) {
    const a = ptr + ((<usize>load<i32>(key + (<usize>k << 2)) + 1) << 2);
    store<i32>(a, load<i32>(a) + 1);
  }
  prefixSum(ptr, m);
  for (let k = 0; k < nnz; k++) {
    const c = ptr + (<usize>load<i32>(key + (<usize>k << 2)) << 2);
    const p = load<i32>(c);
    store<i32>(outIdx + (<usize>p << 2), load<i32>(idx + (<usize>k << 2)));
    store<f64>(outValue + (<usize>p << 3), load<f64>(value + (<usize>k << 3)));
    if (perm != 0) store<i32>(perm + (<usize>p << 2), k);
    store<i32>(c, p + 1);
  }
  shiftBack(ptr, m);
}

// ptr[i+1] += ptr[i] for i < m: counts at i+1 become starts at i.
// @ts-ignore: decorator
@inline function prefixSum(ptr: usize, m: i32): void {
  let s = 0;
  for (let i = 1; i <= m; i++) {
    const a = ptr + (<usize>i << 2);
    s += load<i32>(a);
    store<i32>(a, s);
  }
}

// After the scatter ptr[i] holds the end of row i; move every value one place up and set ptr[0] = 0.
// @ts-ignore: decorator
@inline function shiftBack(ptr: usize, m: i32): void {
  for (let i = m; i > 0; i--) store<i32>(ptr + (<usize>i << 2), load<i32>(ptr + (<usize>(i - 1) << 2)));
  store<i32>(ptr, 0);
}
