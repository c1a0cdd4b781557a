// The factored matrix completion cost ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖² + ‖V‖²) + (β/8)‖UᵀU − VᵀV‖²
// on ℝ^{m×r} × ℝ^{n×r}, with its data kept in wasm memory for the life of the problem.
import type { Matrix } from "../matrix.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { kernels, runtime } from "../runtime/init.js";
import { gemm } from "../kernels/blas/gemm.js";
import { csrSampledResidualBuffer, sampledProductBuffer } from "../kernels/sparse/sampled.js";
import { sparseTimesDenseBuffer, sparseTransposeTimesDenseBuffer } from "../kernels/sparse/times-dense.js";
import type { CsrBuffers, SparseKernels } from "../kernels/sparse/types.js";
import { euclidean } from "../manifolds/euclidean.js";
import { checkMat } from "../manifolds/manifold.js";
import type { Manifold } from "../manifolds/manifold.js";
import { product } from "../manifolds/product.js";
import type { Problem } from "../problems/problem.js";
import { checkFinite, checkInteger, checkOptions, describe } from "../validate.js";
import { checkObservedShape, type Observed } from "./observed.js";
import { prepareObserved } from "./observed-matrix.js";

/** A point (U, V) of the factor space: U is m×r, V is n×r, the matrix they represent is UVᵀ. */
export type FactorPoint = readonly [Matrix, Matrix];

/** Options of {@link matrixCompletion}. */
export interface MatrixCompletionOptions {
  /** r: the number of columns of U and V, an integer in [1, min(m, n)]. */
  rank: number;
  /**
   * λ ≥ 0, the weight of (λ/2)(‖U‖²_F + ‖V‖²_F) — the variational form of λ‖UVᵀ‖_* (nuclear norm).
   * @defaultValue 0
   */
  lambda?: number;
  /**
   * β ≥ 0, the weight of the balancing term (β/8)‖UᵀU − VᵀV‖²_F.
   * @defaultValue 0
   */
  balance?: number;
}

/** A {@link Problem} on the factors that owns wasm memory until {@link MatrixCompletionProblem.dispose}. */
export interface MatrixCompletionProblem extends Problem<FactorPoint> {
  readonly rows: number;
  readonly cols: number;
  readonly rank: number;
  readonly lambda: number;
  readonly balance: number;
  costAndGrad(x: FactorPoint): { cost: number; egrad: FactorPoint };
  ehessVec(x: FactorPoint, u: FactorPoint): FactorPoint;
  /** |Ω|, the number of observed entries. */
  readonly observedCount: number;
  /** True once disposed; every evaluation then throws. */
  readonly disposed: boolean;
  /** Frees the wasm buffers (the observed entries, their CSR structure, the workspaces). Idempotent. */
  dispose(): void;
  /** Same as `dispose()`, for `using problem = matrixCompletion(…)`. */
  [Symbol.dispose](): void;
}

interface Blas1 {
  dot(n: number, x: number, incx: number, y: number, incy: number): number;
}

const disposeSymbol: typeof Symbol.dispose =
  (Symbol as { dispose?: typeof Symbol.dispose }).dispose ?? (Symbol.for("Symbol.dispose") as typeof Symbol.dispose);

/** ‖a‖²_F of a dense array. */
function squaredNorm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/** out ← out + α·a, elementwise. */
function addScaled(out: Float64Array, alpha: number, a: Float64Array): void {
  if (alpha === 0) return;
  for (let i = 0; i < out.length; i++) out[i] += alpha * a[i];
}

/** The symmetric r×r matrix AᵀA − BᵀB. */
function gramDifference(a: Matrix, b: Matrix): Matrix {
  return gemm(b, b, { transA: true, alpha: -1, beta: 1, C: gemm(a, a, { transA: true }) });
}

