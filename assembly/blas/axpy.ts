import { vaxpy } from "../vector";

// daxpy: y[i·incy] += alpha·x[i·incx] for i < n, f64, in place on y. x, y are byte pointers.
// Negative increments follow BLAS (the walk starts at the far end). alpha = 0 returns at once
// (as reference BLAS, so NaN in x does not reach y). Contiguous operands take the f64x2 loop of ../vector.ts.
export function axpy(n: i32, alpha: f64, x: usize, incx: i32, y: usize, incy: i32): void {
  if (n <= 0 || alpha == 0) return;
  if (incx == 1 && incy == 1) {
    vaxpy(n, alpha, x, y);
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
