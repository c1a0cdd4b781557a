import { qrFormQ } from "../../../assembly/linalg/qr";
import { qrPivotFactor } from "../../../assembly/linalg/qr-pivoted";
import { qrPivotRank } from "../../../assembly/linalg/rank";
import { rzApplyZt, rzFactor } from "../../../assembly/linalg/rz";
import { fillPattern, ptr } from "../helpers";
import { DIMS, U, factorizationResidual, frob, orthogonalityError, referenceHouseholderStep, tol } from "./qr-reference";

// Plain scalar Householder QR with column pivoting (Golub & Van Loan Algorithm 5.4.1) on a
// column-major copy: column norms recomputed exactly at every step (no downdating), same pivot
// rule (largest remaining norm, the first on ties). Returns the permutation.
function referencePivots(a: Float64Array, m: i32, n: i32): Int32Array {
  const w = new Float64Array(max(1, m * n));
  for (let i = 0; i < m * n; i++) w[i] = a[i];
  const perm = new Int32Array(max(1, n));
  for (let j = 0; j < n; j++) perm[j] = j;
  const k = min(m, n);
  for (let j = 0; j < k; j++) {
    let p = j;
    let best: f64 = -1;
    for (let l = j; l < n; l++) {
      let s: f64 = 0;
      for (let i = j; i < m; i++) s += w[l * m + i] * w[l * m + i];
      if (s > best) {
        best = s;
        p = l;
      }
    }
    for (let i = 0; i < m; i++) {
      const t = w[p * m + i];
      w[p * m + i] = w[j * m + i];
      w[j * m + i] = t;
    }
    const tp = perm[p];
    perm[p] = perm[j];
    perm[j] = tp;
    referenceHouseholderStep(w, m, n, j);
  }
  return perm;
}

// A generic m×n pattern matrix whose columns have clearly different norms (so pivots never tie).
function pattern(m: i32, n: i32, salt: i32): Float64Array {
  const a = fillPattern(max(1, m * n), salt);
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) a[j * m + i] *= 1.0 + 0.37 * <f64>((j * 5) % 11);
  return a;
}

// The rank-r m×n product G·H of pattern factors (column-major), exact rank r.
function product(m: i32, n: i32, r: i32, salt: i32): Float64Array {
  const g = fillPattern(max(1, m * r), salt);
  const h = fillPattern(max(1, r * n), salt + 1);
  const a = new Float64Array(max(1, m * n));
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      let s: f64 = 0;
      for (let l = 0; l < r; l++) s += g[l * m + i] * h[j * r + l];
      a[j * m + i] = s;
    }
  }
  return a;
}

