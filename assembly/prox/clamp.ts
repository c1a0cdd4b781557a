// clamp: projection onto the box [lo, hi]: out[i] = x[i] < lo ? lo : (x[i] > hi ? hi : x[i])
// for i < n, with scalar bounds lo ≤ hi (checked by the wrapper; either may be infinite).
// NaN entries propagate (both comparisons are false). Signed zeros are kept: −0 is not < +0,
// so clamp(−0) with lo = 0 stays −0. On f64x2 this is pmax then pmin (pseudo-max/min, defined
// by exactly these comparisons), single instructions, unlike f64x2.max/min.
// Layout: contiguous f64 arrays; `out` may equal `x` but must not otherwise overlap it.
// Returns out.
export function clamp(out: usize, x: usize, lo: f64, hi: f64, n: i32): usize {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const l = f64x2.splat(lo);
    const h = f64x2.splat(hi);
    // pmax(a, b) = a < b ? b : a and pmin(a, b) = b < a ? b : a.
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 3;
      const v0 = v128.load(x + o);
      const v1 = v128.load(x + o, 16);
      const v2 = v128.load(x + o, 32);
      const v3 = v128.load(x + o, 48);
      v128.store(out + o, f64x2.pmin(f64x2.pmax(v0, l), h));
      v128.store(out + o, f64x2.pmin(f64x2.pmax(v1, l), h), 16);
      v128.store(out + o, f64x2.pmin(f64x2.pmax(v2, l), h), 32);
      v128.store(out + o, f64x2.pmin(f64x2.pmax(v3, l), h), 48);
    }
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(out + o, f64x2.pmin(f64x2.pmax(v128.load(x + o), l), h));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    const y = select<f64>(lo, v, v < lo);
    store<f64>(out + o, select<f64>(hi, y, hi < y));
  }
  return out;
}
