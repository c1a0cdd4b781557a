// scaleColumns: out = A·diag(s), i.e. out[i, j] = a[i, j]·s[j], for a rows×cols A stored
// row-major with row stride lda ≥ cols (in f64); out is dense (row stride cols). With rows = 1
// it is the entrywise product of two vectors. Used for the weighted Gram matrices of iteratively
// reweighted least squares (Y·diag(√w)) and the weighted Hessian products Y·diag(h″)·Yᵀ of the
// smoothed ℓ¹ objective. `out` may equal `a` when lda = cols (in place); s has cols entries and
// must not overlap out. NaN and ±Infinity propagate (IEEE products).
export function scaleColumns(out: usize, a: usize, lda: i32, s: usize, rows: i32, cols: i32): usize {
  for (let r = 0; r < rows; r++) {
    const ro = out + (<usize>r * <usize>cols << 3);
    const ra = a + (<usize>r * <usize>lda << 3);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 3;
        v128.store(ro + o, f64x2.mul(v128.load(ra + o), v128.load(s + o)));
        v128.store(ro + o, f64x2.mul(v128.load(ra + o, 16), v128.load(s + o, 16)), 16);
      }
      for (; j + 2 <= cols; j += 2) {
        const o = <usize>j << 3;
        v128.store(ro + o, f64x2.mul(v128.load(ra + o), v128.load(s + o)));
      }
    }
    for (; j < cols; j++) {
      const o = <usize>j << 3;
      store<f64>(ro + o, load<f64>(ra + o) * load<f64>(s + o));
    }
  }
  return out;
}
