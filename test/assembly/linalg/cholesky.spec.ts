import { choleskyFactor, choleskySolve } from "../../../assembly/linalg/cholesky";
import { fillPattern, ptr } from "../helpers";

const DIMS: i32[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
const U: f64 = 1.1102230246251565e-16;

// SPD test matrix G·Gᵀ + n·I (n×n row-major with row stride ld ≥ n; padding filled with 99).
function spd(n: i32, ld: i32, salt: i32): Float64Array {
  const g = fillPattern(n * n, salt);
  const a = new Float64Array(max(1, n * ld));
  a.fill(99);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s: f64 = i == j ? <f64>n : 0;
      for (let k = 0; k < n; k++) s += g[i * n + k] * g[j * n + k];
      a[i * ld + j] = s;
    }
  }
  return a;
}

// Plain scalar right-looking (outer-product) Cholesky, Golub & Van Loan Algorithm 4.2.2.
function referenceL(a: Float64Array, n: i32, ld: i32): Float64Array {
  const l = new Float64Array(max(1, n * n));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) l[i * n + j] = a[i * ld + j];
  for (let k = 0; k < n; k++) {
    l[k * n + k] = Math.sqrt(l[k * n + k]);
    for (let i = k + 1; i < n; i++) l[i * n + k] /= l[k * n + k];
    for (let j = k + 1; j < n; j++) for (let i = j; i < n; i++) l[i * n + j] -= l[i * n + k] * l[j * n + k];
  }
  return l;
}

describe("choleskyFactor", () => {
  test("matches the scalar reference, strict upper triangle zeroed, padding untouched", () => {
    for (let t = 0; t < DIMS.length; t++) {
      const n = DIMS[t];
      for (let pad = 0; pad < 2; pad++) {
        const ld = n + pad * 3;
        const a = spd(n, ld, n + 1);
        const ref = referenceL(a, n, ld);
        expect(choleskyFactor(ptr(a), n, ld)).toBe(0);
        let worst: f64 = 0;
        let upperZero = true;
        let padOk = true;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const got = a[i * ld + j];
            if (j > i) upperZero = upperZero && got == 0;
            else worst = max(worst, abs(got - ref[i * n + j]));
          }
          for (let j = n; j < ld; j++) padOk = padOk && a[i * ld + j] == 99.0;
        }
        // cond(GGᵀ + nI) is small, so L is accurate to a few ulps times n.
        expect(worst).toBeLessThanOrEqual(16.0 * <f64>(n + 1) * U * Math.sqrt(<f64>n + 1));
        expect(upperZero).toBe(true);
        expect(padOk).toBe(true);
      }
    }
  });

  test("returns i + 1 at the first non-positive pivot", () => {
    const a = new Float64Array(9);
    // [[4, ., .], [2, 1, .], [0, 0, 1]]: pivot 1 is 1 − (2/2)² = 0
    a[0] = 4;
    a[3] = 2;
    a[4] = 1;
    a[8] = 1;
    expect(choleskyFactor(ptr(a), 3, 3)).toBe(2);
    const b = new Float64Array(1);
    b[0] = -1;
    expect(choleskyFactor(ptr(b), 1, 1)).toBe(1);
    const c = new Float64Array(1);
    c[0] = NaN;
    expect(choleskyFactor(ptr(c), 1, 1)).toBe(1);
  });
});

describe("choleskySolve", () => {
  test("L·Lᵀ·X = B for one contiguous and several strided right-hand sides", () => {
    for (let t = 0; t < DIMS.length; t++) {
      const n = DIMS[t];
      const ld = n + 1;
      const a = spd(n, ld, 2 * n + 5);
      const orig = new Float64Array(a.length);
      for (let i = 0; i < a.length; i++) orig[i] = a[i];
      expect(choleskyFactor(ptr(a), n, ld)).toBe(0);
      const ps: i32[] = [1, 1, 2, 3, 5];
      for (let s = 0; s < ps.length; s++) {
        const p = ps[s];
        const ldb = s == 1 ? 2 : p; // s = 1: one right-hand side with a stride (general path)
        const b0 = fillPattern(max(1, n * ldb), s + n);
        const x = new Float64Array(b0.length);
        for (let i = 0; i < x.length; i++) x[i] = b0[i];
        choleskySolve(ptr(x), p, ldb, ptr(a), n, ld);
        let worst: f64 = 0;
        let padOk = true;
        for (let i = 0; i < n; i++) {
          for (let q = 0; q < p; q++) {
            let r: f64 = 0;
            for (let j = 0; j < n; j++) {
              const aij = j <= i ? orig[i * ld + j] : orig[j * ld + i];
              r += aij * x[j * ldb + q];
            }
            worst = max(worst, abs(r - b0[i * ldb + q]));
          }
          for (let q = p; q < ldb; q++) padOk = padOk && x[i * ldb + q] == b0[i * ldb + q];
        }
        // Backward-stable solves with a well-conditioned A (‖A‖ ≈ 2n): residual ≲ n·u·‖A‖‖X‖.
        expect(worst).toBeLessThanOrEqual(1e-12 * <f64>(n + 1));
        expect(padOk).toBe(true);
      }
    }
  });
});
