// Per-row optimality and objective of the lasso min ½‖y − Ax‖² + λ‖x‖₁ (and of its nonnegative
// variant, x ≥ 0 with λΣx), for a block of codes each solving its own problem, from the code x,
// the gradient g = AᵀAx − Aᵀy of the smooth part and b = Aᵀy:
//   violation = maxᵢ vᵢ, the largest violation of the KKT conditions 0 ∈ g + λ∂‖x‖₁:
//     lasso:        vᵢ = |gᵢ + λ·sign(xᵢ)| if xᵢ ≠ 0,  max(|gᵢ| − λ, 0) if xᵢ = 0;
//     nonnegative:  vᵢ = |gᵢ + λ|         if xᵢ ≠ 0,  max(−(gᵢ + λ), 0) if xᵢ = 0
//     (zero exactly at the minimizer; e.g. Tibshirani, "The lasso problem and uniqueness",
//     Electron. J. Stat. 2013, §2);
//   objective = ½‖y‖² + ½xᵀ(g − b) + λ‖x‖₁, which is ½‖y − Ax‖² + λ‖x‖₁ since
//     xᵀ(g − b) = ‖Ax‖² − 2yᵀAx (accurate to a few ulps of ‖y‖², not of the objective).
// Layout: x, grad, b are rows×k, row-major, contiguous; yy (‖y‖² per row), violation and
// objective hold one f64 per row. A nonnegative code must have no negative entry (as the
// nonnegative FISTA and coordinate descent steps leave it); −0 counts as zero.
import { hsum2 } from "../simd";

// One row of lassoRowStats (k entries at x, grad, b; ‖y‖² = yy): writes its violation and objective.
// @ts-ignore: decorator
@inline export function lassoStatsRow(
  k: i32, x: usize, grad: usize, b: usize, yy: f64, lambda: f64, nonnegative: i32, violation: usize, objective: usize,
): void {
  let worst: f64 = 0;
  let l1: f64 = 0;
  let q: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const lv = f64x2.splat(lambda);
    const zero = f64x2.splat(0);
    const sign = i64x2.splat(i64.MIN_VALUE);
    let wv = zero;
    let l1v = zero;
    let qv = zero;
    for (; i + 2 <= k; i += 2) {
      const o = <usize>i << 3;
      const xv = v128.load(x + o);
      const gv = v128.load(grad + o);
      const nz = f64x2.ne(xv, zero);
      let on: v128, off: v128;
      if (nonnegative != 0) {
        const s = f64x2.add(gv, lv);
        on = f64x2.abs(s);
        off = f64x2.pmax(f64x2.neg(s), zero);
      } else {
        on = f64x2.abs(f64x2.add(gv, v128.or(lv, v128.and(xv, sign))));
        off = f64x2.pmax(f64x2.sub(f64x2.abs(gv), lv), zero);
      }
      wv = f64x2.pmax(wv, v128.bitselect(on, off, nz));
      l1v = f64x2.add(l1v, f64x2.abs(xv));
      qv = f64x2.add(qv, f64x2.mul(xv, f64x2.sub(gv, v128.load(b + o))));
    }
    worst = max<f64>(f64x2.extract_lane(wv, 0), f64x2.extract_lane(wv, 1));
    l1 = hsum2(l1v);
    q = hsum2(qv);
  }
  for (; i < k; i++) {
    const o = <usize>i << 3;
    const xi = load<f64>(x + o);
    const gi = load<f64>(grad + o);
    let v: f64;
    if (nonnegative != 0) {
      const s = gi + lambda;
      v = xi != 0 ? abs<f64>(s) : max<f64>(-s, 0);
    } else {
      v = xi != 0 ? abs<f64>(gi + copysign<f64>(lambda, xi)) : max<f64>(abs<f64>(gi) - lambda, 0);
    }
    if (v > worst) worst = v;
    l1 += abs<f64>(xi);
    q += xi * (gi - load<f64>(b + o));
  }
  store<f64>(violation, worst);
  store<f64>(objective, 0.5 * yy + 0.5 * q + lambda * l1);
}

export function lassoRowStats(
  rows: i32, k: i32, x: usize, grad: usize, b: usize, yy: usize, lambda: f64, nonnegative: i32,
  violation: usize, objective: usize,
): void {
  const rowBytes = <usize>k << 3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes;
    const ro = <usize>r << 3;
    lassoStatsRow(k, x + o, grad + o, b + o, load<f64>(yy + ro), lambda, nonnegative, violation + ro, objective + ro);
  }
}
