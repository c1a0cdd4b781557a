// Overflow- and underflow-safe Euclidean norm pieces shared by the projections (not wasm
// exports: index.ts does not re-export this file).
// Scheme (a two-pass variant of Blue's scaling, cf. Anderson, "Algorithm 978: Safe scaling in
// the Level 1 BLAS", ACM TOMS 44(1), 2017): with amax = max|xᵢ|, pick an exact power-of-two
// scale sc = 2^-600 if amax > 2^500, 2^600 if amax < 2^-500, else 1. Then every (xᵢ·sc)² is
// below 2^848 and the largest one above 2^-1000, so Σ(xᵢ·sc)² neither overflows (n < 2^31) nor
// loses its leading term to underflow, and ‖x‖ = sqrt(Σ(xᵢ·sc)²)/sc.
import { hsum2 } from "../simd";

export const BIG: f64 = 3.273390607896142e150; // 2^500
export const SMALL: f64 = 3.054936363499605e-151; // 2^-500
export const DOWN: f64 = 2.409919865102884e-181; // 2^-600
export const UP: f64 = 4.149515568880993e180; // 2^600

// The scale for a vector whose largest magnitude is amax (finite, > 0).
// @ts-ignore: decorator
@inline export function scaleFor(amax: f64): f64 {
  return amax > BIG ? DOWN : amax < SMALL ? UP : 1.0;
}

// max |x[i]| over i < n; NaN if any entry is NaN (f64.max and f64x2.max propagate NaN).
export function maxAbs(x: usize, n: i32): f64 {
  let i = 0;
  let m: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let m0 = f64x2.splat(0);
    let m1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      m0 = f64x2.max(m0, f64x2.abs(v128.load(x + o)));
      m1 = f64x2.max(m1, f64x2.abs(v128.load(x + o, 16)));
    }
    const mm = f64x2.max(m0, m1);
    m = max<f64>(f64x2.extract_lane(mm, 0), f64x2.extract_lane(mm, 1));
  }
  for (; i < n; i++) m = max<f64>(m, abs<f64>(load<f64>(x + (<usize>i << 3))));
  return m;
}

// Σ (x[i]·sc)² over i < n in one fixed order on every build: four partial sums over the
// residues i mod 4 (the two f64x2 accumulators' lanes), combined as (s0 + s2) + (s1 + s3),
// then the tail in order. No fused multiply-add, so SIMD, relaxed-SIMD and scalar builds
// give bit-identical sums.
export function sumSquaresScaled(x: usize, n: i32, sc: f64): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const scv = f64x2.splat(sc);
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const v0 = f64x2.mul(v128.load(x + o), scv);
      const v1 = f64x2.mul(v128.load(x + o, 16), scv);
      a0 = f64x2.add(a0, f64x2.mul(v0, v0));
      a1 = f64x2.add(a1, f64x2.mul(v1, v1));
    }
    const a = f64x2.add(a0, a1);
    s = hsum2(a);
  } else {
    let s0: f64 = 0;
    let s1: f64 = 0;
    let s2: f64 = 0;
    let s3: f64 = 0;
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const v0 = load<f64>(x + o) * sc;
      const v1 = load<f64>(x + o, 8) * sc;
      const v2 = load<f64>(x + o, 16) * sc;
      const v3 = load<f64>(x + o, 24) * sc;
      s0 += v0 * v0;
      s1 += v1 * v1;
      s2 += v2 * v2;
      s3 += v3 * v3;
    }
    s = (s0 + s2) + (s1 + s3);
  }
  for (; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3)) * sc;
    s += v * v;
  }
  return s;
}

// out[i] = (x[i]·pre)/s·post for i < n: x divided by its norm ‖x‖ = s/sc with one rounding,
// where (pre, post) = (sc, 1) for small vectors (x·sc is exact) and (1, sc) for large ones
// (x/s ≤ 2^600 cannot overflow and ·sc is exact unless the result is subnormal).
export function divideScaled(out: usize, x: usize, n: i32, s: f64, sc: f64): void {
  const pre = sc > 1 ? sc : 1.0;
  const post = sc < 1 ? sc : 1.0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(s);
    const prev = f64x2.splat(pre);
    const postv = f64x2.splat(post);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      const v0 = v128.load(x + o);
      const v1 = v128.load(x + o, 16);
      v128.store(out + o, f64x2.mul(f64x2.div(f64x2.mul(v0, prev), sv), postv));
      v128.store(out + o, f64x2.mul(f64x2.div(f64x2.mul(v1, prev), sv), postv), 16);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(out + o, ((load<f64>(x + o) * pre) / s) * post);
  }
}

// Fills out[0..n) with NaN.
export function fillNaN(out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), NaN);
}
