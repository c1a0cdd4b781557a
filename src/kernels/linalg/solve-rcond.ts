// rcond(A): an estimate of 1/cond₁(A) from the LU factorization and a few triangular solves.
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import type { LUKernels } from "./solve.js";
import { checkFiniteSquare } from "./solve-common.js";

/**
 * Estimates the reciprocal condition number 1/(‖A‖₁·‖A⁻¹‖₁) of a square matrix, as LAPACK
 * dgecon does: LU with partial pivoting, then ‖A⁻¹‖₁ by Hager's method with Higham's
 * refinements (Higham, ASNA 2nd ed., Algorithm 15.4 / LAPACK dlacon): a few solves with A and
 * Aᵀ, plus the alternative test vector bᵢ = (−1)ⁱ(1 + i/(n−1)).
 *
 * The estimate of ‖A⁻¹‖₁ is a lower bound, almost always within a factor 3 of the truth, so
 * the returned value is an upper bound on the true 1/cond₁ up to that factor. Returns 0 for an
 * exactly singular A (a zero pivot) and 1 for n = 0. A solve with A has forward error about
 * u/rcond(A).
 *
 * @throws RangeError naming `A` if it is not square or has a NaN or ±Infinity entry.
 */
export function rcond(A: Matrix): number {
  checkFiniteSquare("A", A);
  const n = A.rows;
  if (n === 0) return 1;
  let anorm = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.abs(A.data[i * n + j]);
    anorm = Math.max(anorm, s);
  }
  if (anorm === 0) return 0;
  const { luFactor, luSolve, luSolveTransposed } = kernels<LUKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [A.data.length, n], i32: [n] });
    const a = s.f64From(A.data);
    const piv = s.i32(n);
    const x = s.f64(n);
    if (luFactor(a.ptr, n, n, piv.ptr) > 0) return 0;
    const solveA = (v: Float64Array): Float64Array => {
      x.view.set(v);
      luSolve(x.ptr, 1, 1, a.ptr, n, n, piv.ptr);
      return x.view.slice();
    };
    const solveAt = (v: Float64Array): Float64Array => {
      x.view.set(v);
      luSolveTransposed(x.ptr, a.ptr, n, n, piv.ptr);
      return x.view.slice();
    };
    const ainv = inverseNormEstimate(n, solveA, solveAt);
    if (!Number.isFinite(ainv) || ainv === 0) return 0;
    return 1 / anorm / ainv;
  });
}

// Hager–Higham 1-norm estimator for ‖B‖₁ given products with B and Bᵀ (here B = A⁻¹).
function inverseNormEstimate(
  n: number,
  apply: (v: Float64Array) => Float64Array,
  applyT: (v: Float64Array) => Float64Array,
): number {
  let x = new Float64Array(n).fill(1 / n);
  let est = 0;
  let last = -1;
  for (let iter = 0; iter < 5; iter++) {
    const y = apply(x);
    const newEst = norm1(y);
    if (iter > 0 && newEst <= est) break;
    est = newEst;
    const xi = y.map((v) => (v >= 0 ? 1 : -1));
    const z = applyT(xi);
    let j = 0;
    for (let i = 1; i < n; i++) if (Math.abs(z[i]) > Math.abs(z[j])) j = i;
    let ztx = 0;
    for (let i = 0; i < n; i++) ztx += z[i] * x[i];
    if (iter > 0 && (Math.abs(z[j]) <= ztx || j === last)) break;
    last = j;
    x = new Float64Array(n);
    x[j] = 1;
  }
  // Higham's extra test vector guards against the estimator's known bad cases.
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = (i % 2 === 0 ? 1 : -1) * (1 + (n > 1 ? i / (n - 1) : 0));
  const alt = (2 * norm1(apply(b))) / (3 * n);
  return Math.max(est, alt);
}

function norm1(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i]);
  return s;
}
