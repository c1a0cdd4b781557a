import { luFactor, luSolve, luSolveTransposed } from "../../../assembly/linalg/lu";
import { fillPattern, ptr } from "../helpers";

const DIMS: i32[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
const U: f64 = 1.1102230246251565e-16;

// Plain scalar Gaussian elimination with partial pivoting (Golub & Van Loan Algorithm 3.4.1),
// kij order, on an n×n copy; same pivot rule (first maximum), so pivots agree exactly.
function referenceLU(a: Float64Array, n: i32, ld: i32, piv: Int32Array): Float64Array {
  const w = new Float64Array(max(1, n * n));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[i * n + j] = a[i * ld + j];
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (abs(w[i * n + k]) > abs(w[p * n + k])) p = i;
    piv[k] = p;
    for (let j = 0; j < n; j++) {
      const t = w[k * n + j];
      w[k * n + j] = w[p * n + j];
      w[p * n + j] = t;
    }
    if (w[k * n + k] == 0) continue;
    for (let i = k + 1; i < n; i++) {
      const l = w[i * n + k] / w[k * n + k];
      w[i * n + k] = l;
      for (let j = k + 1; j < n; j++) w[i * n + j] -= l * w[k * n + j];
    }
  }
  return w;
}

describe("luFactor", () => {
  test("matches the scalar reference (factors and pivots), padding untouched", () => {
    for (let t = 0; t < DIMS.length; t++) {
      const n = DIMS[t];
      for (let pad = 0; pad < 2; pad++) {
        const ld = n + pad * 3;
        const a = fillPattern(max(1, n * ld), n + 13);
        for (let i = 0; i < n; i++) for (let j = n; j < ld; j++) a[i * ld + j] = 99;
        const refPiv = new Int32Array(max(1, n));
        const ref = referenceLU(a, n, ld, refPiv);
        const piv = new Int32Array(max(1, n));
        expect(luFactor(ptr(a), n, ld, ptr(piv))).toBe(0);
        let pivOk = true;
        for (let k = 0; k < n; k++) pivOk = pivOk && piv[k] == refPiv[k];
        expect(pivOk).toBe(true);
        let worst: f64 = 0;
        let padOk = true;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) worst = max(worst, abs(a[i * ld + j] - ref[i * n + j]));
          for (let j = n; j < ld; j++) padOk = padOk && a[i * ld + j] == 99.0;
        }
        // Same operations up to fused multiply-adds: agreement to the growth of rounding.
        expect(worst).toBeLessThanOrEqual(1e3 * U * <f64>(n + 1));
        expect(padOk).toBe(true);
      }
    }
  });

  test("returns k + 1 for the first exactly zero pivot column and completes", () => {
    // rows: [1, 2, 3], [2, 4, 6], [1, 1, 1]: column 1 has a pivot, column 2 does not.
    const a = new Float64Array(9);
    a[0] = 1; a[1] = 2; a[2] = 3;
    a[3] = 2; a[4] = 4; a[5] = 6;
    a[6] = 1; a[7] = 1; a[8] = 1;
    const piv = new Int32Array(3);
    expect(luFactor(ptr(a), 3, 3, ptr(piv))).toBe(3);
    const z = new Float64Array(4);
    expect(luFactor(ptr(z), 2, 2, ptr(piv))).toBe(1);
  });
});

describe("luFactor with a zero column past the first block", () => {
  test("reports it and still returns factors with P·A = L·U", () => {
    const n = 40;
    const a = fillPattern(n * n, 5);
    for (let i = 0; i < n; i++) a[i * n + 35] = 0;
    const orig = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) orig[i] = a[i];
    const piv = new Int32Array(n);
    expect(luFactor(ptr(a), n, n, ptr(piv))).toBe(36);
    // P·A: apply the recorded swaps in order to a copy of A
    for (let k = 0; k < n; k++) {
      const p = piv[k];
      for (let j = 0; j < n; j++) {
        const t = orig[k * n + j];
        orig[k * n + j] = orig[p * n + j];
        orig[p * n + j] = t;
      }
    }
    let worst: f64 = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s: f64 = 0;
        for (let l = 0; l <= min(i, j); l++) s += (l == i ? 1.0 : a[i * n + l]) * a[l * n + j];
        worst = max(worst, abs(s - orig[i * n + j]));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e3 * U);
  });
});

describe("luSolve / luSolveTransposed", () => {
  test("A·X = B (one and several right-hand sides, strided) and Aᵀ·x = b", () => {
    for (let t = 0; t < DIMS.length; t++) {
      const n = DIMS[t];
      const ld = n + 2;
      const a = fillPattern(max(1, n * ld), 3 * n + 1);
      for (let i = 0; i < n; i++) a[i * ld + i] += 2; // keep it comfortably non-singular
      const orig = new Float64Array(a.length);
      for (let i = 0; i < a.length; i++) orig[i] = a[i];
      const piv = new Int32Array(max(1, n));
      expect(luFactor(ptr(a), n, ld, ptr(piv))).toBe(0);
      const ps: i32[] = [1, 1, 2, 3, 4];
      for (let s = 0; s < ps.length; s++) {
        const p = ps[s];
        const ldb = s == 1 ? 3 : p;
        const b0 = fillPattern(max(1, n * ldb), s + 7 * n);
        const x = new Float64Array(b0.length);
        for (let i = 0; i < x.length; i++) x[i] = b0[i];
        luSolve(ptr(x), p, ldb, ptr(a), n, ld, ptr(piv));
        let worst: f64 = 0;
        let padOk = true;
        for (let i = 0; i < n; i++) {
          for (let q = 0; q < p; q++) {
            let r: f64 = 0;
            for (let j = 0; j < n; j++) r += orig[i * ld + j] * x[j * ldb + q];
            worst = max(worst, abs(r - b0[i * ldb + q]));
          }
          for (let q = p; q < ldb; q++) padOk = padOk && x[i * ldb + q] == b0[i * ldb + q];
        }
        // Backward-stable solve of a diagonally weighted, well-conditioned system.
        expect(worst).toBeLessThanOrEqual(1e-12 * <f64>(n + 1));
        expect(padOk).toBe(true);
      }
      const bt = fillPattern(max(1, n), n + 99);
      const xt = new Float64Array(bt.length);
      for (let i = 0; i < xt.length; i++) xt[i] = bt[i];
      luSolveTransposed(ptr(xt), ptr(a), n, ld, ptr(piv));
      let worstT: f64 = 0;
      for (let i = 0; i < n; i++) {
        let r: f64 = 0;
        for (let j = 0; j < n; j++) r += orig[j * ld + i] * xt[j];
        worstT = max(worstT, abs(r - bt[i]));
      }
      expect(worstT).toBeLessThanOrEqual(1e-12 * <f64>(n + 1));
    }
  });
});