/**
 * The factored (Burer–Monteiro) matrix completion problem on the product ℝ^{m×r} × ℝ^{n×r}
 * (points `[U, V]`, the Euclidean product manifold — the "factor manifold"):
 *
 *   F(U, V) = ½·Σ_{(i,j)∈Ω} (⟨Uᵢ, Vⱼ⟩ − yᵢⱼ)² + (λ/2)(‖U‖²_F + ‖V‖²_F) + (β/8)·‖UᵀU − VᵀV‖²_F.
 *
 * With R = P_Ω(UVᵀ − Y) (the residual on Ω, a sparse m×n matrix) and D = UᵀU − VᵀV:
 * ∇_U F = R·V + λU + (β/2)·U·D, ∇_V F = Rᵀ·U + λV − (β/2)·V·D, and along (U̇, V̇), with
 * Ṙ = P_Ω(U̇Vᵀ + UV̇ᵀ) and Ḋ = U̇ᵀU + UᵀU̇ − V̇ᵀV − VᵀV̇:
 * ∇²F[U̇, V̇] = (ṘV + RV̇ + λU̇ + (β/2)(U̇D + UḊ), ṘᵀU + RᵀU̇ + λV̇ − (β/2)(V̇D + VḊ)).
 *
 * The data term is the Σ_Ω(·)² halved, so that λ is exactly the nuclear-norm weight of
 * min ½‖P_Ω(Z − Y)‖² + λ‖Z‖_* (soft-impute): min over UVᵀ = Z of (‖U‖² + ‖V‖²)/2 is ‖Z‖_*
 * (Srebro, Rennie & Jaakkola 2005; Mazumder, Hastie & Tibshirani 2010, §8), so the two problems
 * share their solutions once r ≥ rank of the solution. For λ > 0 every critical point is balanced
 * (UᵀU = VᵀV follows from the two gradient equations).
 *
 * Balancing term. The data term is invariant under (U, V) → (UG, VG⁻ᵀ) for every invertible G
 * (GL(r)); along that orbit the factors can become badly scaled, which slows gradient methods.
 * (β/8)‖UᵀU − VᵀV‖²_F (Tu, Boczar, Simchowitz, Soltanolkotabi & Recht, "Low-rank solutions of
 * linear matrix equations via Procrustes flow", ICML 2016; Zheng & Lafferty 2016; Ge, Jin & Zheng,
 * "No spurious local minima in nonconvex low rank problems", ICML 2017, §5) is zero exactly on the
 * balanced factorizations, so it changes no minimizer's product UVᵀ. Weight convention: β = 1
 * gives 1/8 against the ½ of the data term, the ratio at which, on a fully observed Y, the cost
 * is a symmetric factorization of the lifted W = [U; V] (the lifting of Ge, Jin & Zheng, §5):
 * F = (1/8)‖WWᵀ − 2[0 Y; Yᵀ 0]‖²_F − ½‖Y‖²_F (tested). The papers differ in their constants;
 * any weight of the data term's order removes the ambiguity. With a sampled data term of size
 * ≈ p·½‖UVᵀ − Y‖² (p = |Ω|/(mn)), the matched weight is β ≈ p.
 *
 * Lifetime: the observed entries (as CSR, sorted by row then column), the current point's factors
 * and residual, and the workspaces live in wasm memory owned by the problem, so an evaluation
 * copies in only the factors (O((m + n)r)) and copies out only the gradient. Call `dispose()`
 * (or `[Symbol.dispose]`, or `using`) when done — the completion methods do so in `finally`.
 * Evaluations of one point share its residual: the problem remembers the last point it evaluated
 * (by identity; points are immutable by the library's convention) with R in wasm, so
 * `costAndGrad` after `cost` of the same point, and every Hessian-vector product at it, reuse R.
 * Each cost + gradient is 3 passes over Ω (the residual, R·V, Rᵀ·U by scatter); a
 * Hessian-vector product is 6.
 *
 * NaN/Inf: the observed values must be finite (RangeError, from `checkObserved`); non-finite
 * factors propagate into the cost and gradient.
 *
 * @param observed the observed entries Ω with their values y (validated; copied into wasm).
 * @throws TypeError / RangeError for bad observed entries or options (before any allocation);
 *   RangeError if wasm memory cannot grow to hold the data.
 */
