// The matrix sensing landscapes: symmetric PSD Burer–Monteiro ¼‖𝒜(UUᵀ) − y‖² and the balanced general ½‖𝒜(UVᵀ) − y‖².
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { euclidean } from "../manifolds/euclidean.js";
import { product } from "../manifolds/product.js";
import { symInPlace } from "../manifolds/stiefel.js";
import type { Problem } from "../problems/problem.js";
import { checkAllFinite, checkFinite, checkInteger, checkOptions, checkVector, describe } from "../validate.js";
import { GaussianOperator } from "./gaussian-operator.js";

/** A point of the general sensing problem: the factors [U (m×r), V (n×r)], the estimate being UVᵀ. */
export type FactorPair = [Matrix, Matrix];

/** Options of {@link symmetricSensingProblem} and {@link sensingProblem}. */
export interface SensingProblemOptions {
  /** The number of columns r of the factors, 1 ≤ r ≤ min(m, n). */
  rank: number;
  /**
   * Weight λ ≥ 0 of the factor regularizer, the variational form of the nuclear norm (of the trace
   * in the PSD case): (λ/2)(‖U‖²_F + ‖V‖²_F), resp. (λ/2)‖U‖²_F.
   * @defaultValue 0
   */
  lambda?: number;
  /**
   * Weight β ≥ 0 of the balancing term (β/8)‖UᵀU − VᵀV‖²_F of the general problem (Tu et al. 2016
   * use β = 1); ignored by the symmetric problem.
   * @defaultValue 1
   */
  balance?: number;
}

/** ½‖x‖². */
function halfSquaredNorm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s / 2;
}

/** a ← a + α·b (same shape), returning a. */
function addScaled(a: Matrix, alpha: number, b: Matrix): Matrix {
  for (let i = 0; i < a.data.length; i++) a.data[i] += alpha * b.data[i];
  return a;
}

/** 𝒜(UVᵀ) − y. */
function residual(op: GaussianOperator, y: Float64Array, U: Matrix, V: Matrix): Float64Array {
  const r = op.applyFactored(U, V);
  for (let k = 0; k < r.length; k++) r[k] -= y[k];
  return r;
}

/**
 * Validates the operator, the measurements (the argument `yName`) and the problem options (shared
 * by both problems and senseLowRank).
 */
export function checkSensingArguments(
  operator: unknown,
  y: unknown,
  options: SensingProblemOptions,
  symmetric: boolean,
  yName = "y",
): { op: GaussianOperator; y: Float64Array; rank: number; lambda: number; balance: number } {
  if (!(operator instanceof GaussianOperator)) {
    throw new TypeError(`invalid operator: expected a GaussianOperator (from gaussianOperator), got ${describe(operator)}`);
  }
  if (operator.disposed) throw new RangeError("invalid operator: it was disposed");
  const v = checkVector(yName, y, operator.count);
  checkAllFinite(yName, v);
  checkOptions("options", options, ["rank", "lambda", "balance"]);
  if (symmetric && operator.rows !== operator.cols) {
    throw new RangeError(`invalid operator: the symmetric problem needs a square operator, got ${operator.rows}×${operator.cols}`);
  }
  const rank = checkInteger("rank", options?.rank, 1, Math.min(operator.rows, operator.cols));
  const lambda = checkFinite("lambda", options.lambda ?? 0, 0);
  const balance = checkFinite("balance", options.balance ?? 1, 0);
  return { op: operator, y: v.slice(), rank, lambda, balance };
}