describe("qrPivotFactor", () => {
  test("A·P = Q·R with |R₀₀| ≥ |R₁₁| ≥ …, the reference's pivots, and QᵀQ = I", () => {
    for (let a = 0; a < DIMS.length; a++) {
      for (let b = 0; b < DIMS.length; b++) {
        const m = DIMS[a];
        const n = DIMS[b];
        const k = min(m, n);
        const orig = pattern(m, n, 5 * m + n);
        const f = new Float64Array(max(1, m * n));
        for (let i = 0; i < m * n; i++) f[i] = orig[i];
        const tau = new Float64Array(max(1, k));
        const jpvt = new Int32Array(max(1, n));
        const work = new Float64Array(max(1, 2 * n));
        qrPivotFactor(ptr(f), m, n, ptr(tau), ptr(jpvt), ptr(work));
        const ref = referencePivots(orig, m, n);
        let sameP = true;
        for (let j = 0; j < n; j++) sameP = sameP && jpvt[j] == ref[j];
        expect(sameP).toBe(true);
        // Non-negative, non-increasing diagonal; each |Rⱼⱼ| bounds the norm of every later column of R(j:, j:).
        let ordered = true;
        for (let j = 0; j < k; j++) {
          const d = f[j * m + j];
          ordered = ordered && d >= 0 && (j == 0 || d <= f[(j - 1) * m + j - 1] * (1 + 1e-12));
          for (let l = j + 1; l < n; l++) {
            let s: f64 = 0;
            for (let i = j; i <= min(l, k - 1); i++) s += f[l * m + i] * f[l * m + i];
            ordered = ordered && Math.sqrt(s) <= d * (1 + 1e-12) + 1e-14;
          }
        }
        expect(ordered).toBe(true);
        // ‖A·P − Q·R‖ and ‖QᵀQ − I‖
        const q = new Float64Array(max(1, m * k));
        qrFormQ(ptr(q), ptr(f), m, n, ptr(tau));
        expect(factorizationResidual(orig, q, f, m, n, jpvt)).toBeLessThanOrEqual(tol(m, n) * (frob(orig) + 1));
        expect(orthogonalityError(q, m, k)).toBeLessThanOrEqual(tol(m, n));
      }
    }
  });

  test("downdated norms are recomputed when they cancel", () => {
    // c₀ = e₀, c₁ = e₀ + 1e-9·e₁, c₂ = 1e-10·e₂. ‖c₁‖ rounds to 1 = ‖c₀‖ (c₀ pivots first, the
    // first of the tie), and downdating gives c₁ a remaining norm of √(1 − (R₀₁/‖c₁‖)²) = 0
    // exactly: only a recomputed norm (1e-9) puts c₁ ahead of c₂ (1e-10).
    const f = new Float64Array(9);
    f[0] = 1;
    f[3] = 1;
    f[4] = 1e-9;
    f[8] = 1e-10;
    const tau = new Float64Array(3);
    const jpvt = new Int32Array(3);
    const work = new Float64Array(6);
    qrPivotFactor(ptr(f), 3, 3, ptr(tau), ptr(jpvt), ptr(work));
    expect(jpvt[0]).toBe(0);
    expect(jpvt[1]).toBe(1);
    expect(jpvt[2]).toBe(2);
    expect(f[4]).toBe(1e-9);
    expect(f[8]).toBe(1e-10);
  });
});

describe("qrPivotRank", () => {
  test("finds the exact rank of products of rank r, and full rank for generic matrices", () => {
    for (let a = 0; a < DIMS.length; a++) {
      for (let b = 0; b < DIMS.length; b++) {
        const m = DIMS[a];
        const n = DIMS[b];
        const k = min(m, n);
        const rcond = <f64>max(m, n) * 2.0 * U;
        for (let r = 0; r <= k; r += max(1, k / 3)) {
          const f = r == k ? pattern(m, n, m + 3 * n) : product(m, n, r, m + n + r);
          const tau = new Float64Array(max(1, k));
          const jpvt = new Int32Array(max(1, n));
          const work = new Float64Array(max(1, 2 * n));
          qrPivotFactor(ptr(f), m, n, ptr(tau), ptr(jpvt), ptr(work));
          expect(qrPivotRank(ptr(f), m, n, rcond, ptr(work))).toBe(r);
        }
      }
    }
  });

  test("the condition estimate follows the singular values: graded diagonals under several rcond", () => {
    // A = diag(1, 1e-3, 1e-6, 1e-9, 1e-12) mixed by an exact rotation of two columns (so R is
    // not simply the diagonal): ranks by rcond between consecutive values.
    const n = 5;
    const f = new Float64Array(n * n);
    for (let j = 0; j < n; j++) f[j * n + j] = Math.pow(10, -3.0 * <f64>j);
    const c: f64 = 0.6;
    const s: f64 = 0.8;
    for (let i = 0; i < n; i++) {
      const x = f[1 * n + i];
      const y = f[2 * n + i];
      f[1 * n + i] = c * x + s * y;
      f[2 * n + i] = -s * x + c * y;
    }
    const rconds: f64[] = [0.1, 1e-4, 1e-7, 1e-10, 1e-13, 0];
    const ranks: i32[] = [1, 2, 3, 4, 5, 5];
    for (let t = 0; t < rconds.length; t++) {
      const w = new Float64Array(n * n);
      for (let i = 0; i < n * n; i++) w[i] = f[i];
      const tau = new Float64Array(n);
      const jpvt = new Int32Array(n);
      const work = new Float64Array(2 * n);
      qrPivotFactor(ptr(w), n, n, ptr(tau), ptr(jpvt), ptr(work));
      expect(qrPivotRank(ptr(w), n, n, rconds[t], ptr(work))).toBe(ranks[t]);
    }
  });

  test("a zero matrix has rank 0; an empty one too", () => {
    const f = new Float64Array(6);
    const work = new Float64Array(4);
    expect(qrPivotRank(ptr(f), 3, 2, 1e-12, ptr(work))).toBe(0);
    expect(qrPivotRank(ptr(f), 0, 2, 1e-12, ptr(work))).toBe(0);
  });
});

