import { fma2 } from "../simd";

// dger, row-major: A += alpha·x·yᵀ with A m×n (row stride lda ≥ n, in f64), x of m entries,
// y of n. Row i gets the axpy A[i, :] += (alpha·xᵢ)·y, f64x2 along the row when y is
// contiguous. As reference BLAS: alpha = 0 returns at once; negative increments start at the
// far end.
export function ger(m: i32, n: i32, alpha: f64, x: usize, incx: i32, y: usize, incy: i32, a: usize, lda: i32): void {
  if (m <= 0 || n <= 0 || alpha == 0) return;
  const xs = <isize>incx << 3;
  const ys = <isize>incy << 3;
  const x0 = incx < 0 ? x + <isize>(1 - m) * xs : x;
  const y0 = incy < 0 ? y + <isize>(1 - n) * ys : y;
  const rs = <usize>lda << 3;
  for (let i = 0; i < m; i++) {
    const row = a + <usize>i * rs;
    const c = alpha * load<f64>(x0 + <isize>i * xs);
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      if (incy == 1) {
        const v = f64x2.splat(c);
        for (; j + 2 <= n; j += 2) {
          const o = <usize>j << 3;
          v128.store(row + o, fma2(v, v128.load(y0 + o), v128.load(row + o)));
        }
      }
    }
    for (; j < n; j++) {
      const p = row + (<usize>j << 3);
      store<f64>(p, load<f64>(p) + c * load<f64>(y0 + <isize>j * ys));
    }
  }
}
