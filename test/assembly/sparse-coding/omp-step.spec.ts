import { ompStep } from "../../../assembly/sparse-coding/omp-step";
import { fillPattern, ptr } from "../helpers";
import { correlate, dictionary, gramOf } from "./fixtures";

// Least squares on a support by the normal equations (Gaussian elimination with partial
// pivoting on G[I, I] c = b[I]): the plain reference for OMP's coefficients.
function leastSquaresOn(gram: Float64Array, k: i32, b: Float64Array, bo: i32, support: Int32Array, m: i32): Float64Array {
  const M = new Float64Array(m * (m + 1));
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) M[i * (m + 1) + j] = gram[support[i] * k + support[j]];
    M[i * (m + 1) + m] = b[bo + support[i]];
  }
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let i = c + 1; i < m; i++) if (Math.abs(M[i * (m + 1) + c]) > Math.abs(M[p * (m + 1) + c])) p = i;
    for (let j = 0; j <= m; j++) {
      const t = M[c * (m + 1) + j];
      M[c * (m + 1) + j] = M[p * (m + 1) + j];
      M[p * (m + 1) + j] = t;
    }
    for (let i = c + 1; i < m; i++) {
      const f = M[i * (m + 1) + c] / M[c * (m + 1) + c];
      for (let j = c; j <= m; j++) M[i * (m + 1) + j] -= f * M[c * (m + 1) + j];
    }
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = M[i * (m + 1) + m];
    for (let j = i + 1; j < m; j++) s -= M[i * (m + 1) + j] * x[j];
    x[i] = s / M[i * (m + 1) + i];
  }
  return x;
}

class Rows {
  b: Float64Array;
  yy: Float64Array;
  alpha: Float64Array;
  coef: Float64Array;
  support: Int32Array;
  chol: Float64Array;
  count: Int32Array;
  residual: Float64Array;
  status: Int32Array;
  constructor(public rows: i32, public k: i32, public s: i32) {
    this.b = new Float64Array(rows * k);
    this.yy = new Float64Array(rows);
    this.alpha = new Float64Array(rows * k);
    this.coef = new Float64Array(rows * s);
    this.support = new Int32Array(rows * s);
    this.chol = new Float64Array(rows * s * s);
    this.count = new Int32Array(rows);
    this.residual = new Float64Array(rows);
    this.status = new Int32Array(rows);
  }
  step(gram: Float64Array, tolerance: f64): void {
    ompStep(this.rows, this.k, this.s, ptr(gram), ptr(this.b), ptr(this.yy), tolerance, ptr(this.alpha), ptr(this.coef),
      ptr(this.support), ptr(this.chol), ptr(this.count), ptr(this.residual), ptr(this.status));
  }
}

/** Rows of b = Aᵀy and ‖y‖² for signals y = fillPattern, OMP state at its start. */
function start(a: Float64Array, n: i32, k: i32, rows: i32, s: i32, salt: i32): Rows {
  const st = new Rows(rows, k, s);
  const y = fillPattern(rows * n, salt);
  for (let r = 0; r < rows; r++) {
    const br = correlate(a, n, k, y, r * n);
    let yy: f64 = 0;
    for (let t = 0; t < n; t++) yy += y[r * n + t] * y[r * n + t];
    st.yy[r] = yy;
    st.residual[r] = yy;
    for (let i = 0; i < k; i++) {
      st.b[r * k + i] = br[i];
      st.alpha[r * k + i] = br[i];
    }
  }
  return st;
}

