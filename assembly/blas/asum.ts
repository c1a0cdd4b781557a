import { hsum2 } from "../simd";

// dasum: Σ |x[i·incx]| for i < n, f64. As reference BLAS, n ≤ 0 or incx ≤ 0 gives 0.
// Contiguous x takes the f64x2 path with two accumulators. NaN propagates.
export function asum(n: i32, x: usize, incx: i32): f64 {
  if (n <= 0 || incx <= 0) return 0;
  let s: f64 = 0;
  if (incx == 1) {
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      for (; i + 4 <= n; i += 4) {
        const p = x + (<usize>i << 3);
        a0 = f64x2.add(a0, f64x2.abs(v128.load(p)));
        a1 = f64x2.add(a1, f64x2.abs(v128.load(p, 16)));
      }
      const a = f64x2.add(a0, a1);
      s = hsum2(a);
    }
    for (; i < n; i++) s += Math.abs(load<f64>(x + (<usize>i << 3)));
    return s;
  }
  for (let i = 0; i < n; i++) s += Math.abs(load<f64>(x + ((<usize>i * <usize>incx) << 3)));
  return s;
}
