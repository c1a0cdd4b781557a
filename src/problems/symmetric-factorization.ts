// The symmetric factorization landscape ¼‖X − UUᵀ‖²_F (rank r) and its rank-one form ¼‖X − uuᵀ‖²_F.
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { gemv } from "../kernels/blas/gemv.js";
import { ger } from "../kernels/blas/ger.js";
import { euclidean } from "../manifolds/euclidean.js";
import { checkMat } from "../manifolds/manifold.js";
import { kernels, runtime } from "../runtime/init.js";
import { checkInteger, checkVector } from "../validate.js";
import type { Problem } from "./problem.js";
import { ResidentData, residentProduct, type ResidentBuffers, type ResidentKernels } from "./resident.js";
import { checkSymmetricMatrix } from "./symmetric.js";

/** The fused rank-one kernel (assembly/factorization/rank-one.ts). */
interface RankOneKernels {
  rankOneResidual(n: number, x: number, u: number, grad: number): number;
}

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
 * X is copied. While retained (`retain`, as solvers do), X stays in wasm memory and the cost and
 * gradient come from one fused pass over it (each residual entry formed in registers, so the cost
 * keeps its relative accuracy near a minimizer); each call copies only u and v. NaN/Inf: rejected
 * in X (RangeError); in u they propagate.
 *
 * @param X a finite, square, symmetric matrix (within 1.5e-8·max|xᵢⱼ|), n ≥ 1.
 * @throws TypeError / RangeError for a bad X.
 */
export function rankOneFactorization(X: Matrix): Problem<Float64Array> {
  const x = checkSymmetricMatrix("X", X);
  const m: Matrix = { rows: x.rows, cols: x.cols, data: x.data.slice() };
  const n = m.rows;
  const resident = new ResidentData<"X">({ X: m.data });
  /** With X resident: alpha·X·v. */
  const times = (b: ResidentBuffers<"X">, v: Float64Array, alpha: number): Float64Array => {
    checkVector("v", v, n);
    return runtime().arena.scope((s) => {
      const vb = s.f64From(v);
      const out = s.f64(n);
      kernels<ResidentKernels>().gemv(0, n, n, alpha, b.X.ptr, n, vb.ptr, 1, 0, out.ptr, 1);
      return out.toArray();
    });
  };
  const costAndGrad = (u: Float64Array): { cost: number; egrad: Float64Array } => {
    const b = resident.buffers();
    if (b === null) {
      const r = ger(m, u, u, { alpha: -1 });
      return { cost: quarterSquaredNorm(r.data), egrad: gemv(r, u, { alpha: -1 }) };
    }
    // One fused pass over the resident X (assembly/factorization/rank-one.ts).
    checkVector("u", u, n);
    return runtime().arena.scope((s) => {
      const ub = s.f64From(u);
      const grad = s.f64(n);
      const cost = kernels<RankOneKernels>().rankOneResidual(n, b.X.ptr, ub.ptr, grad.ptr);
      return { cost, egrad: grad.toArray() };
    });
  };
  return {
    manifold: euclidean(n),
    cost: (u) => (resident.retained ? costAndGrad(u).cost : quarterSquaredNorm(ger(m, u, u, { alpha: -1 }).data)),
    egrad: (u) => costAndGrad(u).egrad,
    costAndGrad,
    ehessVec: (u, v) => {
      // ‖u‖²v − Xv + 2(uᵀv)u
      const b = resident.buffers();
      const out = b === null ? gemv(m, v, { alpha: -1 }) : times(b, v, -1);
      let uu = 0;
      let uv = 0;
      for (let i = 0; i < u.length; i++) {
        uu += u[i] * u[i];
        uv += u[i] * v[i];
      }
      for (let i = 0; i < u.length; i++) out[i] += uu * v[i] + 2 * uv * u[i];
      return out;
    },
    retain: () => resident.retain(),
  };
}

