import { fma2 } from "../simd";

// daxpy: y[i·incy] += alpha·x[i·incx] for i < n, f64, in place on y. x, y are byte pointers.
// Negative increments follow BLAS (the walk starts at the far end). alpha = 0 returns at once
// (as reference BLAS, so NaN in x does not reach y). Contiguous operands take the f64x2 path.
export function axpy(n: i32, alpha: f64, x: usize, incx: i32, y: usize, incy: i32): void {
  if (n <= 0 || alpha == 0) return;
  if (incx == 1 && incy == 1) {
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      const va = f64x2.splat(alpha);
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 3;
        v128.store(y + o, fma2(va, v128.load(x + o), v128.load(y + o)));
        v128.store(y + o, fma2(va, v128.load(x + o, 16), v128.load(y + o, 16)), 16);
      }
    }
    for (; i < n; i++) {
      const o = <usize>i << 3;
      store<f64>(y + o, alpha * load<f64>(x + o) + load<f64>(y + o));
    }
    return;
  }
  let ix = incx < 0 ? <isize>(1 - n) * incx : 0;
  let iy = incy < 0 ? <isize>(1 - n) * incy : 0;
  for (let i = 0; i < n; i++) {
    const py = y + (<usize>iy << 3);
    store<f64>(py, alpha * load<f64>(x + (<usize>ix << 3)) + load<f64>(py));
    ix += incx;
    iy += incy;
  }
}
