// The symmetric factorization landscape ¼‖X − UUᵀ‖²_F (rank r) and its rank-one form ¼‖X − uuᵀ‖²_F.
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { gemv } from "../kernels/blas/gemv.js";
import { ger } from "../kernels/blas/ger.js";
import { euclidean } from "../manifolds/euclidean.js";
import { checkInteger } from "../validate.js";
import type { Problem } from "./problem.js";
import { checkSymmetricMatrix } from "./symmetric.js";

/** ¼‖R‖²_F, computed from the residual R so that the cost keeps its relative accuracy near 0. */
function quarterSquaredNorm(r: Float64Array): number {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i] * r[i];
  return s / 4;
}

/**
 * The rank-one landscape φ(u) = ¼‖X − uuᵀ‖²_F over u ∈ ℝⁿ, X symmetric n×n (Euclidean search
 * space): ∇φ(u) = (uuᵀ − X)u and ∇²φ(u)[v] = (uuᵀ − X)v + (vuᵀ + uvᵀ)u = ‖u‖²v − Xv + 2(uᵀv)u.
 *
 * Critical points: u = 0 and u = ±√λᵢ·vᵢ for every eigenpair (λᵢ > 0, vᵢ) of X. With
 * λ₁ > λ₂ ≥ … and λ₁ > 0, only ±√λ₁·v₁ are minimizers; the others are strict saddles, and u = 0
 * is a local maximizer when X ≻ 0 (Sun, Qu & Wright, "When are nonconvex problems not scary?", 2015;
 * Ge, Jin & Zheng 2017). Cost and gradient share the residual X − uuᵀ (`costAndGrad`).
 *
 * X is copied. NaN/Inf: rejected in X (RangeError); in u they propagate.
 *
 * @param X a finite, square, symmetric matrix (within 1.5e-8·max|xᵢⱼ|), n ≥ 1.
 * @throws TypeError / RangeError for a bad X.
 */
export function rankOneFactorization(X: Matrix): Problem<Float64Array> {
  const x = checkSymmetricMatrix("X", X);
  const m: Matrix = { rows: x.rows, cols: x.cols, data: x.data.slice() };
  const residual = (u: Float64Array): Matrix => ger(m, u, u, { alpha: -1 });
  const costAndGrad = (u: Float64Array): { cost: number; egrad: Float64Array } => {
    const r = residual(u);
    return { cost: quarterSquaredNorm(r.data), egrad: gemv(r, u, { alpha: -1 }) };
  };
  return {
    manifold: euclidean(m.rows),
    cost: (u) => quarterSquaredNorm(residual(u).data),
    egrad: (u) => costAndGrad(u).egrad,
    costAndGrad,
    ehessVec: (u, v) => {
      // ‖u‖²v − Xv + 2(uᵀv)u
      const out = gemv(m, v, { alpha: -1 });
      let uu = 0;
      let uv = 0;
      for (let i = 0; i < u.length; i++) {
        uu += u[i] * u[i];
        uv += u[i] * v[i];
      }
      for (let i = 0; i < u.length; i++) out[i] += uu * v[i] + 2 * uv * u[i];
      return out;
    },
  };
}

/**
 * The rank-r symmetric factorization (Burer–Monteiro) landscape f(U) = ¼‖X − UUᵀ‖²_F over
 * U ∈ ℝ^{n×r}, X symmetric n×n: ∇f(U) = (UUᵀ − X)U, ∇²f(U)[V] = (UUᵀ − X)V + (UVᵀ + VUᵀ)U.
 * The cost is invariant under U ↦ UQ for orthogonal Q. When X ⪰ 0 has rank ≥ r and λ_r > λ_{r+1},
 * every local minimizer is global (U·Uᵀ is the best rank-r approximation of X) and every other
 * critical point is a strict saddle (Ge, Jin & Zheng 2017, Theorem 8; Chi, Lu & Chen 2019, §5).
 *
 * X is copied. NaN/Inf: rejected in X (RangeError); in U they propagate.
 *
 * @param X a finite, square, symmetric matrix, n ≥ 1.
 * @param rank the number of columns r of U, 1 ≤ r ≤ n.
 * @throws TypeError / RangeError for a bad X or rank.
 */
export function symmetricFactorization(X: Matrix, rank: number): Problem<Matrix> {
  const x = checkSymmetricMatrix("X", X);
  const r = checkInteger("rank", rank, 1, x.rows);
  const m: Matrix = { rows: x.rows, cols: x.cols, data: x.data.slice() };
  const residual = (u: Matrix): Matrix => gemm(u, u, { transB: true, alpha: -1, beta: 1, C: m });
  const costAndGrad = (u: Matrix): { cost: number; egrad: Matrix } => {
    const res = residual(u);
    return { cost: quarterSquaredNorm(res.data), egrad: gemm(res, u, { alpha: -1 }) };
  };
  return {
    manifold: euclidean([m.rows, r]),
    cost: (u) => quarterSquaredNorm(residual(u).data),
    egrad: (u) => costAndGrad(u).egrad,
    costAndGrad,
    ehessVec: (u, v) => {
      // −(X − UUᵀ)V + U(VᵀU) + V(UᵀU)
      const out = gemm(residual(u), v, { alpha: -1 });
      const vtu = gemm(v, u, { transA: true });
      const utu = gemm(u, u, { transA: true });
      const a = gemm(u, vtu, { beta: 1, C: out });
      return gemm(v, utu, { beta: 1, C: a });
    },
  };
}
