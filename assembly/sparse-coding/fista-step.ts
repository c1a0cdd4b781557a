// One FISTA step of the lasso on a block of codes, each row its own problem (a column of Y):
//   y  = x + β(x − x₋)                 the momentum point (β = 0 right after a restart)
//   ∇y = ∇x + β(∇x − ∇x₋)              ∇f is affine (∇f(x) = AᵀAx − Aᵀy), so the gradient at y
//                                       is the same combination of the gradients at x and x₋
//   x⁺ = prox_{(λ/L)‖·‖₁}(y − ∇y/L)     soft-thresholding, or max(· − λ/L, 0) when nonnegative
// (Beck & Teboulle, SIAM J. Imaging Sci. 2009, FISTA with constant step 1/L). Also per row:
// restart = ⟨y − x⁺, x⁺ − x⟩, the gradient restart test of O'Donoghue & Candès (Found. Comput.
// Math. 2015, §3.2: restart when > 0), and step = ‖x⁺ − x‖². Returns the number of nonzeros of
// x⁺ over all rows (which decides how the next gradient is best computed).
// Layout: x, xPrev, grad, gradPrev are rows×k, row-major, contiguous (row stride k); beta,
// restart and step hold one f64 per row. x⁺ overwrites xPrev (each entry is read before it is
// written). No fused multiply-adds: SIMD and scalar builds give the same x⁺ bit for bit (the two
// per-row sums differ only in the order of their additions).
import { hsum2 } from "../simd";
import { soft1, soft2 } from "../prox/soft";

// @ts-ignore: decorator
@inline function plus1(v: f64, t: f64): f64 {
  const a = v - t;
  return select<f64>(a, 0.0, a > 0);
}

// @ts-ignore: decorator
@inline function plus2(v: v128, t: v128): v128 {
  const a = f64x2.sub(v, t);
  return v128.and(a, f64x2.gt(a, f64x2.splat(0)));
}

// One row of lassoFistaStep (k entries at x, xPrev, grad, gradPrev; momentum b, threshold
// t = λ/L): writes x⁺ over xPrev and the row's restart and step sums; returns nnz(x⁺).
// @ts-ignore: decorator
@inline export function fistaStepRow(
  k: i32, x: usize, xPrev: usize, grad: usize, gradPrev: usize, b: f64, invL: f64, t: f64, nonnegative: i32,
  restart: usize, step: usize,
): i32 {
  let nonzeros = 0;
  let dot: f64 = 0;
  let s2: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const bv = f64x2.splat(b);
    const lv = f64x2.splat(invL);
    const tv = f64x2.splat(t);
    let dv = f64x2.splat(0);
    let sv = f64x2.splat(0);
    let nv = i64x2.splat(0);
    for (; i + 2 <= k; i += 2) {
      const o = <usize>i << 3;
      const xv = v128.load(x + o);
      const gv = v128.load(grad + o);
      const y = f64x2.add(xv, f64x2.mul(bv, f64x2.sub(xv, v128.load(xPrev + o))));
      const gy = f64x2.add(gv, f64x2.mul(bv, f64x2.sub(gv, v128.load(gradPrev + o))));
      const z = f64x2.sub(y, f64x2.mul(lv, gy));
      const xn = nonnegative != 0 ? plus2(z, tv) : soft2(z, tv);
      const d = f64x2.sub(xn, xv);
      dv = f64x2.add(dv, f64x2.mul(f64x2.sub(y, xn), d));
      sv = f64x2.add(sv, f64x2.mul(d, d));
      nv = i64x2.sub(nv, f64x2.ne(xn, f64x2.splat(0))); // a true lane is −1
      v128.store(xPrev + o, xn);
    }
    dot = hsum2(dv);
    s2 = hsum2(sv);
    nonzeros += <i32>(i64x2.extract_lane(nv, 0) + i64x2.extract_lane(nv, 1));
  }
  for (; i < k; i++) {
    const o = <usize>i << 3;
    const xi = load<f64>(x + o);
    const gi = load<f64>(grad + o);
    const y = xi + b * (xi - load<f64>(xPrev + o));
    const gy = gi + b * (gi - load<f64>(gradPrev + o));
    const z = y - invL * gy;
    const xn = nonnegative != 0 ? plus1(z, t) : soft1(z, t);
    const d = xn - xi;
    dot += (y - xn) * d;
    s2 += d * d;
    if (xn != 0) nonzeros++;
    store<f64>(xPrev + o, xn);
  }
  store<f64>(restart, dot);
  store<f64>(step, s2);
  return nonzeros;
}

export function lassoFistaStep(
  rows: i32, k: i32, x: usize, xPrev: usize, grad: usize, gradPrev: usize, beta: usize,
  invL: f64, lambda: f64, nonnegative: i32, restart: usize, step: usize,
): i32 {
  const t = lambda * invL;
  let nonzeros = 0;
  const rowBytes = <usize>k << 3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes;
    const ro = <usize>r << 3;
    nonzeros += fistaStepRow(
      k, x + o, xPrev + o, grad + o, gradPrev + o, load<f64>(beta + ro), invL, t, nonnegative, restart + ro, step + ro,
    );
  }
  return nonzeros;
}
