// cubeFourthPowerSum: the elementwise step of ℓ⁴ maximization (matching–stretching–projection):
//   out[i] = x[i]³ for i < n, returning Σ x[i]⁴ (= Σ out[i]·x[i], the ℓ⁴ objective ‖x‖₄⁴).
// Layout: contiguous f64 arrays of n entries; `out` may equal `x` (in place) but must not
// otherwise overlap it. The cube is x·x·x in this order in both builds (bit-identical); the sum
// uses two f64x2 accumulators in the SIMD build, so it differs from the scalar build's running
// sum by rounding only. NaN and ±Infinity propagate.
export function cubeFourthPowerSum(out: usize, x: usize, n: i32): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const v0 = v128.load(x + o);
      const v1 = v128.load(x + o, 16);
      const c0 = f64x2.mul(f64x2.mul(v0, v0), v0);
      const c1 = f64x2.mul(f64x2.mul(v1, v1), v1);
      s0 = f64x2.add(s0, f64x2.mul(c0, v0));
      s1 = f64x2.add(s1, f64x2.mul(c1, v1));
      v128.store(out + o, c0);
      v128.store(out + o, c1, 16);
    }
    const t = f64x2.add(s0, s1);
    s = f64x2.extract_lane(t, 0) + f64x2.extract_lane(t, 1);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    const c = v * v * v;
    s += c * v;
    store<f64>(out + o, c);
  }
  return s;
}