export function matrixCompletion(observed: Observed, options: MatrixCompletionOptions): MatrixCompletionProblem {
  const obs = checkObservedShape("observed", observed);
  if (options === undefined) throw new TypeError("invalid options: expected { rank, lambda?, balance? }, got undefined");
  checkOptions("options", options, ["rank", "lambda", "balance"]);
  const m = obs.rows;
  const n = obs.cols;
  const rank = checkInteger("rank", options.rank, 1, Math.max(1, Math.min(m, n)));
  if (m === 0 || n === 0) throw new RangeError(`invalid observed: expected a matrix with rows and columns, got ${m}×${n}`);
  const lambda = checkFinite("lambda", options.lambda ?? 0, 0);
  const balance = checkFinite("balance", options.balance ?? 0, 0);
  const matrix = prepareObserved("observed", obs, { compact: false });
  try {
    return factorProblem(matrix.byRow, { rank, lambda, balance }, matrix.dispose);
  } catch (error) {
    matrix.dispose();
    throw error;
  }
}

/**
 * The problem of {@link matrixCompletion} on observations already in wasm memory as S (CSR, m×n;
 * trusted and borrowed: its values must not change while the problem lives); `release` is called
 * once by `dispose()`. For the completion methods, which share S.
 */
export function factorProblem(
  S: CsrBuffers, model: { rank: number; lambda: number; balance: number }, release: () => void,
): MatrixCompletionProblem {
  const { rows: m, cols: n } = S;
  const { rank: r, lambda, balance } = model;
  const nnz = S.colIdx.length;
  const rt = runtime();
  const { arena } = rt;
  const { dot } = kernels<Blas1>();
  const owned: WasmBuffer[] = [];
  const own = <B extends WasmBuffer>(b: B): B => (owned.push(b), b);
  let disposed = false;
  const dispose = (): void => {
    if (!disposed) release();
    disposed = true;
    owned.forEach((b) => b.dispose());
    owned.length = 0;
  };

  let ub: WasmBuffer<"f64">, vb: WasmBuffer<"f64">, res: WasmBuffer<"f64">, gu: WasmBuffer<"f64">, gv: WasmBuffer<"f64">;
  try {
    ub = own(arena.f64(m * r));
    vb = own(arena.f64(n * r));
    res = own(arena.f64(nnz));
    gu = own(arena.f64(m * r));
    gv = own(arena.f64(n * r));
  } catch (error) {
    owned.forEach((b) => b.dispose()); // memory could not grow: free what was taken (S is the caller's)
    throw error;
  }
  /** The residual R with the pattern of S: `S` with the values of `values`. */
  const withValues = (values: WasmBuffer<"f64">): CsrBuffers => ({ ...S, value: values });
  const R = withValues(res);
  const rankOnly = { rank: r, check: false };

  // Workspaces of the Hessian-vector product, allocated at its first call.
  let hess: { du: WasmBuffer<"f64">; dv: WasmBuffer<"f64">; dr: WasmBuffer<"f64">; row: WasmBuffer<"i32"> } | undefined;
  const hessWorkspace = (): NonNullable<typeof hess> => {
    if (hess === undefined) {
      const row = own(arena.i32(nnz));
      kernels<SparseKernels>().csrRowIndices(row.ptr, m, S.rowPtr.ptr);
      hess = { du: own(arena.f64(m * r)), dv: own(arena.f64(n * r)), dr: own(arena.f64(nnz)), row };
    }
    return hess;
  };

  const manifold: Manifold<FactorPoint> = product([euclidean([m, r]), euclidean([n, r])] as const);

  const checkPoint = (name: string, x: unknown): FactorPoint => {
    if (disposed) throw new Error("matrixCompletion: the problem was disposed");
    if (runtime() !== rt) throw new Error("matrixCompletion: init() switched builds since the problem was made; make a new one");
    if (!Array.isArray(x) || x.length !== 2) {
      throw new TypeError(`invalid ${name}: expected a factor pair [U, V], got ${describe(x)}`);
    }
    checkMat(`${name}[0]`, x[0], m, r);
    checkMat(`${name}[1]`, x[1], n, r);
    return x as unknown as FactorPoint;
  };

  // The point whose factors are in ub/vb and whose residual is in res, with D = UᵀU − VᵀV.
  let current: FactorPoint | undefined;
  let currentD: Matrix | undefined;
  const load = (x: FactorPoint): void => {
    if (x === current) return;
    current = undefined; // stays unset if an upload throws
    ub.view.set(x[0].data);
    vb.view.set(x[1].data);
    csrSampledResidualBuffer(res, ub, vb, S, rankOnly);
    currentD = balance > 0 ? gramDifference(x[0], x[1]) : undefined;
    current = x;
  };

  const cost = (point: FactorPoint): number => {
    const x = checkPoint("x", point);
    load(x);
    let f = 0.5 * dot(nnz, res.ptr, 1, res.ptr, 1);
    if (lambda > 0) f += (lambda / 2) * (squaredNorm(x[0].data) + squaredNorm(x[1].data));
    if (currentD !== undefined) f += (balance / 8) * squaredNorm(currentD.data);
    return f;
  };

  const costAndGrad = (point: FactorPoint): { cost: number; egrad: FactorPoint } => {
    const f = cost(point);
    const [U, V] = point;
    sparseTimesDenseBuffer(gu, R, vb, rankOnly);
    sparseTransposeTimesDenseBuffer(gv, R, ub, rankOnly);
    const gU = gu.view.slice();
    const gV = gv.view.slice();
    addScaled(gU, lambda, U.data);
    addScaled(gV, lambda, V.data);
    if (currentD !== undefined) {
      addScaled(gU, balance / 2, gemm(U, currentD).data);
      addScaled(gV, -balance / 2, gemm(V, currentD).data);
    }
    return { cost: f, egrad: [{ rows: m, cols: r, data: gU }, { rows: n, cols: r, data: gV }] };
  };

  const ehessVec = (point: FactorPoint, direction: FactorPoint): FactorPoint => {
    const x = checkPoint("x", point);
    const [dU, dV] = checkPoint("u", direction);
    load(x);
    const [U, V] = x;
    const w = hessWorkspace();
    // dr = −Ṙ = −P_Ω(U̇Vᵀ) − P_Ω(UV̇ᵀ): first P_Ω(UV̇ᵀ), then the residual of −U̇ against it.
    w.dv.view.set(dV.data);
    const du = w.du.view;
    for (let k = 0; k < du.length; k++) du[k] = -dU.data[k];
    sampledProductBuffer(w.dr, ub, w.dv, w.row, S.colIdx, { rows: m, cols: n, rank: r, check: false });
    csrSampledResidualBuffer(w.dr, w.du, vb, withValues(w.dr), rankOnly);
    const minusRdot = withValues(w.dr);
    // H_U = ṘV + RV̇, H_V = ṘᵀU + RᵀU̇ (w.du holds −U̇).
    sparseTimesDenseBuffer(gu, minusRdot, vb, { ...rankOnly, alpha: -1 });
    sparseTimesDenseBuffer(gu, R, w.dv, { ...rankOnly, beta: 1 });
    sparseTransposeTimesDenseBuffer(gv, minusRdot, ub, { ...rankOnly, alpha: -1 });
    sparseTransposeTimesDenseBuffer(gv, R, w.du, { ...rankOnly, alpha: -1, beta: 1 });
    const hU = gu.view.slice();
    const hV = gv.view.slice();
    addScaled(hU, lambda, dU.data);
    addScaled(hV, lambda, dV.data);
    if (currentD !== undefined) {
      // (β/2)(U̇D + UḊ) and −(β/2)(V̇D + VḊ), Ḋ = U̇ᵀU + UᵀU̇ − V̇ᵀV − VᵀV̇.
      const a = gemm(dU, U, { transA: true });
      const b = gemm(dV, V, { transA: true });
      const dD = new Float64Array(r * r);
      for (let i = 0; i < r; i++) {
        for (let j = 0; j < r; j++) dD[i * r + j] = a.data[i * r + j] + a.data[j * r + i] - b.data[i * r + j] - b.data[j * r + i];
      }
      const Ddot: Matrix = { rows: r, cols: r, data: dD };
      const half = balance / 2;
      addScaled(hU, half, gemm(U, Ddot, { beta: 1, C: gemm(dU, currentD) }).data);
      addScaled(hV, -half, gemm(V, Ddot, { beta: 1, C: gemm(dV, currentD) }).data);
    }
    return [{ rows: m, cols: r, data: hU }, { rows: n, cols: r, data: hV }];
  };

  return {
    manifold,
    rows: m,
    cols: n,
    rank: r,
    lambda,
    balance,
    observedCount: nnz,
    get disposed() {
      return disposed;
    },
    cost,
    egrad: (x) => costAndGrad(x).egrad,
    costAndGrad,
    ehessVec,
    dispose,
    [disposeSymbol]: dispose,
  };
}
