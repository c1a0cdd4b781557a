// Plain-JS references for the sparse coding tests: the lasso's objective and KKT residual from
// scratch, coordinate descent run to convergence, least squares on a support, and plain OMP.
import type { Matrix } from "../../src/matrix.js";

const at = (a: Matrix, i: number, j: number): number => a.data[i * a.cols + j];

/** Column j of a matrix. */
export function col(a: Matrix, j: number): Float64Array {
  return Float64Array.from({ length: a.rows }, (_, i) => at(a, i, j));
}

/** g = Aᵀ(Ax − y), by plain sums. */
export function lassoGradient(A: Matrix, y: ArrayLike<number>, x: ArrayLike<number>): Float64Array {
  const r = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = -y[i];
    for (let k = 0; k < A.cols; k++) s += at(A, i, k) * x[k];
    r[i] = s;
  }
  const g = new Float64Array(A.cols);
  for (let k = 0; k < A.cols; k++) for (let i = 0; i < A.rows; i++) g[k] += at(A, i, k) * r[i];
  return g;
}

/** ½‖y − Ax‖² + λ‖x‖₁. */
export function lassoObjective(A: Matrix, y: ArrayLike<number>, x: ArrayLike<number>, lambda: number): number {
  let rr = 0;
  for (let i = 0; i < A.rows; i++) {
    let s = -y[i];
    for (let k = 0; k < A.cols; k++) s += at(A, i, k) * x[k];
    rr += s * s;
  }
  let l1 = 0;
  for (let k = 0; k < A.cols; k++) l1 += Math.abs(x[k]);
  return 0.5 * rr + lambda * l1;
}

/**
 * The relative KKT residual of x for the lasso (nonnegative: x ≥ 0 required, else Infinity):
 * max over i of |gᵢ + λ·sign(xᵢ)| (xᵢ ≠ 0) or max(|gᵢ| − λ, 0) (xᵢ = 0) — nonnegative:
 * |gᵢ + λ| (xᵢ > 0) or max(−gᵢ − λ, 0) (xᵢ = 0) — divided by max(λ, ‖Aᵀy‖∞) (1 if 0).
 */
export function kktResidual(A: Matrix, y: ArrayLike<number>, x: ArrayLike<number>, lambda: number, nonnegative = false): number {
  const g = lassoGradient(A, y, x);
  const b = lassoGradient(A, y, new Float64Array(A.cols)).map((v) => -v);
  let worst = 0;
  for (let k = 0; k < A.cols; k++) {
    let v: number;
    if (nonnegative) {
      if (x[k] < 0) return Infinity;
      v = x[k] > 0 ? Math.abs(g[k] + lambda) : Math.max(-g[k] - lambda, 0);
    } else {
      v = x[k] !== 0 ? Math.abs(g[k] + lambda * Math.sign(x[k])) : Math.max(Math.abs(g[k]) - lambda, 0);
    }
    worst = Math.max(worst, v);
  }
  const scale = Math.max(lambda, ...b.map(Math.abs));
  return worst / (scale > 0 ? scale : 1);
}

/** Cyclic coordinate descent on one column, with the full gradient recomputed each sweep, to a KKT residual ≤ 1e-14. */
export function referenceLasso(A: Matrix, y: ArrayLike<number>, lambda: number, nonnegative = false): Float64Array {
  const K = A.cols;
  const x = new Float64Array(K);
  const norms = Float64Array.from({ length: K }, (_, k) => {
    let s = 0;
    for (let i = 0; i < A.rows; i++) s += at(A, i, k) ** 2;
    return s;
  });
  for (let sweep = 0; sweep < 100_000; sweep++) {
    for (let k = 0; k < K; k++) {
      const g = lassoGradient(A, y, x)[k];
      const z = x[k] - g / norms[k];
      const t = lambda / norms[k];
      x[k] = nonnegative ? Math.max(z - t, 0) : Math.sign(z) * Math.max(Math.abs(z) - t, 0);
    }
    if (kktResidual(A, y, x, lambda, nonnegative) <= 1e-14) return x;
  }
  throw new Error("reference coordinate descent did not converge");
}

/** The least-squares coefficients of y on the columns `support` of A (normal equations, Gaussian elimination with pivoting). */
export function leastSquaresOnSupport(A: Matrix, y: ArrayLike<number>, support: number[]): Float64Array {
  const m = support.length;
  const M = Array.from({ length: m }, (_, a) => {
    const row = new Float64Array(m + 1);
    for (let c = 0; c < m; c++) for (let i = 0; i < A.rows; i++) row[c] += at(A, i, support[a]) * at(A, i, support[c]);
    for (let i = 0; i < A.rows; i++) row[m] += at(A, i, support[a]) * y[i];
    return row;
  });
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = c + 1; r < m; r++) {
      const f = M[r][c] / M[c][c];
      for (let t = c; t <= m; t++) M[r][t] -= f * M[c][t];
    }
  }
  const x = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let s = M[r][m];
    for (let t = r + 1; t < m; t++) s -= M[r][t] * x[t];
    x[r] = s / M[r][r];
  }
  return x;
}

/**
 * Orthogonal matching pursuit by its definition: pick the atom with the largest |aⱼᵀr|/‖aⱼ‖ not
 * yet chosen, refit y on all chosen atoms by least squares, until `sparsity` atoms or
 * ‖r‖² ≤ tolerance. Returns the support in order of selection and the dense code.
 */
export function referenceOmp(A: Matrix, y: ArrayLike<number>, sparsity: number, tolerance = 0): { support: number[]; x: Float64Array } {
  const support: number[] = [];
  let x = new Float64Array(A.cols);
  const residual = (): Float64Array => {
    const r = Float64Array.from(y);
    for (let i = 0; i < A.rows; i++) for (let k = 0; k < A.cols; k++) r[i] -= at(A, i, k) * x[k];
    return r;
  };
  let r = residual();
  while (support.length < sparsity && r.reduce((s, v) => s + v * v, 0) > tolerance) {
    let best = -1;
    let score = 0;
    for (let k = 0; k < A.cols; k++) {
      if (support.includes(k)) continue;
      let c = 0;
      let nn = 0;
      for (let i = 0; i < A.rows; i++) {
        c += at(A, i, k) * r[i];
        nn += at(A, i, k) ** 2;
      }
      if ((c * c) / nn > score) {
        score = (c * c) / nn;
        best = k;
      }
    }
    if (best < 0) break;
    support.push(best);
    const c = leastSquaresOnSupport(A, y, support);
    x = new Float64Array(A.cols);
    support.forEach((k, t) => (x[k] = c[t]));
    r = residual();
  }
  return { support, x };
}
