// The options of sparseCode and of its resident form: per method, validated once, with defaults.
import { COMMON_OPTION_KEYS, resolveCommonOptions, type CommonOptions, type SolverOptions } from "../../solvers/options.js";
import { checkBoolean, checkChoice, checkFinite, checkInteger, checkOptions, describe } from "../../validate.js";

/** The sparse coders of {@link sparseCode}. */
export type SparseCodeMethod = "fista" | "cd" | "omp";

/** The options every form of sparse coding takes (the solver options besides). */
export interface SparseCodeMethodOptions {
  /**
   * `"fista"`: accelerated proximal gradient on all columns at once; `"cd"`: coordinate descent
   * on the Gram matrix (for small dictionaries); `"omp"`: orthogonal matching pursuit (ℓ⁰).
   * @defaultValue "fista"
   */
  method?: SparseCodeMethod;
  /**
   * λ ≥ 0, the weight of λ‖x‖₁ (`"fista"`, `"cd"`).
   * @defaultValue none: required with `"fista"` and `"cd"` (a TypeError without it); not accepted with `"omp"`
   */
  lambda?: number;
  /**
   * Constrain the codes to x ≥ 0 (the objective is then ½‖y − Ax‖² + λΣxᵢ) (`"fista"`, `"cd"`).
   * @defaultValue false
   */
  nonnegative?: boolean;
  /**
   * `"fista"`: form the Gram matrix G = AᵀA (K² entries, once) and compute each iteration's
   * gradient through it — over the codes' nonzeros while they are sparse (2K·nnz flops), else by
   * one gemm (2K²) — besides through A (two gemms, 4nK); each iteration takes the cheapest route.
   * `false` keeps only the route through A (for very large K).
   * @defaultValue K ≤ max(2n, 2048)
   */
  gram?: boolean;
  /**
   * `"omp"`: the most atoms a code may use, in [1, min(n, K)].
   * @defaultValue min(n, K) when `residualTolerance` is given (one of the two is required)
   */
  sparsity?: number;
  /**
   * `"omp"`: stop a column once ‖y − Ax‖² ≤ residualTolerance (the denoising target is
   * n·(Cσ)² for noise of standard deviation σ, C ≈ 1.15: Elad & Aharon 2006). ‖y − Ax‖² is
   * tracked as ‖y‖² − ‖Ax‖² (Batch-OMP), to about 1e-15·‖y‖²: smaller targets act as 0.
   * @defaultValue 0 (stop at `sparsity` atoms)
   */
  residualTolerance?: number;
  /**
   * How many columns are iterated together (the working set; a column that finishes hands its
   * place to the next). Memory and speed only: each column's iterates do not depend on it.
   * @defaultValue about 2²⁴ flops' worth of one dense iteration (256 columns for n = 64, K = 256), at most 4096
   */
  batchSize?: number;
}

/** The validated options, with defaults filled in. */
export interface ResolvedSparseCode<P> {
  method: SparseCodeMethod;
  lambda: number;
  nonnegative: boolean;
  /** Whether the iterations use G (always for "cd" and "omp"). */
  gram: boolean;
  /** "omp": the most atoms per code. */
  sparsity: number;
  /** "omp": the target of ‖y − Ax‖². */
  residualTolerance: number;
  /** The working set's size (at least 1). */
  batchSize: number;
  /**
   * The per-column stop on the measure each method records: the relative KKT residual
   * ("fista", "cd") or the residual norm ("omp": √residualTolerance).
   */
  tolerance: number;
  /** Iterations allowed per column ("omp": sparsity). */
  maxIterations: number;
  common: CommonOptions<P>;
}

const METHOD_KEYS: Record<SparseCodeMethod, readonly string[]> = {
  fista: ["lambda", "nonnegative", "gram", "maxIterations", "gradientTolerance"],
  cd: ["lambda", "nonnegative", "maxIterations", "gradientTolerance"],
  omp: ["sparsity", "residualTolerance"],
};
const SHARED_KEYS = ["method", "batchSize", ...COMMON_OPTION_KEYS.filter((k) => k !== "maxIterations" && k !== "gradientTolerance")];

/**
 * Validates the options of a sparse coding of p columns of length n against K atoms: unknown
 * keys and keys of another method are rejected (`startKeys` name the start option of the calling
 * form: `init` or `warmStart`, for "fista" and "cd"), numbers checked, defaults filled in.
 *
 * @throws TypeError / RangeError naming the option and its value.
 */
export function resolveSparseCodeOptions<P>(
  options: unknown, dims: { n: number; K: number; p: number }, startKeys: readonly string[],
): ResolvedSparseCode<P> {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`invalid options: expected an options object, got ${describe(options)}`);
  }
  const o = options as SparseCodeMethodOptions & SolverOptions<P>;
  const method = checkChoice("method", o.method ?? "fista", ["fista", "cd", "omp"] as const);
  const ownStart = method === "omp" ? [] : startKeys;
  checkOptions(`options (method "${method}")`, options, [...SHARED_KEYS, ...METHOD_KEYS[method], ...ownStart]);
  const { n, K, p } = dims;
  const lambda = method === "omp" ? 0 : checkFinite("lambda", o.lambda, 0);
  const nonnegative = method === "omp" ? false : checkBoolean("nonnegative", o.nonnegative ?? false);
  const gram = method === "fista" ? checkBoolean("gram", o.gram ?? K <= Math.max(2 * n, 2048)) : true;
  let sparsity = 0;
  let residualTolerance = 0;
  if (method === "omp") {
    if (o.sparsity === undefined && o.residualTolerance === undefined) {
      throw new TypeError(`invalid options: method "omp" needs sparsity or residualTolerance (or both)`);
    }
    sparsity = checkInteger("sparsity", o.sparsity ?? Math.min(n, K), 1, Math.max(1, Math.min(n, K)));
    residualTolerance = checkFinite("residualTolerance", o.residualTolerance ?? 0, 0);
  }
  const common = resolveCommonOptions<P>(o, { maxIterations: 1000 }, [...SHARED_KEYS, ...METHOD_KEYS[method], ...ownStart]);
  // The flops of one iteration per column, dense (the sparse routes only do better).
  const rowCost = method === "omp" ? 2 * K * sparsity + 4 * K : Math.min(gram ? 2 * K * K : Infinity, 4 * n * K);
  const batchSize = o.batchSize === undefined
    ? Math.min(Math.max(1, p), Math.max(16, Math.min(4096, Math.round(2 ** 24 / Math.max(1, rowCost)))))
    : checkInteger("batchSize", o.batchSize, 1);
  return {
    method, lambda, nonnegative, gram, sparsity, residualTolerance, batchSize,
    tolerance: method === "omp" ? Math.sqrt(residualTolerance) : common.gradientTolerance,
    maxIterations: method === "omp" ? sparsity : common.maxIterations,
    common,
  };
}
