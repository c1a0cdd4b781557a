// clamp: projection onto the box [lo, hi]: out[i] = min(max(x[i], lo), hi) for i < n, with
// scalar bounds lo ≤ hi (checked by the wrapper; either may be infinite). NaN entries
// propagate (wasm min/max return NaN for a NaN operand); max(−0, +0) = +0 as in Math.max.
// Layout: contiguous f64 arrays; `out` may equal `x` but must not otherwise overlap it.
// Returns out.
export function clamp(out: usize, x: usize, lo: f64, hi: f64, n: i32): usize {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const l = f64x2.splat(lo);
    const h = f64x2.splat(hi);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const v0 = v128.load(x + o);
      const v1 = v128.load(x + o, 16);
      v128.store(out + o, f64x2.min(f64x2.max(v0, l), h));
      v128.store(out + o, f64x2.min(f64x2.max(v1, l), h), 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(out + o, min<f64>(max<f64>(load<f64>(x + o), lo), hi));
  }
  return out;
}
