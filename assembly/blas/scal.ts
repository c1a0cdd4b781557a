// dscal: x[i·incx] *= alpha for i < n, f64, in place. As reference BLAS, n ≤ 0 or incx ≤ 0
// does nothing. alpha = 0 multiplies too (0·NaN = NaN stays NaN, as reference dscal).
// Contiguous x takes the f64x2 path.
export function scal(n: i32, alpha: f64, x: usize, incx: i32): void {
  if (n <= 0 || incx <= 0) return;
  if (incx == 1) {
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const va = f64x2.splat(alpha);
      for (; i + 4 <= n; i += 4) {
        const p = x + (<usize>i << 3);
        v128.store(p, f64x2.mul(va, v128.load(p)));
        v128.store(p, f64x2.mul(va, v128.load(p, 16)), 16);
      }
    }
    for (; i < n; i++) {
      const p = x + (<usize>i << 3);
      store<f64>(p, alpha * load<f64>(p));
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const p = x + ((<usize>i * <usize>incx) << 3);
    store<f64>(p, alpha * load<f64>(p));
  }
}
