// SIMD helpers shared by kernels. Never re-exported from index.ts: a v128 in an exported
// signature would not compile in the scalar build. Call these only inside
// `if (ASC_FEATURE_SIMD)` blocks, which the scalar build removes at compile time.

// a·b + c on f64x2: fused (relaxed_madd) in the relaxed-SIMD build, else mul then add.
// @ts-ignore: decorator
@inline export function fma2(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(f64x2.mul(a, b), c);
}

// Sum of the two lanes.
// @ts-ignore: decorator
@inline export function hsum2(a: v128): f64 {
  return f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
}
