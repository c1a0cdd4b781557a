import { fma2, hsum2 } from "../simd";

// dgemv, row-major: y = alpha·op(A)·x + beta·y with A m×n (row stride lda ≥ n, in f64),
// op(A) = A (trans = 0; x has n entries, y has m) or Aᵀ (trans ≠ 0; x has m, y has n).
// As BLAS: beta = 0 sets y to zero without reading it (NaN in y is overwritten), alpha = 0
// only scales y, negative increments start at the far end. Unlike reference dgemv, an empty
// inner dimension still scales y by beta (as dgemm does for k = 0): y = beta·y is the exact
// result there. No transpose: dot products of
// four rows with x at a time (f64x2 along the row); transpose: y += Σᵢ (alpha·xᵢ)·A[i, :],
// four rows at a time (f64x2 along y). Strided x (no transpose) or y (transpose) use the
// scalar loop.
export function gemv(
  trans: i32, m: i32, n: i32, alpha: f64, a: usize, lda: i32,
  x: usize, incx: i32, beta: f64, y: usize, incy: i32,
): void {
  if (m < 0 || n < 0) return;
  const leny = trans != 0 ? n : m;
  const lenx = trans != 0 ? m : n;
  const x0 = incx < 0 ? x + ((<usize>(1 - lenx) * <usize>incx) << 3) : x;
  const y0 = incy < 0 ? y + ((<usize>(1 - leny) * <usize>incy) << 3) : y;
  scaleVector(leny, beta, y0, incy);
  if (alpha == 0 || m == 0 || n == 0) return;
  const rs = <usize>lda << 3;
  if (trans == 0) gemvN(m, n, alpha, a, rs, x0, incx, y0, incy);
  else gemvT(m, n, alpha, a, rs, x0, incx, y0, incy);
}

// y ← beta·y along a (possibly negative) stride from its first element; beta = 0 writes zeros.
function scaleVector(len: i32, beta: f64, y0: isize, incy: i32): void {
  if (beta == 1) return;
  const step = <isize>incy << 3;
  let p = y0;
  for (let i = 0; i < len; i++) {
    store<f64>(p, beta == 0 ? 0 : beta * load<f64>(p));
    p += step;
  }
}

function gemvN(m: i32, n: i32, alpha: f64, a: usize, rs: usize, x: usize, incx: i32, y: usize, incy: i32): void {
  const ys = <isize>incy << 3;
  if (incx != 1 || !ASC_FEATURE_SIMD) {
    const xs = <isize>incx << 3;
    for (let i = 0; i < m; i++) {
      const row = a + <usize>i * rs;
      let s: f64 = 0;
      let px = x;
      for (let j = 0; j < n; j++) {
        s += load<f64>(row + (<usize>j << 3)) * load<f64>(px);
        px += xs;
      }
      const py = y + <isize>i * ys;
      store<f64>(py, load<f64>(py) + alpha * s);
    }
    return;
  }
  if (ASC_FEATURE_SIMD) {
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const r0 = a + <usize>i * rs;
      const r1 = r0 + rs;
      const r2 = r1 + rs;
      const r3 = r2 + rs;
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      let s2 = f64x2.splat(0);
      let s3 = f64x2.splat(0);
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        const xv = v128.load(x + o);
        s0 = fma2(v128.load(r0 + o), xv, s0);
        s1 = fma2(v128.load(r1 + o), xv, s1);
        s2 = fma2(v128.load(r2 + o), xv, s2);
        s3 = fma2(v128.load(r3 + o), xv, s3);
      }
      let t0 = hsum2(s0);
      let t1 = hsum2(s1);
      let t2 = hsum2(s2);
      let t3 = hsum2(s3);
      if (j < n) {
        const o = <usize>j << 3;
        const xj = load<f64>(x + o);
        t0 += load<f64>(r0 + o) * xj;
        t1 += load<f64>(r1 + o) * xj;
        t2 += load<f64>(r2 + o) * xj;
        t3 += load<f64>(r3 + o) * xj;
      }
      const py = y + <isize>i * ys;
      store<f64>(py, load<f64>(py) + alpha * t0);
      store<f64>(py + ys, load<f64>(py + ys) + alpha * t1);
      store<f64>(py + 2 * ys, load<f64>(py + 2 * ys) + alpha * t2);
      store<f64>(py + 3 * ys, load<f64>(py + 3 * ys) + alpha * t3);
    }
    for (; i < m; i++) {
      const row = a + <usize>i * rs;
      let s = f64x2.splat(0);
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        s = fma2(v128.load(row + o), v128.load(x + o), s);
      }
      let t = hsum2(s);
      if (j < n) t += load<f64>(row + (<usize>j << 3)) * load<f64>(x + (<usize>j << 3));
      const py = y + <isize>i * ys;
      store<f64>(py, load<f64>(py) + alpha * t);
    }
  }
}

function gemvT(m: i32, n: i32, alpha: f64, a: usize, rs: usize, x: usize, incx: i32, y: usize, incy: i32): void {
  const xs = <isize>incx << 3;
  if (incy != 1 || !ASC_FEATURE_SIMD) {
    const ys = <isize>incy << 3;
    for (let i = 0; i < m; i++) {
      const row = a + <usize>i * rs;
      const s = alpha * load<f64>(x + <isize>i * xs);
      let py = y;
      for (let j = 0; j < n; j++) {
        store<f64>(py, load<f64>(py) + s * load<f64>(row + (<usize>j << 3)));
        py += ys;
      }
    }
    return;
  }
  if (ASC_FEATURE_SIMD) {
    let i = 0;
    for (; i + 4 <= m; i += 4) {
      const r0 = a + <usize>i * rs;
      const r1 = r0 + rs;
      const r2 = r1 + rs;
      const r3 = r2 + rs;
      const px = x + <isize>i * xs;
      const c0 = alpha * load<f64>(px);
      const c1 = alpha * load<f64>(px + xs);
      const c2 = alpha * load<f64>(px + 2 * xs);
      const c3 = alpha * load<f64>(px + 3 * xs);
      const v0 = f64x2.splat(c0);
      const v1 = f64x2.splat(c1);
      const v2 = f64x2.splat(c2);
      const v3 = f64x2.splat(c3);
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        let t = f64x2.mul(v0, v128.load(r0 + o));
        t = fma2(v1, v128.load(r1 + o), t);
        t = fma2(v2, v128.load(r2 + o), t);
        t = fma2(v3, v128.load(r3 + o), t);
        v128.store(y + o, f64x2.add(v128.load(y + o), t));
      }
      if (j < n) {
        const o = <usize>j << 3;
        const t = c0 * load<f64>(r0 + o) + c1 * load<f64>(r1 + o) + c2 * load<f64>(r2 + o) + c3 * load<f64>(r3 + o);
        store<f64>(y + o, load<f64>(y + o) + t);
      }
    }
    for (; i < m; i++) {
      const row = a + <usize>i * rs;
      const c = alpha * load<f64>(x + <isize>i * xs);
      const v = f64x2.splat(c);
      let j = 0;
      for (; j + 2 <= n; j += 2) {
        const o = <usize>j << 3;
        v128.store(y + o, fma2(v, v128.load(row + o), v128.load(y + o)));
      }
      if (j < n) {
        const o = <usize>j << 3;
        store<f64>(y + o, load<f64>(y + o) + c * load<f64>(row + o));
      }
    }
  }
}