describe("rzFactor / rzApplyZt", () => {
  test("[R₁₁ R₁₂] = [T 0]·Z with T upper triangular (non-negative diagonal) and Z orthogonal", () => {
    const RS: i32[] = [0, 1, 2, 3, 4, 5, 8, 9, 17];
    const EXTRA: i32[] = [0, 1, 2, 3, 5, 16];
    for (let a = 0; a < RS.length; a++) {
      for (let b = 0; b < EXTRA.length; b++) {
        const r = RS[a];
        const n = r + EXTRA[b];
        const m = r + 2; // the trapezoid is the first r rows of an m-row column-major array
        const f = fillPattern(max(1, m * n), 3 * r + n);
        for (let j = 0; j < n; j++) for (let i = j + 1; i < m; i++) if (j < r) f[j * m + i] = 0;
        for (let j = 0; j < r; j++) f[j * m + j] = Math.abs(f[j * m + j]) + 1;
        const orig = new Float64Array(f.length);
        for (let i = 0; i < f.length; i++) orig[i] = f[i];
        const tauz = new Float64Array(max(1, r));
        const work = new Float64Array(n + 1);
        rzFactor(ptr(f), m, r, n, ptr(tauz), ptr(work));
        // T upper triangular with a non-negative diagonal; rows r… of f untouched.
        let shapeOk = true;
        for (let j = 0; j < r; j++) shapeOk = shapeOk && f[j * m + j] >= 0;
        for (let j = 0; j < n; j++) for (let i = r; i < m; i++) shapeOk = shapeOk && f[j * m + i] == orig[j * m + i];
        expect(shapeOk).toBe(true);
        // Zᵀ, column by column: Zᵀ·e_c.
        const zt = new Float64Array(max(1, n * n));
        for (let col = 0; col < n; col++) zt[col * n + col] = 1;
        rzApplyZt(ptr(zt), n, n, ptr(f), m, r, n, ptr(tauz));
        // Z orthogonal: (Zᵀ)ᵀZᵀ = I.
        let orth: f64 = 0;
        for (let c1 = 0; c1 < n; c1++) {
          for (let c2 = 0; c2 < n; c2++) {
            let s: f64 = 0;
            for (let i = 0; i < n; i++) s += zt[c1 * n + i] * zt[c2 * n + i];
            orth = max(orth, abs(s - (c1 == c2 ? 1.0 : 0.0)));
          }
        }
        expect(orth).toBeLessThanOrEqual(tol(r, n));
        // [T 0]·Z = R: entry (i, c) = Σ_{l ≤ r−1, l ≥ i} T(i, l)·Z(l, c), Z(l, c) = Zᵀ(c, l) = zt[l·n + c].
        let res: f64 = 0;
        let scale: f64 = 0;
        for (let i = 0; i < r; i++) {
          for (let col = 0; col < n; col++) {
            let s: f64 = 0;
            for (let l = i; l < r; l++) s += f[l * m + i] * zt[l * n + col];
            const want = col >= i ? orig[col * m + i] : 0.0;
            res = max(res, abs(s - want));
            scale = max(scale, abs(want));
          }
        }
        expect(res).toBeLessThanOrEqual(tol(r, n) * (scale + 1) * 4);
      }
    }
  });
});
