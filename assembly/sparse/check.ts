// Input checks run in wasm for the buffer-level wrappers (the data already lives in wasm memory,
// and these are O(nnz) per call inside solver loops). Each returns the first offending position,
// or −1 when the input is valid, so the wrapper can name the position and the value.

// First k < n with idx[k] outside [0, bound) (i32 entries), or −1.
export function sparseFirstOutOfRange(idx: usize, n: i32, bound: i32): i32 {
  for (let k = 0; k < n; k++) {
    if (<u32>load<i32>(idx + (<usize>k << 2)) >= <u32>bound) return k;
  }
  return -1;
}

// First k < n with x[k] NaN or ±Infinity (f64 entries), or −1. x − x is 0 exactly for finite x.
export function sparseFirstNonFinite(x: usize, n: i32): i32 {
  for (let k = 0; k < n; k++) {
    const a = load<f64>(x + (<usize>k << 3));
    if (a - a != 0) return k;
  }
  return -1;
}

// First position where rowPtr (m+1 i32) breaks CSR form, or −1: 0 if rowPtr[0] ≠ 0, i+1 if
// rowPtr[i+1] < rowPtr[i], m if rowPtr[m] ≠ nnz.
export function sparseCheckRowPtr(rowPtr: usize, m: i32, nnz: i32): i32 {
  if (load<i32>(rowPtr) != 0) return 0;
  for (let i = 0; i < m; i++) {
    if (load<i32>(rowPtr + (<usize>(i + 1) << 2)) < load<i32>(rowPtr + (<usize>i << 2))) return i + 1;
  }
  if (load<i32>(rowPtr + (<usize>m << 2)) != nnz) return m;
  return -1;
}
