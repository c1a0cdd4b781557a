import { svd, svdValues, svdWorkspaceSize } from "../../../assembly/linalg/svd";
import { bidiagQR } from "../../../assembly/linalg/bidiag";
import { fillPattern, ptr } from "../helpers";

const SIZES: i32[] = [1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
const EPS: f64 = 2.220446049250313e-16;

// Plain scalar reference checks: ‖A − UΣVᵀ‖_F/‖A‖_F, ‖UᵀU − I‖_F, ‖VᵀV − I‖_F (bounded by
// 10·max(m, n)·ε: backward stable with a growth of order max(m, n)), σ descending ≥ 0, and the
// sign convention. a: m×n with leading dimension lda.
function checkSvd(m: i32, n: i32, a: Float64Array, lda: i32): void {
  const k = min(m, n);
  const u = new Float64Array(max(1, m * k));
  const s = new Float64Array(max(1, k));
  const v = new Float64Array(max(1, n * k));
  const work = new Float64Array(max(1, svdWorkspaceSize(m, n)));
  expect(svd(ptr(u), ptr(s), ptr(v), m, n, ptr(a), lda, ptr(work))).toBe(0);
  let res: f64 = 0;
  let anorm: f64 = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let x: f64 = 0;
      for (let l = 0; l < k; l++) x += u[i * k + l] * s[l] * v[j * k + l];
      const aij = a[i * lda + j];
      anorm += aij * aij;
      res += (x - aij) * (x - aij);
    }
  }
  let ou: f64 = 0;
  let ov: f64 = 0;
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      let x: f64 = p == q ? -1.0 : 0.0;
      let y: f64 = x;
      for (let i = 0; i < m; i++) x += u[i * k + p] * u[i * k + q];
      for (let i = 0; i < n; i++) y += v[i * k + p] * v[i * k + q];
      ou += x * x;
      ov += y * y;
    }
  }
  const tol = 10 * <f64>max(max(m, n), 1) * EPS;
  expect(Math.sqrt(res)).toBeLessThanOrEqual(tol * Math.sqrt(anorm));
  expect(Math.sqrt(ou)).toBeLessThanOrEqual(tol);
  expect(Math.sqrt(ov)).toBeLessThanOrEqual(tol);
  for (let j = 0; j < k; j++) {
    expect(s[j]).toBeGreaterThanOrEqual(0);
    if (j > 0) expect(s[j]).toBeLessThanOrEqual(s[j - 1]);
    let best: f64 = -1;
    let w: f64 = 0;
    for (let i = 0; i < m; i++) {
      if (Math.abs(u[i * k + j]) > best) {
        best = Math.abs(u[i * k + j]);
        w = u[i * k + j];
      }
    }
    expect(w).toBeGreaterThan(0);
  }
}

function pattern(m: i32, n: i32, lda: i32, salt: i32): Float64Array {
  const raw = fillPattern(m * n, salt);
  const a = new Float64Array(max(1, m * lda));
  for (let i = 0; i < m; i++) for (let j = 0; j < lda; j++) a[i * lda + j] = j < n ? raw[i * n + j] : 1e30;
  return a;
}

describe("svd", () => {
  test("residual, orthonormality, order and signs: square, tall, wide, strided", () => {
    for (let t = 0; t < SIZES.length; t++) {
      const n = SIZES[t];
      checkSvd(n, n, pattern(n, n, n, 3), n);
      checkSvd(2 * n + 1, n, pattern(2 * n + 1, n, n, 4), n);
      checkSvd(n, 2 * n + 1, pattern(n, 2 * n + 1, 2 * n + 1, 5), 2 * n + 1);
      checkSvd(n + 2, n, pattern(n + 2, n, n + 3, 6), n + 3);
    }
  });

  test("rank-deficient (rank 1) and zero matrices", () => {
    for (let t = 0; t < SIZES.length; t++) {
      const n = SIZES[t];
      const m = n + 3;
      const x = fillPattern(m, 7);
      const y = fillPattern(n, 8);
      const a = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[i * n + j] = x[i] * y[j];
      checkSvd(m, n, a, n);
      checkSvd(n, m, new Float64Array(m * n), m);
    }
  });

  test("empty matrices do nothing and succeed", () => {
    const a = new Float64Array(4);
    const out = new Float64Array(4);
    expect(svd(ptr(out), ptr(out), ptr(out), 0, 3, ptr(a), 3, ptr(out))).toBe(0);
    expect(svd(ptr(out), ptr(out), ptr(out), 3, 0, ptr(a), 0, ptr(out))).toBe(0);
  });

  test("svdValues gives exactly svd's singular values (same recurrences, no vectors)", () => {
    for (let t = 0; t < SIZES.length; t++) {
      const n = SIZES[t];
      const m = 2 * n + 1;
      for (let wide = 0; wide < 2; wide++) {
        const rows = wide ? n : m;
        const cols = wide ? m : n;
        const a = pattern(rows, cols, cols, 13);
        const u = new Float64Array(rows * n);
        const s = new Float64Array(n);
        const v = new Float64Array(cols * n);
        const only = new Float64Array(n);
        const work = new Float64Array(svdWorkspaceSize(rows, cols));
        expect(svd(ptr(u), ptr(s), ptr(v), rows, cols, ptr(a), cols, ptr(work))).toBe(0);
        expect(svdValues(ptr(only), rows, cols, ptr(a), cols, ptr(work))).toBe(0);
        let same = 0;
        for (let i = 0; i < n; i++) if (s[i] == only[i]) same++;
        expect(same).toBe(n);
      }
    }
  });
});

describe("bidiagQR iteration cap", () => {
  test("a NaN in the bidiagonal matrix ends at the cap with a nonzero status, not a hang", () => {
    const n = 5;
    const m = 7;
    const s = new Float64Array(n);
    const e = new Float64Array(n);
    const uT = new Float64Array(n * m);
    const vT = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      s[i] = <f64>(i + 1);
      e[i] = i < n - 1 ? 0.5 : 0.0;
    }
    e[1] = NaN;
    expect(bidiagQR(m, n, ptr(s), ptr(e), ptr(uT), ptr(vT))).toBeGreaterThan(0);
  });

  test("svd reports non-finite input with status k + 1", () => {
    const a = new Float64Array(6);
    a[3] = NaN;
    const u = new Float64Array(6);
    const s = new Float64Array(2);
    const v = new Float64Array(4);
    const work = new Float64Array(svdWorkspaceSize(3, 2));
    expect(svd(ptr(u), ptr(s), ptr(v), 3, 2, ptr(a), 2, ptr(work))).toBe(3);
  });
});
