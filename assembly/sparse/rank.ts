// Row operations over the rank dimension shared by the sparse kernels: every factor row (a row
// of U, V or of a dense result) is r contiguous f64 values. These helpers are inlined into the
// kernels and never exported from index.ts. SIMD paths are f64x2 with a scalar tail, compiled
// only in the SIMD builds; the scalar build keeps the plain loops of the same source.
import { fma2, hsum2 } from "../simd";
import { vscal } from "../vector";

// Σ a[l]·b[l] for l < r: two f64x2 accumulators over blocks of 4, one block of 2, scalar tail.
// @ts-ignore: decorator
@inline export function rowDot(a: usize, b: usize, r: i32): f64 {
  let l = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    for (; l + 4 <= r; l += 4) {
      const o = <usize>l << 3;
      s0 = fma2(v128.load(a + o), v128.load(b + o), s0);
      s1 = fma2(v128.load(a + o, 16), v128.load(b + o, 16), s1);
    }
    if (l + 2 <= r) {
      const o = <usize>l << 3;
      s0 = fma2(v128.load(a + o), v128.load(b + o), s0);
      l += 2;
    }
    s = hsum2(f64x2.add(s0, s1));
  } else {
    let s1: f64 = 0;
    for (; l + 2 <= r; l += 2) {
      const o = <usize>l << 3;
      s += load<f64>(a + o) * load<f64>(b + o);
      s1 += load<f64>(a + o, 8) * load<f64>(b + o, 8);
    }
    s += s1;
  }
  if (l < r) {
    const o = <usize>l << 3;
    s += load<f64>(a + o) * load<f64>(b + o);
  }
  return s;
}

// y[l] += alpha·x[l] for l < r.
// @ts-ignore: decorator
@inline export function rowAxpy(y: usize, alpha: f64, x: usize, r: i32): void {
  let l = 0;
  if (ASC_FEATURE_SIMD) {
    const a = f64x2.splat(alpha);
    for (; l + 4 <= r; l += 4) {
      const o = <usize>l << 3;
      v128.store(y + o, fma2(a, v128.load(x + o), v128.load(y + o)));
      v128.store(y + o, fma2(a, v128.load(x + o, 16), v128.load(y + o, 16)), 16);
    }
    if (l + 2 <= r) {
      const o = <usize>l << 3;
      v128.store(y + o, fma2(a, v128.load(x + o), v128.load(y + o)));
      l += 2;
    }
  }
  for (; l < r; l++) {
    const o = <usize>l << 3;
    store<f64>(y + o, load<f64>(y + o) + alpha * load<f64>(x + o));
  }
}

// y[i] = beta·y[i] for i < len, with the BLAS convention that beta = 0 overwrites with zeros
// (y is not read, so NaN in it does not survive) and beta = 1 leaves y untouched; otherwise
// vscal from assembly/vector.ts.
// @ts-ignore: decorator
@inline export function scaleBlock(y: usize, beta: f64, len: usize): void {
  if (beta == 1) return;
  if (beta == 0) {
    memory.fill(y, 0, len << 3);
    return;
  }
  vscal(<i32>len, beta, y);
}

// Writes α·acc + β·y into the two f64 at y (SIMD builds only); β = 0 does not read y.
// @ts-ignore: decorator
@inline export function gatherFinish2(y: usize, acc: v128, alpha: f64, beta: f64): void {
  const a = f64x2.mul(f64x2.splat(alpha), acc);
  v128.store(y, beta == 0 ? a : fma2(f64x2.splat(beta), v128.load(y), a));
}
