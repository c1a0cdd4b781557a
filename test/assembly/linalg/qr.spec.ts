import { qrApplyQ, qrApplyQt, qrFactor, qrFormQ, qrSolveR } from "../../../assembly/linalg/qr";
import { fillPattern, ptr } from "../helpers";
import { DIMS, U, factorizationResidual, frob, orthogonalityError, referenceHouseholderStep, tol } from "./qr-reference";

// Plain scalar Householder QR on a column-major copy, returning R (k×n, column-major with
// stride k) with a non-negative diagonal.
function referenceR(a: Float64Array, m: i32, n: i32): Float64Array {
  const w = new Float64Array(m * n);
  for (let i = 0; i < m * n; i++) w[i] = a[i];
  const k = min(m, n);
  for (let j = 0; j < k; j++) referenceHouseholderStep(w, m, n, j);
  const r = new Float64Array(k * n);
  for (let c = 0; c < n; c++) for (let i = 0; i <= min(c, k - 1); i++) r[c * k + i] = w[c * m + i];
  return r;
}

describe("qrFactor / qrFormQ", () => {
  test("A = QR, QᵀQ = I, R upper with non-negative diagonal, R matches the scalar reference", () => {
    for (let a = 0; a < DIMS.length; a++) {
      for (let b = 0; b < DIMS.length; b++) {
        const m = DIMS[a];
        const n = DIMS[b];
        const k = min(m, n);
        const orig = fillPattern(m * n, 7 * m + n);
        const f = new Float64Array(max(1, m * n));
        for (let i = 0; i < m * n; i++) f[i] = orig[i];
        const tau = new Float64Array(max(1, k));
        qrFactor(ptr(f), m, n, ptr(tau));
        const q = new Float64Array(max(1, m * k));
        qrFormQ(ptr(q), ptr(f), m, n, ptr(tau));
        // R from the factored form and the reference
        const ref = referenceR(orig, m, n);
        let maxDiff: f64 = 0;
        let diagOk = true;
        for (let c = 0; c < n; c++) {
          for (let i = 0; i <= min(c, k - 1); i++) maxDiff = max(maxDiff, abs(f[c * m + i] - ref[c * k + i]));
          if (c < k) diagOk = diagOk && f[c * m + c] >= 0;
        }
        expect(diagOk).toBe(true);
        const scale = frob(orig) + 1;
        // R is well conditioned here (pattern matrices), so both agree to a few hundred u.
        expect(maxDiff).toBeLessThanOrEqual(1e3 * U * scale);
        // ‖A − QR‖ and ‖QᵀQ − I‖
        expect(factorizationResidual(orig, q, f, m, n, null)).toBeLessThanOrEqual(tol(m, n) * scale);
        expect(orthogonalityError(q, m, k)).toBeLessThanOrEqual(tol(m, n));
      }
    }
  });
});

describe("qrApplyQt / qrApplyQ / qrSolveR", () => {
  test("match products with the formed Q and the triangular solve, strided columns", () => {
    for (let a = 0; a < DIMS.length; a++) {
      for (let b = 0; b < DIMS.length; b++) {
        const m = DIMS[a];
        const n = DIMS[b];
        const k = min(m, n);
        const p = 7; // 4 + 2 + 1 columns: every path of the column blocking
        const ldc = m + 2;
        const f = fillPattern(max(1, m * n), 11 * m + n + 1);
        // keep the diagonal of R away from zero: add m to the diagonal of A
        for (let j = 0; j < k; j++) f[j * m + j] += <f64>m;
        const tau = new Float64Array(max(1, k));
        qrFactor(ptr(f), m, n, ptr(tau));
        const q = new Float64Array(max(1, m * k));
        qrFormQ(ptr(q), ptr(f), m, n, ptr(tau));
        const c0 = fillPattern(max(1, ldc * p), m + 3);
        const c = new Float64Array(c0.length);
        for (let i = 0; i < c.length; i++) c[i] = c0[i];
        qrApplyQt(ptr(c), ldc, p, ptr(f), m, n, ptr(tau));
        // the first k entries of QᵀC equal Q(:, 0:k)ᵀ·C; padding rows untouched
        let worst: f64 = 0;
        let padOk = true;
        for (let col = 0; col < p; col++) {
          for (let i = 0; i < k; i++) {
            let s: f64 = 0;
            for (let r = 0; r < m; r++) s += q[i * m + r] * c0[col * ldc + r];
            worst = max(worst, abs(c[col * ldc + i] - s));
          }
          for (let r = m; r < ldc; r++) padOk = padOk && c[col * ldc + r] == c0[col * ldc + r];
        }
        // |entries of C| ≤ 1 and ‖column‖ ≤ √m: products with Q are accurate to ~(m + n)·u·√m.
        expect(worst).toBeLessThanOrEqual(tol(m, n) * 4);
        expect(padOk).toBe(true);
        // Q·(QᵀC) = C
        qrApplyQ(ptr(c), ldc, p, ptr(f), m, n, ptr(tau));
        let back: f64 = 0;
        for (let i = 0; i < c.length; i++) back = max(back, abs(c[i] - c0[i]));
        expect(back).toBeLessThanOrEqual(tol(m, n) * 4);
        // R·X = C on the leading n×n block (m ≥ n)
        if (m >= n) {
          const x = new Float64Array(c0.length);
          for (let i = 0; i < x.length; i++) x[i] = c0[i];
          expect(qrSolveR(ptr(x), ldc, p, ptr(f), m, n)).toBe(0);
          let res: f64 = 0;
          for (let col = 0; col < p; col++) {
            for (let i = 0; i < n; i++) {
              let s: f64 = 0;
              for (let j = i; j < n; j++) s += f[j * m + i] * x[col * ldc + j];
              res = max(res, abs(s - c0[col * ldc + i]));
            }
          }
          // R is diagonally dominant here (A's diagonal shifted by m): back substitution residual.
          expect(res).toBeLessThanOrEqual(1e-12);
        }
      }
    }
  });

  test("a zero diagonal in R is reported and leaves C untouched", () => {
    // A = [[1, 1], [0, 0], [0, 0]] column-major: column 1 = column 0, so R[1][1] = 0.
    const f = new Float64Array(6);
    f[0] = 1;
    f[3] = 1;
    const tau = new Float64Array(2);
    qrFactor(ptr(f), 3, 2, ptr(tau));
    const c = new Float64Array(3);
    c[0] = 5;
    expect(qrSolveR(ptr(c), 3, 1, ptr(f), 3, 2)).toBe(2);
    expect(c[0]).toBe(5);
  });

  test("negative head, zero tail: τ = 2 flips the sign so R's diagonal is positive", () => {
    const f = new Float64Array(4);
    f[0] = -3;
    f[2] = 1;
    f[3] = 2;
    const tau = new Float64Array(2);
    qrFactor(ptr(f), 2, 2, ptr(tau));
    expect(f[0]).toBe(3);
    expect(tau[0]).toBe(2);
    expect(f[2]).toBe(-1);
    expect(f[3]).toBe(2);
  });
});
