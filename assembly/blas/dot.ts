import { vdot } from "../vector";

// ddot: Σ x[i·incx]·y[i·incy] for i < n, f64. x, y are byte pointers into linear memory.
// Contiguous operands (incx = incy = 1) take the f64x2 loop of ../vector.ts; strided operands
// use the plain loop. Negative increments follow BLAS
// (start from the far end).
export function dot(n: i32, x: usize, incx: i32, y: usize, incy: i32): f64 {
  if (n <= 0) return 0;
  if (incx == 1 && incy == 1) return vdot(n, x, y);
  let ix = incx < 0 ? <isize>(1 - n) * incx : 0;
  let iy = incy < 0 ? <isize>(1 - n) * incy : 0;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    s += load<f64>(x + (<usize>ix << 3)) * load<f64>(y + (<usize>iy << 3));
    ix += incx;
    iy += incy;
  }
  return s;
}
