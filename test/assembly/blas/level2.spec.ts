import { gemv } from "../../../assembly/blas/gemv";
import { ger } from "../../../assembly/blas/ger";
import { fillPattern, ptr } from "../helpers";
import { maxScaledDiff } from "./compare";

const EPS: f64 = 2.220446049250313e-16;
const DIMS: i32[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
const INCS: i32[] = [1, 2, -1, -3];

function at(i: i32, n: i32, inc: i32): i32 {
  return inc < 0 ? (n - 1 - i) * -inc : i * inc;
}

describe("gemv", () => {
  test("matches the scalar reference: both orientations, strides, padded rows, beta cases", () => {
    let worst: f64 = 0;
    for (let x = 0; x < DIMS.length; x++) {
      for (let y = 0; y < DIMS.length; y++) {
        for (let t = 0; t < 2; t++) {
          for (let s = 0; s < INCS.length; s++) {
            const m = DIMS[x];
            const n = DIMS[y];
            const incx = INCS[s];
            const incy = INCS[(s + x) % INCS.length];
            const lda = n + (s % 2);
            const a = fillPattern(max(1, m * lda), m + 3 * n);
            const lenx = t ? m : n;
            const leny = t ? n : m;
            const xv = fillPattern(max(1, lenx * abs(incx)), 2);
            const yv = fillPattern(max(1, leny * abs(incy)), 3);
            const beta: f64 = s == 1 ? 0 : s == 2 ? 1 : -0.5;
            const want = new Float64Array(yv.length);
            const bound = new Float64Array(yv.length);
            for (let i = 0; i < yv.length; i++) {
              want[i] = yv[i];
              bound[i] = 1e-300;
            }
            for (let i = 0; i < leny; i++) {
              let sum: f64 = 0;
              let abs_: f64 = 0;
              for (let j = 0; j < lenx; j++) {
                const v = (t ? a[j * lda + i] : a[i * lda + j]) * xv[at(j, lenx, incx)];
                sum += v;
                abs_ += Math.abs(v);
              }
              const yi = at(i, leny, incy);
              const cy = beta == 0 ? 0 : beta * yv[yi];
              want[yi] = 0.75 * sum + cy;
              bound[yi] = 0.75 * abs_ + Math.abs(cy) + 1e-300;
            }
            if (beta == 0) for (let i = 0; i < leny; i++) yv[at(i, leny, incy)] = NaN;
            gemv(t, m, n, 0.75, ptr(a), lda, ptr(xv), incx, beta, ptr(yv), incy);
            // Any summation order: |error| ≤ (len + 2)·eps·Σ|terms|.
            const e = maxScaledDiff(yv, want, bound) / (<f64>(lenx + 2) * EPS);
            if (!(e <= worst)) worst = e;
          }
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});

describe("ger", () => {
  test("matches A + αxyᵀ: strides and padded rows", () => {
    let worst: f64 = 0;
    for (let x = 0; x < DIMS.length; x++) {
      for (let y = 0; y < DIMS.length; y++) {
        for (let s = 0; s < INCS.length; s++) {
          const m = DIMS[x];
          const n = DIMS[y];
          const incx = INCS[s];
          const incy = INCS[(s + y) % INCS.length];
          const lda = n + (s % 3);
          const a = fillPattern(max(1, m * lda), m + n);
          const xv = fillPattern(max(1, m * abs(incx)), 4);
          const yv = fillPattern(max(1, n * abs(incy)), 5);
          const want = new Float64Array(a.length);
          const bound = new Float64Array(a.length);
          for (let i = 0; i < a.length; i++) {
            want[i] = a[i];
            bound[i] = 1;
          }
          for (let i = 0; i < m; i++) {
            for (let j = 0; j < n; j++) {
              const v = -1.5 * xv[at(i, m, incx)] * yv[at(j, n, incy)];
              want[i * lda + j] = a[i * lda + j] + v;
              bound[i * lda + j] = Math.abs(a[i * lda + j]) + Math.abs(v) + 1e-300;
            }
          }
          ger(m, n, -1.5, ptr(xv), incx, ptr(yv), incy, ptr(a), lda);
          // Two roundings in the product, one in the sum.
          const e = maxScaledDiff(a, want, bound) / (3 * EPS);
          if (!(e <= worst)) worst = e;
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });
});
