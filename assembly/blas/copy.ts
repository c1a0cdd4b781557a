// dcopy: y[i·incy] = x[i·incx] for i < n, f64. Negative increments follow BLAS (the walk
// starts at the far end). Contiguous operands use memory.copy (x and y must not overlap
// partially in the strided case; contiguous overlap is handled like memmove).
export function copy(n: i32, x: usize, incx: i32, y: usize, incy: i32): void {
  if (n <= 0) return;
  if (incx == 1 && incy == 1) {
    memory.copy(y, x, <usize>n << 3);
    return;
  }
  let ix = incx < 0 ? <isize>(1 - n) * incx : 0;
  let iy = incy < 0 ? <isize>(1 - n) * incy : 0;
  for (let i = 0; i < n; i++) {
    store<f64>(y + (<usize>iy << 3), load<f64>(x + (<usize>ix << 3)));
    ix += incx;
    iy += incy;
  }
}
