// signAbsSum: the subgradient step of ℓ¹ minimization over the sphere:
//   out[i] = sign(x[i]) ∈ {−1, 0, +1} for i < n (0 at ±0 and at NaN), returning Σ |x[i]|.
// sign(0) = 0 is a valid choice in the subdifferential [−1, 1] of |·| at 0. Layout: contiguous
// f64 arrays of n entries; `out` may equal `x`. The sum uses two f64x2 accumulators in the SIMD
// build (differs from the scalar build by rounding only); a NaN in x makes the sum NaN.
export function signAbsSum(out: usize, x: usize, n: i32): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const one = f64x2.splat(1);
    const zero = f64x2.splat(0);
    let s0 = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const v = v128.load(x + o);
      s0 = f64x2.add(s0, f64x2.abs(v));
      // +1 where v > 0, −1 where v < 0, +0 elsewhere (zeros and NaN).
      const positive = v128.and(one, f64x2.gt(v, zero));
      const negative = v128.and(one, f64x2.lt(v, zero));
      v128.store(out + o, f64x2.sub(positive, negative));
    }
    s = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(x + o);
    s += abs<f64>(v);
    store<f64>(out + o, v > 0 ? 1.0 : v < 0 ? -1.0 : 0.0);
  }
  return s;
}
