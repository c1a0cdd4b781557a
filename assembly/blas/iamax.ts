// idamax, 0-based: the first i < n with |x[i·incx]| maximal, f64; -1 when n ≤ 0 or incx ≤ 0
// (reference BLAS returns 0 there, i.e. "none" in its 1-based indexing). NaN follows reference
// idamax, which tests |xᵢ| > max: a NaN entry is never chosen unless x[0] is NaN (then 0).
// Two passes on contiguous x: the largest non-NaN |xᵢ| with f64x2 pmax (which keeps the
// accumulator when the new lane is NaN), then the first index attaining it.
export function iamax(n: i32, x: usize, incx: i32): i32 {
  if (n <= 0 || incx <= 0) return -1;
  const first = Math.abs(load<f64>(x));
  if (n == 1 || isNaN(first)) return 0;
  if (incx == 1) {
    let m = first;
    let i = 1;
    if (ASC_FEATURE_SIMD) {
      let a0 = f64x2.splat(first);
      let a1 = a0;
      for (; i + 4 <= n; i += 4) {
        const p = x + (<usize>i << 3);
        a0 = f64x2.pmax(a0, f64x2.abs(v128.load(p)));
        a1 = f64x2.pmax(a1, f64x2.abs(v128.load(p, 16)));
      }
      const a = f64x2.pmax(a0, a1);
      const l0 = f64x2.extract_lane(a, 0);
      const l1 = f64x2.extract_lane(a, 1);
      m = l1 > l0 ? l1 : l0;
    }
    for (; i < n; i++) {
      const v = Math.abs(load<f64>(x + (<usize>i << 3)));
      if (v > m) m = v;
    }
    for (let j = 0; j < n; j++) {
      if (Math.abs(load<f64>(x + (<usize>j << 3))) == m) return j;
    }
    return 0;
  }
  let best = 0;
  let m = first;
  for (let i = 1; i < n; i++) {
    const v = Math.abs(load<f64>(x + ((<usize>i * <usize>incx) << 3)));
    if (v > m) {
      m = v;
      best = i;
    }
  }
  return best;
}
