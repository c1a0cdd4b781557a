// scaleColumns: out = A·diag(s), i.e. out[i, j] = a[i, j]·s[j], for a row-major rows×cols A.
// With rows = 1 it is the entrywise product of two vectors. Used for the weighted Gram matrices
// of iteratively reweighted least squares (Y·diag(√w)) and the weighted Hessian products
// Y·diag(h″)·Yᵀ of the smoothed ℓ¹ objective. `out` may equal `a` (in place); s has cols
// entries and must not overlap out. NaN and ±Infinity propagate (IEEE products).
export function scaleColumns(out: usize, a: usize, s: usize, rows: i32, cols: i32): usize {
  for (let r = 0; r < rows; r++) {
    const row = <usize>r * <usize>cols << 3;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 3;
        v128.store(out + row + o, f64x2.mul(v128.load(a + row + o), v128.load(s + o)));
        v128.store(out + row + o, f64x2.mul(v128.load(a + row + o, 16), v128.load(s + o, 16)), 16);
      }
      for (; j + 2 <= cols; j += 2) {
        const o = <usize>j << 3;
        v128.store(out + row + o, f64x2.mul(v128.load(a + row + o), v128.load(s + o)));
      }
    }
    for (; j < cols; j++) {
      const o = <usize>j << 3;
      store<f64>(out + row + o, load<f64>(a + row + o) * load<f64>(s + o));
    }
  }
  return out;
}
