// The soft-threshold of one f64 and of an f64x2, sign(v)·max(|v| − t, 0) with every zero +0 and
// NaN kept, shared by the prox kernels (soft-threshold.ts), the sparse coding steps
// (../sparse-coding/) and the fused deconvolution step (../deconvolution/prox-step.ts). Internal:
// never re-exported from index.ts (a v128 in an exported signature would not compile in the
// scalar build); call soft2 only inside `if (ASC_FEATURE_SIMD)`. See soft-threshold.ts for the
// branch-free form and its zero and NaN rules.

// sign(v)·max(|v| − t, 0), +0 for every zero.
// @ts-ignore: decorator
@inline export function soft1(v: f64, t: f64): f64 {
  const a = abs<f64>(v) - t;
  return select<f64>(0.0, copysign<f64>(a, v), a <= 0);
}

// The same on both lanes: andnot(a | signbit(v), a ≤ 0) with a = |v| − t.
// @ts-ignore: decorator
@inline export function soft2(v: v128, t: v128): v128 {
  const a = f64x2.sub(f64x2.abs(v), t);
  const signed = v128.or(a, v128.and(v, i64x2.splat(i64.MIN_VALUE)));
  return v128.andnot(signed, f64x2.le(a, f64x2.splat(0)));
}
