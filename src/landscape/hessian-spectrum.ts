// hessianSpectrum(problem, x): eigenvalues of the Riemannian Hessian on the tangent space (dense or Lanczos).
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { eigh } from "../kernels/linalg/eigh.js";
import { checkPoint } from "../manifolds/manifold.js";
import { retainProblem, type Problem } from "../problems/problem.js";
import { checkBoolean, checkChoice, checkInteger, checkOptions } from "../validate.js";
import { checkProblem } from "./common.js";
import { lanczos } from "./lanczos.js";
import { tangentBasis } from "./tangent-basis.js";

/** Options of {@link hessianSpectrum}. */
export interface HessianSpectrumOptions {
  /**
   * `"dense"`: every eigenvalue, from the d×d matrix of the Hessian in an orthonormal tangent
   * basis; `"lanczos"`: the two extreme eigenvalues by the Lanczos method; `"auto"`: dense when
   * the manifold's dimension is ≤ `denseThreshold`, Lanczos otherwise.
   * @defaultValue "auto"
   */
  method?: "auto" | "dense" | "lanczos";
  /**
   * The largest dimension for which `"auto"` takes the dense path. The dense path costs d
   * Hessian-vector products, ≈ N²·d flops for the basis (N ambient coordinates) and an O(d³)
   * `eigh`: O(20) (d = 190, N = 400) took 0.5–1 s on a busy 2-core machine.
   * @defaultValue 200
   */
  denseThreshold?: number;
  /**
   * Also return unit eigenvectors (Ritz vectors for Lanczos) as tangent vectors at x.
   * @defaultValue false
   */
  eigenvectors?: boolean;
  /**
   * Lanczos steps (capped at the dimension; with steps = dimension the extremes are exact up to rounding).
   * @defaultValue 50
   */
  steps?: number;
  /**
   * Seed of the Lanczos start vector.
   * @defaultValue 1
   */
  seed?: number;
}

/** The result of {@link hessianSpectrum}. */
export interface HessianSpectrum<P> {
  /** The path taken. */
  method: "dense" | "lanczos";
  /**
   * Ascending. Dense: all d eigenvalues. Lanczos: the extreme Ritz values [θ_min, θ_max] (one
   * value when a single step was taken), with θ_min ≥ λ_min and θ_max ≤ λ_max (interlacing).
   */
  values: Float64Array;
  /** Unit eigenvectors (Ritz vectors), one per value, when `eigenvectors: true`. */
  vectors?: P[];
  /**
   * Lanczos only: ‖Hess[v] − θ·v‖ for each Ritz pair (θ, v); some eigenvalue lies within it of θ.
   */
  residuals?: Float64Array;
  /**
   * Dense only: ‖H − Hᵀ‖_F / ‖H‖_F (0 for H = 0) of the computed matrix Hᵢⱼ = ⟨bᵢ, Hess[bⱼ]⟩
   * before symmetrization. Rounding gives ≈ 1e-15; a large value means the Hessian-vector product
   * is not self-adjoint (a wrong `ehessVec` or `ehessToRhess`).
   */
  asymmetry?: number;
  /** The dimension d of the tangent space. */
  dimension: number;
  /** The number of Riemannian Hessian-vector products used (d for dense, the Lanczos steps otherwise). */
  hessianProducts: number;
}

/** Dimensions up to this take the dense path under `method: "auto"`. */
export const DENSE_DIMENSION_THRESHOLD = 200;

/**
 * The eigenvalues of the Riemannian Hessian Hess f(x), a self-adjoint operator on T_xM (Boumal
 * 2023, §5.5 and §6.1). At a critical point they decide its type (see `classifyCriticalPoint`).
 *
 * - Dense (d ≤ `denseThreshold` under "auto"): an orthonormal basis b₁ … b_d of T_xM in the
 *   manifold's (embedded) metric (`tangentBasis`: projected ambient unit vectors, pivoted
 *   Gram–Schmidt), the matrix Hᵢⱼ = ⟨bᵢ, Hess f(x)[bⱼ]⟩ₓ from d Hessian-vector products (the
 *   Euclidean gradient is evaluated once), its relative asymmetry reported, H symmetrized and
 *   `eigh`'d; eigenvectors are Σⱼ Vⱼₖ·bⱼ. Eigenvalues are accurate to ≈ ε·√d·‖H‖ (rounding in
 *   the products and `eigh`). Supports points that are Float64Arrays, Matrices or arrays of those.
 * - Lanczos: `lanczos` (full reorthogonalization) from a seeded random start for `steps` steps;
 *   the extreme Ritz values, with residual norms. They converge first, but only the residual
 *   tells how far they are; θ_min ≥ λ_min, so a negative θ_min certifies negative curvature.
 *
 * NaN/Inf: a non-finite Hessian (e.g. at a non-finite x) is rejected with a RangeError (on the
 * Lanczos path, `eigh`'s, about its tridiagonal matrix).
 *
 * @param problem a problem with `ehessVec`.
 * @param x a point of the manifold (`manifold.contains(x)`).
 * @throws TypeError / RangeError for a bad problem or option, or an x off the manifold (the
 *   message gives its residual); Error if the problem has no `ehessVec` or the tangent basis
 *   cannot be built (see `tangentBasis`).
 */