/**
 * The symmetric (PSD) matrix sensing landscape over U ∈ ℝ^{n×r} (Burer–Monteiro):
 *
 *   f(U) = ¼‖𝒜(UUᵀ) − y‖² + (λ/2)‖U‖²_F,
 *   ∇f(U) = M·U + λU,   ∇²f(U)[D] = sym(𝒜*𝒜(DUᵀ + UDᵀ))·U + M·D + λD,
 *
 * with M = sym(𝒜*(𝒜(UUᵀ) − y)), sym(A) = (A + Aᵀ)/2. The factor ¼ makes f the sensing analogue of
 * ¼‖X − UUᵀ‖²_F (`symmetricFactorization`): with E[𝒜*𝒜] = I the two agree in expectation, and
 * under the restricted isometry property every local minimizer is global and every other critical
 * point a strict saddle (Bhojanapalli, Neyshabur & Srebro, "Global optimality of local search for
 * low rank matrix recovery", NeurIPS 2016; Ge, Jin & Zheng 2017). The residual and M are cached
 * per point (points are immutable) and shared by cost, gradient and Hessian-vector products.
 *
 * Each evaluation makes one pass over the measurements for the residual (`applyFactored`, dense
 * path), the gradient one more for M (then M·U costs 2n²r), a Hessian-vector product two more.
 *
 * @param operator a square {@link GaussianOperator} (symmetric or not: only sym(Aₖ) matters).
 * @param y the count measurements, finite (copied).
 * @throws TypeError / RangeError for a bad operator, y or option, naming it.
 */
export function symmetricSensingProblem(operator: GaussianOperator, y: Float64Array, options: SensingProblemOptions): Problem<Matrix> {
  const { op, y: b, rank, lambda } = checkSensingArguments(operator, y, options, true);
  const cache = new WeakMap<Matrix, { res: Float64Array; M?: Matrix }>();
  const at = (U: Matrix): { res: Float64Array; M?: Matrix } => {
    let e = cache.get(U);
    if (e === undefined) {
      e = { res: residual(op, b, U, U) };
      cache.set(U, e);
    }
    return e;
  };
  const gradientMatrix = (U: Matrix): Matrix => {
    const e = at(U);
    e.M ??= symInPlace(op.adjoint(e.res));
    return e.M;
  };
  const cost = (U: Matrix): number => halfSquaredNorm(at(U).res) / 2 + lambda * halfSquaredNorm(U.data);
  const egrad = (U: Matrix): Matrix => addScaled(gemm(gradientMatrix(U), U), lambda, U);
  return {
    manifold: euclidean([op.rows, rank]),
    cost,
    egrad,
    costAndGrad: (U) => ({ cost: cost(U), egrad: egrad(U) }),
    ehessVec: (U, D) => {
      const delta = gemm(D, U, { transB: true });
      addScaled(delta, 1, gemm(U, D, { transB: true }));
      const S = symInPlace(op.adjoint(op.apply(delta)));
      return addScaled(gemm(gradientMatrix(U), D, { beta: 1, C: gemm(S, U) }), lambda, D);
    },
  };
}

/**
 * The general matrix sensing landscape over (U, V) ∈ ℝ^{m×r} × ℝ^{n×r} with the balancing term of
 * Procrustes flow (Tu, Boczar, Simchowitz, Soltanolkotabi & Recht, "Low-rank solutions of linear
 * matrix equations via Procrustes flow", ICML 2016):
 *
 *   f(U, V) = ½‖𝒜(UVᵀ) − y‖² + (β/8)‖UᵀU − VᵀV‖²_F + (λ/2)(‖U‖²_F + ‖V‖²_F),
 *   ∇_U f = M·V + (β/2)·U·B + λU,   ∇_V f = Mᵀ·U − (β/2)·V·B + λV,
 *
 * with M = 𝒜*(𝒜(UVᵀ) − y) and B = UᵀU − VᵀV. The balancing term removes the scaling ambiguity
 * (U, V) ~ (UG, VG⁻ᵀ), which keeps the factors' conditioning bounded and the landscape benign under
 * RIP (Ge, Jin & Zheng 2017; Park, Kyrillidis, Caramanis & Sanghavi 2017). Hessian-vector product at (U, V) along (A, C):
 * with S = 𝒜*𝒜(AVᵀ + UCᵀ) and dB = AᵀU + UᵀA − CᵀV − VᵀC,
 *   H_U = S·V + M·C + (β/2)(A·B + U·dB) + λA,   H_V = Sᵀ·U + Mᵀ·A − (β/2)(C·B + V·dB) + λC.
 * The residual and M are cached per point. λ = 0 by default; with λ > 0, λ is the nuclear-norm
 * weight of ½‖𝒜(Z) − y‖² + λ‖Z‖_* (the library's convention).
 *
 * @param operator a {@link GaussianOperator}.
 * @param y the count measurements, finite (copied).
 * @throws TypeError / RangeError for a bad operator, y or option, naming it.
 */
