import { fma2, hsum2 } from "../simd";

// ddot: Σ x[i·incx]·y[i·incy] for i < n, f64. x, y are byte pointers into linear memory.
// Contiguous operands (incx = incy = 1) take the f64x2 path with two accumulators; the
// scalar build and strided operands use the plain loop. Negative increments follow BLAS
// (start from the far end).
export function dot(n: i32, x: usize, incx: i32, y: usize, incy: i32): f64 {
  if (n <= 0) return 0;
  if (incx == 1 && incy == 1) return dotContiguous(n, x, y);
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

function dotContiguous(n: i32, x: usize, y: usize): f64 {
  let i = 0;
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0);
    let a1 = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      a0 = fma2(v128.load(x + o), v128.load(y + o), a0);
      a1 = fma2(v128.load(x + o, 16), v128.load(y + o, 16), a1);
    }
    s = hsum2(f64x2.add(a0, a1));
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    s += load<f64>(x + o) * load<f64>(y + o);
  }
  return s;
}
