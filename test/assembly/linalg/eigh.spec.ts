import { eigh, eighValues, eighWorkspaceSize } from "../../../assembly/linalg/eigh";
import { tql2 } from "../../../assembly/linalg/tridiag";
import { fillPattern, ptr } from "../helpers";

// The brief's grid of orders around the f64x2 width and the 4-wide unrolls.
const ORDERS: i32[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
const EPS: f64 = 2.220446049250313e-16;

// A symmetric n×n matrix with leading dimension lda; the strict upper triangle holds garbage
// (1e30) that the kernel must never read.
function lowerPattern(n: i32, lda: i32, salt: i32): Float64Array {
  const raw = fillPattern(n * n, salt);
  const a = new Float64Array(max(1, n * lda));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < lda; j++) a[i * lda + j] = j <= i && j < n ? raw[i * n + j] : 1e30;
  }
  return a;
}

// Plain scalar reference checks: ‖A·V − V·Λ‖_F / ‖A‖_F and ‖VᵀV − I‖_F, with A from the lower
// triangle; backward stability gives ≈ ε‖A‖ times a growth of order n, so the bound is 10nε.
function checkEigh(n: i32, a: Float64Array, lda: i32): void {
  const values = new Float64Array(max(1, n));
  const vectors = new Float64Array(max(1, n * n));
  const work = new Float64Array(max(1, eighWorkspaceSize(n)));
  const info = eigh(ptr(values), ptr(vectors), n, ptr(a), lda, ptr(work));
  expect(info).toBe(0);
  let res: f64 = 0;
  let orth: f64 = 0;
  let anorm: f64 = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const aij = j <= i ? a[i * lda + j] : a[j * lda + i];
      anorm += aij * aij;
      let av: f64 = 0;
      let vv: f64 = 0;
      for (let k = 0; k < n; k++) {
        const aik = k <= i ? a[i * lda + k] : a[k * lda + i];
        av += aik * vectors[k * n + j];
        vv += vectors[k * n + i] * vectors[k * n + j];
      }
      const r = av - vectors[i * n + j] * values[j];
      res += r * r;
      const o = vv - (i == j ? 1.0 : 0.0);
      orth += o * o;
    }
  }
  const tol = 10 * <f64>max(n, 1) * EPS;
  expect(Math.sqrt(res)).toBeLessThanOrEqual(tol * Math.sqrt(anorm));
  expect(Math.sqrt(orth)).toBeLessThanOrEqual(tol);
  for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
  // Sign convention: the first largest-magnitude entry of each column is positive.
  for (let j = 0; j < n; j++) {
    let best: f64 = -1;
    let v: f64 = 0;
    for (let i = 0; i < n; i++) {
      if (Math.abs(vectors[i * n + j]) > best) {
        best = Math.abs(vectors[i * n + j]);
        v = vectors[i * n + j];
      }
    }
    expect(v).toBeGreaterThan(0);
  }
}

describe("eigh", () => {
  test("residual, orthogonality, order and signs on the order grid, contiguous and strided", () => {
    for (let t = 0; t < ORDERS.length; t++) {
      const n = ORDERS[t];
      checkEigh(n, lowerPattern(n, n, 1), n);
      checkEigh(n, lowerPattern(n, n + 3, 2), n + 3);
    }
  });

  test("1-D Laplacian: λ_k = 2 − 2cos(kπ/(n+1))", () => {
    for (let t = 1; t < ORDERS.length; t++) {
      const n = ORDERS[t];
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 2;
        if (i > 0) a[i * n + i - 1] = -1;
      }
      checkEigh(n, a, n);
      const values = new Float64Array(n);
      const vectors = new Float64Array(n * n);
      const work = new Float64Array(eighWorkspaceSize(n));
      eigh(ptr(values), ptr(vectors), n, ptr(a), n, ptr(work));
      for (let k = 1; k <= n; k++) {
        const want = 2 - 2 * Math.cos((<f64>k * Math.PI) / <f64>(n + 1));
        expect(Math.abs(values[k - 1] - want)).toBeLessThanOrEqual(40 * <f64>n * EPS);
      }
    }
  });

  test("zero and diagonal matrices", () => {
    for (let t = 1; t < ORDERS.length; t++) {
      const n = ORDERS[t];
      checkEigh(n, new Float64Array(n * n), n);
      const d = new Float64Array(n * n);
      for (let i = 0; i < n; i++) d[i * n + i] = <f64>((i * 7) % 5) - 2;
      checkEigh(n, d, n);
    }
  });

  test("eighValues gives exactly eigh's eigenvalues (same recurrences, no vectors)", () => {
    for (let t = 0; t < ORDERS.length; t++) {
      const n = ORDERS[t];
      const a = lowerPattern(n, n + 1, 12);
      const values = new Float64Array(max(1, n));
      const vectors = new Float64Array(max(1, n * n));
      const only = new Float64Array(max(1, n));
      const work = new Float64Array(max(1, eighWorkspaceSize(n)));
      expect(eigh(ptr(values), ptr(vectors), n, ptr(a), n + 1, ptr(work))).toBe(0);
      expect(eighValues(ptr(only), n, ptr(a), n + 1, ptr(work))).toBe(0);
      let same = 0;
      for (let i = 0; i < n; i++) if (values[i] == only[i]) same++;
      expect(same).toBe(n);
    }
  });
});

describe("tql2 iteration cap", () => {
  test("a NaN in the tridiagonal matrix ends at the cap with a nonzero status, not a hang", () => {
    const n = 6;
    const d = new Float64Array(n);
    const e = new Float64Array(n);
    const cs = new Float64Array(n);
    const sn = new Float64Array(n);
    const w = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      d[i] = <f64>i;
      e[i] = i < n - 1 ? 1.0 : 0.0;
      w[i * n + i] = 1;
    }
    e[2] = NaN;
    expect(tql2(n, ptr(d), ptr(e), ptr(w), ptr(cs), ptr(sn))).toBeGreaterThan(0);
    expect(tql2(n, ptr(d), ptr(e), 0, ptr(cs), ptr(sn))).toBeGreaterThan(0);
  });

  test("eigh reports non-finite input with status n + 1", () => {
    const n = 3;
    const a = new Float64Array(n * n);
    a[4] = Infinity;
    const values = new Float64Array(n);
    const vectors = new Float64Array(n * n);
    const work = new Float64Array(eighWorkspaceSize(n));
    expect(eigh(ptr(values), ptr(vectors), n, ptr(a), n, ptr(work))).toBe(n + 1);
  });
});