describe("ompStep", () => {
  test("each step picks the most correlated unselected atom and refits by least squares on the support", () => {
    const n = 16;
    const k = 24;
    const s = 6;
    const a = dictionary(n, k, 90);
    const gram = gramOf(a, n, k);
    const rows = 3;
    const st = start(a, n, k, rows, s, 91);
    for (let step = 1; step <= s; step++) {
      // The atom the reference picks: largest α²/Gⱼⱼ over unselected atoms, α from the last step.
      const want = new Int32Array(rows);
      for (let r = 0; r < rows; r++) {
        let best = -1;
        let score: f64 = 0;
        for (let j = 0; j < k; j++) {
          let used = false;
          for (let t = 0; t < step - 1; t++) if (st.support[r * s + t] == j) used = true;
          const v = (st.alpha[r * k + j] * st.alpha[r * k + j]) / gram[j * k + j];
          if (!used && v > score) {
            score = v;
            best = j;
          }
        }
        want[r] = best;
      }
      st.step(gram, 0);
      for (let r = 0; r < rows; r++) {
        expect(st.count[r]).toBe(step);
        expect(st.support[r * s + step - 1]).toBe(want[r]);
        expect(st.status[r]).toBe(step == s ? 1 : 0);
        const sup = new Int32Array(step);
        for (let t = 0; t < step; t++) sup[t] = st.support[r * s + t];
        const c = leastSquaresOn(gram, k, st.b, r * k, sup, step);
        let fit: f64 = 0;
        for (let t = 0; t < step; t++) {
          expect(Math.abs(st.coef[r * s + t] - c[t])).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(c[t])));
          fit += c[t] * st.b[r * k + sup[t]];
        }
        expect(Math.abs(st.residual[r] - (st.yy[r] - fit))).toBeLessThanOrEqual(1e-12 * st.yy[r]);
        // α = Aᵀr = b − G[:, I]c, zero on the support.
        for (let j = 0; j < k; j++) {
          let aj = st.b[r * k + j];
          for (let t = 0; t < step; t++) aj -= gram[j * k + sup[t]] * c[t];
          let onSupport = false;
          for (let t = 0; t < step; t++) if (sup[t] == j) onSupport = true;
          if (onSupport) expect(st.alpha[r * k + j]).toBe(0.0);
          else expect(Math.abs(st.alpha[r * k + j] - aj)).toBeLessThanOrEqual(1e-10);
        }
      }
    }
  });

  test("stops at the residual target, and at a zero or dependent correlation", () => {
    const n = 8;
    const k = 10;
    const a = dictionary(n, k, 7);
    // Atom 9 is a copy of atom 3: once 3 is selected, 9 is in the span (d = 0).
    for (let t = 0; t < n; t++) a[t * k + 9] = a[t * k + 3];
    const gram = gramOf(a, n, k);
    // A generous target: met after the first step.
    const st = start(a, n, k, 1, 4, 8);
    st.step(gram, st.yy[0]);
    expect(st.status[0]).toBe(2);
    // y = atom 3 exactly: one step picks 3 or 9 (equal scores → the first, 3) and leaves r ≈ 0 ...
    const one = new Rows(1, k, 4);
    const y = new Float64Array(n);
    for (let t = 0; t < n; t++) y[t] = a[t * k + 3];
    const b = correlate(a, n, k, y, 0);
    let yy: f64 = 0;
    for (let t = 0; t < n; t++) yy += y[t] * y[t];
    one.yy[0] = yy;
    one.residual[0] = yy;
    for (let i = 0; i < k; i++) {
      one.b[i] = b[i];
      one.alpha[i] = b[i];
    }
    one.step(gram, 0);
    expect(one.support[0]).toBe(3);
    expect(Math.abs(one.coef[0] - 1)).toBeLessThanOrEqual(1e-12);
    // ... and if α is then still nonzero only at the copy 9, the step finds it dependent.
    for (let i = 0; i < k; i++) one.alpha[i] = i == 9 ? 1.0 : 0.0;
    one.step(gram, 0);
    expect(one.status[0]).toBe(3);
    expect(one.count[0]).toBe(1);
    // All correlations zero: nothing to add.
    const zero = new Rows(1, k, 4);
    zero.yy[0] = 1;
    zero.residual[0] = 1;
    zero.step(gram, 0);
    expect(zero.status[0]).toBe(3);
    expect(zero.count[0]).toBe(0);
  });
});
