import { dot } from "../../../assembly/blas/dot";
import { fillPattern, ptr, SHAPES } from "../helpers";

// Plain scalar reference with BLAS stride semantics.
function dotReference(n: i32, x: Float64Array, incx: i32, y: Float64Array, incy: i32): f64 {
  let s: f64 = 0;
  let ix = incx < 0 ? (1 - n) * incx : 0;
  let iy = incy < 0 ? (1 - n) * incy : 0;
  for (let i = 0; i < n; i++) {
    s += x[ix] * y[iy];
    ix += incx;
    iy += incy;
  }
  return s;
}

describe("dot", () => {
  test("matches the scalar reference on the shape grid, contiguous and strided", () => {
    const strides: i32[] = [1, 2, 3, -1, -2];
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let a = 0; a < strides.length; a++) {
        for (let b = 0; b < strides.length; b++) {
          const incx = strides[a];
          const incy = strides[b];
          const x = fillPattern(max(1, n * abs(incx)), 1);
          const y = fillPattern(max(1, n * abs(incy)), 2);
          const got = dot(n, ptr(x), incx, ptr(y), incy);
          const want = dotReference(n, x, incx, y, incy);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(want)));
        }
      }
    }
  });

  test("n = 0 gives 0", () => {
    const x = fillPattern(4, 1);
    expect(dot(0, ptr(x), 1, ptr(x), 1)).toBe(0);
  });
});