export function sensingProblem(operator: GaussianOperator, y: Float64Array, options: SensingProblemOptions): Problem<FactorPair> {
  const { op, y: b, rank, lambda, balance } = checkSensingArguments(operator, y, options, false);
  const cache = new WeakMap<FactorPair, { res: Float64Array; M?: Matrix }>();
  const at = (x: FactorPair): { res: Float64Array; M?: Matrix } => {
    let e = cache.get(x);
    if (e === undefined) {
      e = { res: residual(op, b, x[0], x[1]) };
      cache.set(x, e);
    }
    return e;
  };
  const gradientMatrix = (x: FactorPair): Matrix => {
    const e = at(x);
    e.M ??= op.adjoint(e.res);
    return e.M;
  };
  const imbalance = ([U, V]: FactorPair): Matrix => gemm(V, V, { transA: true, alpha: -1, beta: 1, C: gemm(U, U, { transA: true }) });
  const cost = (x: FactorPair): number =>
    halfSquaredNorm(at(x).res) + (balance / 4) * halfSquaredNorm(imbalance(x).data) +
    lambda * (halfSquaredNorm(x[0].data) + halfSquaredNorm(x[1].data));
  const egrad = (x: FactorPair): FactorPair => {
    const [U, V] = x;
    const M = gradientMatrix(x);
    const B = imbalance(x);
    const gu = addScaled(gemm(M, V), lambda, U);
    const gv = addScaled(gemm(M, U, { transA: true }), lambda, V);
    if (balance !== 0) {
      addScaled(gu, balance / 2, gemm(U, B));
      addScaled(gv, -balance / 2, gemm(V, B));
    }
    return [gu, gv];
  };
  return {
    manifold: product([euclidean([op.rows, rank]), euclidean([op.cols, rank])]) as unknown as Problem<FactorPair>["manifold"],
    cost,
    egrad,
    costAndGrad: (x) => ({ cost: cost(x), egrad: egrad(x) }),
    ehessVec: (x, d) => {
      const [U, V] = x;
      const [A, C] = d;
      const M = gradientMatrix(x);
      const delta = addScaled(gemm(A, V, { transB: true }), 1, gemm(U, C, { transB: true }));
      const S = op.adjoint(op.apply(delta));
      const hu = addScaled(addScaled(gemm(S, V), 1, gemm(M, C)), lambda, A);
      const hv = addScaled(addScaled(gemm(S, U, { transA: true }), 1, gemm(M, A, { transA: true })), lambda, C);
      if (balance !== 0) {
        const B = imbalance(x);
        const atu = gemm(A, U, { transA: true });
        const ctv = gemm(C, V, { transA: true });
        const dB = addScaled(addScaled(addScaled(atu, 1, transposeSquare(atu)), -1, ctv), -1, transposeSquare(ctv));
        addScaled(hu, balance / 2, addScaled(gemm(A, B), 1, gemm(U, dB)));
        addScaled(hv, -balance / 2, addScaled(gemm(C, B), 1, gemm(V, dB)));
      }
      return [hu, hv];
    },
  };
}

/** The transpose of a small square matrix, as a new matrix. */
function transposeSquare(a: Matrix): Matrix {
  const n = a.rows;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[j * n + i] = a.data[i * n + j];
  return { rows: n, cols: n, data };
}
