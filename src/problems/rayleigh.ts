// rayleighQuotient(A): min xᵀAx on the unit sphere.
import type { Matrix } from "../matrix.js";
import { dot } from "../kernels/blas/dot.js";
import { gemv } from "../kernels/blas/gemv.js";
import { sphere } from "../manifolds/sphere.js";
import type { Problem } from "./problem.js";
import { checkSymmetricMatrix } from "./symmetric.js";

/**
 * The Rayleigh quotient problem min f(x) = xᵀAx over the unit sphere S^{n−1}, A symmetric n×n:
 * ∇f̄(x) = 2Ax, ∇²f̄(x)[u] = 2Au. The critical points are the unit eigenvectors of A; the global
 * minimizers are ± the eigenvector of the smallest eigenvalue λ₁ (minimum value λ₁).
 * (Absil, Mahony & Sepulchre 2008, §4.6; Boumal 2023, §2.3.)
 *
 * A is copied. NaN/Inf: rejected in A (RangeError); in x they propagate.
 *
 * @param A a finite, square, symmetric matrix (within 1.5e-8·max|aᵢⱼ|, as `eigh`), n ≥ 1.
 * @throws TypeError if A is not a matrix; RangeError if it is empty, not square, not finite or not symmetric.
 */
export function rayleighQuotient(A: Matrix): Problem<Float64Array> {
  const a = checkSymmetricMatrix("A", A);
  const m: Matrix = { rows: a.rows, cols: a.cols, data: a.data.slice() };
  return {
    manifold: sphere(m.rows),
    cost: (x) => dot(x, gemv(m, x)),
    egrad: (x) => gemv(m, x, { alpha: 2 }),
    ehessVec: (_x, u) => gemv(m, u, { alpha: 2 }),
  };
}
