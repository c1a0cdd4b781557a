import { axpy } from "../../../assembly/blas/axpy";
import { scal } from "../../../assembly/blas/scal";
import { copy } from "../../../assembly/blas/copy";
import { nrm2 } from "../../../assembly/blas/nrm2";
import { asum } from "../../../assembly/blas/asum";
import { iamax } from "../../../assembly/blas/iamax";
import { fillPattern, ptr, SHAPES } from "../helpers";
import { maxDiff } from "./compare";

const STRIDES: i32[] = [1, 2, 3, -1, -2];
const EPS: f64 = 2.220446049250313e-16;

// Index of the i-th visited element for BLAS stride semantics.
function at(i: i32, n: i32, inc: i32): i32 {
  return inc < 0 ? (n - 1 - i) * -inc : i * inc;
}

describe("axpy and copy", () => {
  test("match the scalar reference on the shape grid, contiguous and strided", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let a = 0; a < STRIDES.length; a++) {
        for (let b = 0; b < STRIDES.length; b++) {
          const incx = STRIDES[a];
          const incy = STRIDES[b];
          const x = fillPattern(max(1, n * abs(incx)), 1);
          const y = fillPattern(max(1, n * abs(incy)), 2);
          const want = new Float64Array(y.length);
          for (let i = 0; i < y.length; i++) want[i] = y[i];
          for (let i = 0; i < n; i++) want[at(i, n, incy)] += -0.75 * x[at(i, n, incx)];
          axpy(n, -0.75, ptr(x), incx, ptr(y), incy);
          // one rounding in the product, one in the sum (or one fused rounding); |values| ≤ 2
          expect(maxDiff(y, want)).toBeLessThanOrEqual(4 * EPS);
          const z = fillPattern(max(1, n * abs(incy)), 3);
          const zw = new Float64Array(z.length);
          for (let i = 0; i < z.length; i++) zw[i] = z[i];
          for (let i = 0; i < n; i++) zw[at(i, n, incy)] = x[at(i, n, incx)];
          copy(n, ptr(x), incx, ptr(z), incy);
          expect(maxDiff(z, zw)).toBe(0);
        }
      }
    }
  });

  test("axpy with alpha = 0 leaves y alone", () => {
    const x = new Float64Array(5);
    x[2] = NaN;
    const y = fillPattern(5, 4);
    const y2 = fillPattern(5, 4);
    axpy(5, 0, ptr(x), 1, ptr(y), 1);
    expect(maxDiff(y, y2)).toBe(0);
  });
});

describe("scal, asum, iamax", () => {
  test("match the scalar reference on the shape grid with positive strides", () => {
    const strides: i32[] = [1, 2, 3];
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let a = 0; a < strides.length; a++) {
        const inc = strides[a];
        const x = fillPattern(max(1, n * inc), 5);
        let s: f64 = 0;
        let best = n > 0 ? 0 : -1;
        for (let i = 0; i < n; i++) {
          const v = Math.abs(x[i * inc]);
          s += v;
          if (v > Math.abs(x[best * inc])) best = i;
        }
        expect(Math.abs(asum(n, ptr(x), inc) - s)).toBeLessThanOrEqual(<f64>n * EPS * s);
        expect(iamax(n, ptr(x), inc)).toBe(best);
        const want = new Float64Array(x.length);
        for (let i = 0; i < x.length; i++) want[i] = x[i];
        for (let i = 0; i < n; i++) want[i * inc] *= 1.5;
        scal(n, 1.5, ptr(x), inc);
        expect(maxDiff(x, want)).toBe(0);
      }
    }
  });

  test("non-positive increments do nothing, as reference BLAS", () => {
    const x = fillPattern(4, 6);
    expect(asum(4, ptr(x), 0)).toBe(0);
    expect(asum(4, ptr(x), -1)).toBe(0);
    expect(iamax(4, ptr(x), -1)).toBe(-1);
    expect(iamax(0, ptr(x), 1)).toBe(-1);
    const v = x[1];
    scal(4, 2, ptr(x), -1);
    expect(x[1]).toBe(v);
  });

  test("iamax: the first maximal entry; NaN skipped unless first", () => {
    const x = new Float64Array(9);
    x[3] = -2;
    x[6] = 2;
    expect(iamax(9, ptr(x), 1)).toBe(3);
    x[1] = NaN;
    expect(iamax(9, ptr(x), 1)).toBe(3);
    x[0] = NaN;
    expect(iamax(9, ptr(x), 1)).toBe(0);
  });
});

describe("nrm2", () => {
  test("matches sqrt(Σx²) on the shape grid, any stride sign", () => {
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      for (let a = 0; a < STRIDES.length; a++) {
        const inc = STRIDES[a];
        const x = fillPattern(max(1, n * abs(inc)), 7);
        let s: f64 = 0;
        for (let i = 0; i < n; i++) s += x[at(i, n, inc)] * x[at(i, n, inc)];
        const want = Math.sqrt(s);
        expect(Math.abs(nrm2(n, ptr(x), inc) - want)).toBeLessThanOrEqual(<f64>(n + 2) * EPS * want);
      }
    }
  });

  test("is exact under power-of-two scaling near the overflow and underflow thresholds", () => {
    // Scaling by 2^±e is exact, and so is dnrm2's internal scaling: nrm2(2^e·x) = 2^e·nrm2(x)
    // as long as the entries stay normal. 2^±995 ≈ 1e±300.
    for (let si = 0; si < SHAPES.length; si++) {
      const n = SHAPES[si];
      const x = fillPattern(n, 8);
      const base = nrm2(n, ptr(x), 1);
      const big = new Float64Array(n);
      const small = new Float64Array(n);
      const up = Math.pow(2, 995);
      const down = Math.pow(2, -995);
      for (let i = 0; i < n; i++) {
        big[i] = x[i] * up;
        small[i] = x[i] * down;
      }
      const nb = nrm2(n, ptr(big), 1);
      const ns = nrm2(n, ptr(small), 1);
      expect(isFinite(nb)).toBe(true);
      expect(Math.abs(nb / up - base)).toBeLessThanOrEqual(4 * EPS * base);
      expect(Math.abs(ns / down - base)).toBeLessThanOrEqual(4 * EPS * base);
    }
  });

  test("mixes scales, and NaN and Inf propagate", () => {
    const x = new Float64Array(6);
    x[0] = 3e300;
    x[1] = 1;
    x[2] = 4e300;
    x[3] = 1e-300;
    x[4] = -2;
    x[5] = 0;
    expect(Math.abs(nrm2(6, ptr(x), 1) / 5e300 - 1)).toBeLessThanOrEqual(4 * EPS);
    const y = new Float64Array(3);
    y[0] = 3e-300;
    y[1] = -4e-300;
    expect(Math.abs(nrm2(3, ptr(y), 1) / 5e-300 - 1)).toBeLessThanOrEqual(4 * EPS);
    y[2] = 1;
    expect(nrm2(3, ptr(y), 1)).toBe(1);
    x[5] = NaN;
    expect(isNaN(nrm2(6, ptr(x), 1))).toBe(true);
    x[5] = -Infinity;
    expect(nrm2(6, ptr(x), 1)).toBe(Infinity);
    expect(nrm2(0, ptr(x), 1)).toBe(0);
  });
});