export function hessianSpectrum<P>(problem: Problem<P>, x: P, options: HessianSpectrumOptions = {}): HessianSpectrum<P> {
  checkProblem("problem", problem);
  checkPoint("x", problem.manifold, x);
  checkOptions("options", options, ["method", "denseThreshold", "eigenvectors", "steps", "seed"]);
  const method = checkChoice("method", options.method ?? "auto", ["auto", "dense", "lanczos"] as const);
  const denseThreshold = checkInteger("denseThreshold", options.denseThreshold ?? DENSE_DIMENSION_THRESHOLD);
  const eigenvectors = checkBoolean("eigenvectors", options.eigenvectors ?? false);
  const steps = checkInteger("steps", options.steps ?? 50, 1);
  const seed = checkInteger("seed", options.seed ?? 1);
  const ehessVec = problem.ehessVec;
  if (typeof ehessVec !== "function") {
    throw new Error("hessianSpectrum: the problem has no ehessVec (Euclidean Hessian-vector product)");
  }
  const M = problem.manifold;
  const release = retainProblem(problem);
  try {
    const egrad = problem.egrad(x);
    const hessVec = (u: P): P => M.ehessToRhess(x, egrad, ehessVec.call(problem, x, u), u);
    const dense = method === "dense" || (method === "auto" && M.dimension <= denseThreshold);
    if (dense) return denseSpectrum(problem, x, hessVec, eigenvectors);
    if (M.dimension === 0) {
      return { method: "lanczos", values: new Float64Array(0), ...(eigenvectors ? { vectors: [] } : {}), residuals: new Float64Array(0), dimension: 0, hessianProducts: 0 };
    }
    const r = lanczos(M, x, hessVec, { steps, seed });
    const pairs = r.steps === 1 ? [r.smallest] : [r.smallest, r.largest];
    return {
      method: "lanczos",
      values: Float64Array.from(pairs, (p) => p.value),
      ...(eigenvectors ? { vectors: pairs.map((p) => p.vector) } : {}),
      residuals: Float64Array.from(pairs, (p) => p.residual),
      dimension: M.dimension,
      hessianProducts: r.steps,
    };
  } finally {
    release();
  }
}

function denseSpectrum<P>(problem: Problem<P>, x: P, hessVec: (u: P) => P, eigenvectors: boolean): HessianSpectrum<P> {
  const { vectors: basis, coordinates: b, ambient } = tangentBasis(problem.manifold, x);
  const d = basis.length, n = ambient.size;
  const B: Matrix = { rows: d, cols: n, data: b };
  // Row j of HB: the ambient coordinates of Hess[bⱼ]; Hᵢⱼ = ⟨bᵢ, Hess[bⱼ]⟩ (ambient dot product), H = B·HBᵀ.
  const hb = new Float64Array(d * n);
  for (let j = 0; j < d; j++) hb.set(ambient.flatten(hessVec(basis[j])), j * n);
  const h = gemm(B, { rows: d, cols: n, data: hb }, { transB: true }).data;
  if (!h.every(Number.isFinite)) throw new RangeError("hessianSpectrum: the Hessian at x has non-finite entries");
  let skew = 0, norm = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      skew += (h[i * d + j] - h[j * d + i]) ** 2;
      norm += h[i * d + j] ** 2;
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) h[i * d + j] = h[j * d + i] = (h[i * d + j] + h[j * d + i]) / 2;
  }
  const result: HessianSpectrum<P> = {
    method: "dense",
    values: new Float64Array(0),
    asymmetry: norm === 0 ? 0 : Math.sqrt(skew / norm),
    dimension: d,
    hessianProducts: d,
  };
  if (d === 0) return eigenvectors ? { ...result, vectors: [] } : result;
  const { values, vectors } = eigh({ rows: d, cols: d, data: h });
  result.values = values;
  if (eigenvectors) {
    // Row k of VᵀB: the ambient coordinates of Σⱼ Vⱼₖ·bⱼ.
    const vb = gemm(vectors, B, { transA: true }).data;
    result.vectors = Array.from({ length: d }, (_, k) => ambient.unflatten(vb, k * n));
  }
  return result;
}