/**
 * The rank-r symmetric factorization (Burer–Monteiro) landscape f(U) = ¼‖X − UUᵀ‖²_F over
 * U ∈ ℝ^{n×r}, X symmetric n×n: ∇f(U) = (UUᵀ − X)U, ∇²f(U)[V] = (UUᵀ − X)V + (UVᵀ + VUᵀ)U.
 * The cost is invariant under U ↦ UQ for orthogonal Q. When X ⪰ 0 has rank ≥ r and λ_r > λ_{r+1},
 * every local minimizer is global (U·Uᵀ is the best rank-r approximation of X) and every other
 * critical point is a strict saddle (Ge, Jin & Zheng 2017, Theorem 8; Chi, Lu & Chen 2019, §5).
 *
 * X is copied. While retained (`retain`, as solvers do), X and an n×n residual scratch stay in wasm
 * memory (the residual is reused by the next cost, gradient or Hessian product at the same U); each
 * call copies only the n×r factors. NaN/Inf: rejected in X (RangeError); in U they propagate.
 *
 * @param X a finite, square, symmetric matrix, n ≥ 1.
 * @param rank the number of columns r of U, 1 ≤ r ≤ n.
 * @throws TypeError / RangeError for a bad X or rank.
 */
export function symmetricFactorization(X: Matrix, rank: number): Problem<Matrix> {
  const x = checkSymmetricMatrix("X", X);
  const r = checkInteger("rank", rank, 1, x.rows);
  const m: Matrix = { rows: x.rows, cols: x.cols, data: x.data.slice() };
  const n = m.rows;
  const resident = new ResidentData<"X" | "R">({ X: m.data }, { R: n * n });
  const residual = (u: Matrix): Matrix => gemm(u, u, { transB: true, alpha: -1, beta: 1, C: m });
  /** With X resident: the residual R = X − UUᵀ in the scratch R (kept for the next call at U). */
  const residentResidual = (b: ResidentBuffers<"X" | "R">, u: Matrix): void => {
    checkMat("U", u, n, r);
    resident.ensure("R", u.data, () => {
      const k = kernels<ResidentKernels>();
      k.copy(n * n, b.X.ptr, 1, b.R.ptr, 1);
      runtime().arena.scope((s) => {
        const ub = s.f64From(u.data);
        const work = s.f64(k.gemmWorkspaceSize(n, n, r));
        k.gemm(0, 1, n, n, r, -1, ub.ptr, r, ub.ptr, r, 1, b.R.ptr, n, work.ptr);
      });
    });
  };
  /** With X resident: alpha·R·V for the residual R in the scratch. */
  const residualTimes = (b: ResidentBuffers<"X" | "R">, v: Matrix, alpha: number): Matrix => {
    checkMat("V", v, n, r);
    return residentProduct(false, b.R, n, n, alpha, v, r);
  };
  const cost = (u: Matrix): number => {
    const b = resident.buffers();
    if (b === null) return quarterSquaredNorm(residual(u).data);
    residentResidual(b, u);
    return kernels<ResidentKernels>().dot(n * n, b.R.ptr, 1, b.R.ptr, 1) / 4;
  };
  const costAndGrad = (u: Matrix): { cost: number; egrad: Matrix } => {
    const b = resident.buffers();
    if (b === null) {
      const res = residual(u);
      return { cost: quarterSquaredNorm(res.data), egrad: gemm(res, u, { alpha: -1 }) };
    }
    const f = cost(u);
    return { cost: f, egrad: residualTimes(b, u, -1) };
  };
  return {
    manifold: euclidean([n, r]),
    cost,
    egrad: (u) => costAndGrad(u).egrad,
    costAndGrad,
    ehessVec: (u, v) => {
      // −(X − UUᵀ)V + U(VᵀU) + V(UᵀU)
      const b = resident.buffers();
      let out: Matrix;
      if (b === null) out = gemm(residual(u), v, { alpha: -1 });
      else {
        residentResidual(b, u);
        out = residualTimes(b, v, -1);
      }
      const vtu = gemm(v, u, { transA: true });
      const utu = gemm(u, u, { transA: true });
      const a = gemm(u, vtu, { beta: 1, C: out });
      return gemm(v, utu, { beta: 1, C: a });
    },
    retain: () => resident.retain(),
  };
}
