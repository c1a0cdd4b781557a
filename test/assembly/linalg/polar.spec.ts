import { polar, polarWorkspaceSize } from "../../../assembly/linalg/polar";
import { fillPattern, ptr } from "../helpers";

const SIZES: i32[] = [1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
const EPS: f64 = 2.220446049250313e-16;

// Plain scalar reference checks of A = Q·H: ‖A − QH‖_F/‖A‖_F, orthonormal columns (m ≥ n) or rows
// (m < n) of Q, H exactly symmetric with a nonnegative diagonal (PSD's necessary condition),
// bounded by 10·max(m, n)·ε (backward-stable SVD).
function checkPolar(m: i32, n: i32, a: Float64Array): void {
  const q = new Float64Array(max(1, m * n));
  const h = new Float64Array(max(1, n * n));
  const work = new Float64Array(max(1, polarWorkspaceSize(m, n)));
  expect(polar(ptr(q), ptr(h), m, n, ptr(a), n, ptr(work))).toBe(0);
  let res: f64 = 0;
  let anorm: f64 = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let x: f64 = 0;
      for (let l = 0; l < n; l++) x += q[i * n + l] * h[l * n + j];
      anorm += a[i * n + j] * a[i * n + j];
      res += (x - a[i * n + j]) * (x - a[i * n + j]);
    }
  }
  let orth: f64 = 0;
  const k = min(m, n);
  for (let p = 0; p < k; p++) {
    for (let r = 0; r < k; r++) {
      let x: f64 = p == r ? -1.0 : 0.0;
      if (m >= n) for (let i = 0; i < m; i++) x += q[i * n + p] * q[i * n + r];
      else for (let j = 0; j < n; j++) x += q[p * n + j] * q[r * n + j];
      orth += x * x;
    }
  }
  const tol = 10 * <f64>max(max(m, n), 1) * EPS;
  expect(Math.sqrt(res)).toBeLessThanOrEqual(tol * Math.sqrt(anorm));
  expect(Math.sqrt(orth)).toBeLessThanOrEqual(tol);
  let bad = 0; // counted, not one expect per entry: as-pect's expect is slow in a loop
  for (let i = 0; i < n; i++) {
    if (!(h[i * n + i] >= 0)) bad++;
    for (let j = 0; j < i; j++) if (h[i * n + j] != h[j * n + i]) bad++;
  }
  expect(bad).toBe(0);
}

describe("polar", () => {
  test("A = QH with orthonormal Q and symmetric H: square, tall, wide", () => {
    for (let t = 0; t < SIZES.length; t++) {
      const n = SIZES[t];
      checkPolar(n, n, fillPattern(n * n, 9));
      checkPolar(2 * n + 1, n, fillPattern((2 * n + 1) * n, 10));
      checkPolar(n, 2 * n + 1, fillPattern((2 * n + 1) * n, 11));
    }
  });

  test("an orthogonal matrix (a rotation) is its own polar factor", () => {
    const n = 5;
    const a = new Float64Array(n * n);
    const c = Math.cos(0.7);
    const s = Math.sin(0.7);
    for (let i = 0; i < n; i++) a[i * n + i] = 1;
    a[0] = c;
    a[1] = -s;
    a[n] = s;
    a[n + 1] = c;
    const q = new Float64Array(n * n);
    const work = new Float64Array(polarWorkspaceSize(n, n));
    expect(polar(ptr(q), 0, n, n, ptr(a), n, ptr(work))).toBe(0);
    for (let i = 0; i < n * n; i++) expect(Math.abs(q[i] - a[i])).toBeLessThanOrEqual(10 * <f64>n * EPS);
  });
});
