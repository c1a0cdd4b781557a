// The options and results of learnDictionary, and the validation of its options.
import type { Matrix } from "../../matrix.js";
import type { History } from "../../solvers/history.js";
import { resolveCommonOptions, type CommonOptions, type SolverOptions } from "../../solvers/options.js";
import type { StopReason } from "../../solvers/result.js";
import { checkChoice, checkFinite, checkInteger, checkMatrix, describe } from "../../validate.js";

/** The methods of {@link learnDictionary}. */
export type DictionaryLearningMethod = "batch" | "online";

/** The sparse coders {@link learnDictionary} alternates with the dictionary updates. */
export type DictionaryCoding = "cd" | "fista" | "omp";

/**
 * Why a run of {@link learnDictionary} stopped: the solvers' reasons, plus
 * `"objective-tolerance"`: the per-sample objective changed by at most `tolerance` relatively
 * over one iteration (counts as converged, as `"gradient-tolerance"` does).
 */
export type DictionaryLearningStopReason = StopReason | "objective-tolerance";

/** Options of {@link learnDictionary}. */
export interface LearnDictionaryOptions extends Omit<SolverOptions<Matrix>, "seed"> {
  /** K ≥ 1, the number of atoms (columns of the dictionary): at most the number of nonzero samples. */
  atoms: number;
  /**
   * λ ≥ 0, the weight of λ‖X‖₁ (`coding` "cd" and "fista": required; not used by "omp").
   * @defaultValue none: required with "cd" and "fista"
   */
  lambda?: number;
  /**
   * `"batch"`: every iteration codes all samples (warm-started) and updates every atom from the
   * sufficient statistics B = XXᵀ, C = YXᵀ; `"online"`: minibatches of `batchSize` samples in a
   * seeded random order, each coded and folded into running statistics with Mairal et al.'s
   * forgetting factor, the atoms updated after each; an iteration is one pass over the samples
   * (an epoch), recorded with the objective of all samples coded with the current dictionary.
   * @defaultValue "batch"
   */
  method?: DictionaryLearningMethod;
  /**
   * The coding step: `"cd"` (coordinate descent on the lasso, a descent method: with it the
   * recorded objective of `"batch"` never rises), `"fista"` (the lasso by accelerated proximal
   * gradient: cheaper for very large dictionaries, not monotone), or `"omp"` (orthogonal matching
   * pursuit to `residualTolerance` and/or `sparsity` atoms: the ℓ⁰ model of K-SVD, objective
   * ½‖y − Ax‖², λ not used; no `mask`).
   * @defaultValue "cd"
   */
  coding?: DictionaryCoding;
  /**
   * `"omp"`: the most atoms a code may use.
   * @defaultValue min(n, atoms) when `residualTolerance` is given (one of the two is required)
   */
  sparsity?: number;
  /**
   * `"omp"`: each code stops once ‖y − Ax‖² ≤ residualTolerance (for noise of standard deviation
   * σ, n·(1.15σ)²: Elad & Aharon 2006).
   * @defaultValue 0 (codes of `sparsity` atoms)
   */
  residualTolerance?: number;
  /**
   * `"cd"`, `"fista"`: the iterations (sweeps, steps) each code may take per coding step. The
   * codes start from the previous ones, so a few sweeps per step suffice; the dictionary moves
   * between steps anyway.
   * @defaultValue 10 ("cd"), 50 ("fista")
   */
  codingIterations?: number;
  /**
   * `"cd"`, `"fista"`: a code stops early once its relative KKT residual (see `sparseCode`) is at
   * most this.
   * @defaultValue 1e-4
   */
  codingTolerance?: number;
  /**
   * How many passes of block-coordinate descent over the atoms each dictionary update makes
   * (measured on the digits: 3 reaches a given objective in about half the iterations of 1, at a
   * small cost per iteration, the atom updates being cheap next to the coding).
   * @defaultValue 3
   */
  updatePasses?: number;
  /**
   * The start: `"samples"` (K distinct nonzero samples drawn at random from `seed`, normalized),
   * `"svd"` (the K leading left singular vectors of Y, i.e. eigenvectors of YYᵀ, completed by
   * samples when K > n), or an n×K matrix whose columns are normalized (none may be zero).
   * @defaultValue "svd"
   */
  init?: "samples" | "svd" | Matrix;
  /**
   * Which entries of Y are observed: a row-major Uint8Array of n·p entries, 1 observed, 0
   * missing (as `uniformMask` makes). Missing entries do not enter the fit (they may hold
   * anything, NaN included). Needs `coding` "cd".
   * @defaultValue every entry observed
   */
  mask?: Uint8Array;
  /**
   * `"online"`: the samples per minibatch, η.
   * @defaultValue min(256, p)
   */
  batchSize?: number;
  /**
   * Stop when the per-sample objective changes by at most this, relatively, over one iteration
   * (reason `"objective-tolerance"`). 0 never stops on it.
   * @defaultValue 1e-6
   */
  tolerance?: number;
  /**
   * Seed of the start ("samples"), of the samples that replace dead atoms, and of the order of
   * the samples ("online").
   * @defaultValue 1
   */
  seed?: number;
}

/** The run record of {@link learnDictionary}. */
export interface DictionaryLearningRecord {
  /** Iterations recorded after the start (batch iterations, or epochs for "online"). */
  readonly iterations: number;
  /** True when the run stopped on `tolerance` or `gradientTolerance`. */
  readonly converged: boolean;
  readonly reason: DictionaryLearningStopReason;
  /** Milliseconds from the call to the return. */
  readonly time: number;
  /** How many dead atoms (used by no code) were replaced by badly fitted samples. */
  readonly atomsReplaced: number;
  /** "online": the minibatches processed. */
  readonly minibatches: number;
}

/** What {@link learnDictionary} returns. */
export interface DictionaryLearningResult {
  /** n×K, unit-norm atoms in the columns. */
  readonly dictionary: Matrix;
  /** K×p, column j coding sample j with the final dictionary. */
  readonly codes: Matrix;
  /**
   * The per-sample objective of the result, (1/p)·Σⱼ (½‖yⱼ − Axⱼ‖² + λ‖xⱼ‖₁) (with a mask only the
   * observed entries count; "omp": λ = 0).
   */
  readonly objective: number;
  /**
   * Per iteration (entry 0 the start's codes): `cost` the per-sample objective, `gradientNorm`
   * the relative stationarity of the dictionary (see `learnDictionary`), `step` ‖Aₜ − Aₜ₋₁‖_F,
   * `time` in ms.
   */
  readonly history: History;
  readonly result: DictionaryLearningRecord;
}

/** The validated options. */
export interface ResolvedDictionaryOptions {
  atoms: number;
  lambda: number;
  method: DictionaryLearningMethod;
  coding: DictionaryCoding;
  sparsity: number | undefined;
  residualTolerance: number | undefined;
  codingIterations: number;
  codingTolerance: number;
  updatePasses: number;
  init: "samples" | "svd" | Matrix;
  mask: Uint8Array | undefined;
  batchSize: number;
  tolerance: number;
  common: CommonOptions<Matrix>;
}

const OWN_KEYS = [
  "atoms", "lambda", "method", "coding", "sparsity", "residualTolerance", "codingIterations", "codingTolerance",
  "updatePasses", "init", "mask", "batchSize", "tolerance",
] as const;

/**
 * Validates the options for n×p samples (unknown keys rejected). The data-dependent checks
 * (atoms against the nonzero samples, the init's entries) are the front door's.
 *
 * @throws TypeError / RangeError naming the option and its value.
 */
export function resolveDictionaryOptions(options: unknown, n: number, p: number): ResolvedDictionaryOptions {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`invalid options: expected an options object with at least atoms, got ${describe(options)}`);
  }
  const o = options as LearnDictionaryOptions;
  const common = resolveCommonOptions<Matrix>(o, { maxIterations: 1000 }, OWN_KEYS);
  if (o.atoms === undefined) throw new TypeError("invalid atoms: expected the number of atoms (an integer ≥ 1), got undefined");
  const atoms = checkInteger("atoms", o.atoms, 1);
  const method = checkChoice("method", o.method ?? "batch", ["batch", "online"] as const);
  const coding = checkChoice("coding", o.coding ?? "cd", ["cd", "fista", "omp"] as const);
  let lambda = 0;
  let sparsity: number | undefined;
  let residualTolerance: number | undefined;
  if (coding === "omp") {
    for (const key of ["lambda", "codingIterations", "codingTolerance"] as const) {
      if (o[key] !== undefined) throw new TypeError(`invalid ${key}: not an option of coding "omp" (it takes sparsity and residualTolerance)`);
    }
    if (o.sparsity === undefined && o.residualTolerance === undefined) {
      throw new TypeError('invalid options: coding "omp" needs sparsity or residualTolerance (or both)');
    }
    sparsity = o.sparsity === undefined ? undefined : checkInteger("sparsity", o.sparsity, 1, Math.max(1, Math.min(n, atoms)));
    residualTolerance = o.residualTolerance === undefined ? undefined : checkFinite("residualTolerance", o.residualTolerance, 0);
  } else {
    for (const key of ["sparsity", "residualTolerance"] as const) {
      if (o[key] !== undefined) throw new TypeError(`invalid ${key}: an option of coding "omp" only, got coding "${coding}"`);
    }
    if (o.lambda === undefined) throw new TypeError(`invalid lambda: expected a finite number ≥ 0 (required with coding "${coding}"), got undefined`);
    lambda = checkFinite("lambda", o.lambda, 0);
  }
  const mask = o.mask === undefined ? undefined : checkMask(o.mask, n, p);
  if (mask !== undefined && coding !== "cd") throw new TypeError(`invalid mask: a mask needs coding "cd", got coding "${coding}"`);
  return {
    atoms,
    lambda,
    method,
    coding,
    sparsity,
    residualTolerance,
    codingIterations: checkInteger("codingIterations", o.codingIterations ?? (coding === "fista" ? 50 : 10), 1),
    codingTolerance: checkFinite("codingTolerance", o.codingTolerance ?? 1e-4, 0),
    updatePasses: checkInteger("updatePasses", o.updatePasses ?? 3, 1),
    init: checkInit(o.init ?? "samples", n, atoms),
    mask,
    batchSize: checkInteger("batchSize", o.batchSize ?? Math.max(1, Math.min(256, p)), 1),
    tolerance: checkFinite("tolerance", o.tolerance ?? 1e-6, 0),
    common,
  };
}

function checkMask(mask: unknown, n: number, p: number): Uint8Array {
  if (!(mask instanceof Uint8Array)) throw new TypeError(`invalid mask: expected a Uint8Array of ${n}·${p} entries (1 observed, 0 missing), got ${describe(mask)}`);
  if (mask.length !== n * p) throw new RangeError(`invalid mask: expected ${n * p} entries (n·p = ${n}·${p}, row-major like Y), got ${mask.length}`);
  for (let t = 0; t < mask.length; t++) {
    if (mask[t] > 1) throw new RangeError(`invalid mask: mask[${t}] = ${mask[t]}; expected 0 (missing) or 1 (observed)`);
  }
  return mask;
}

function checkInit(init: unknown, n: number, K: number): "samples" | "svd" | Matrix {
  if (typeof init === "string") return checkChoice("init", init, ["samples", "svd"] as const);
  const m = checkMatrix("init", init);
  if (m.rows !== n || m.cols !== K) throw new RangeError(`invalid init: expected an ${n}×${K} matrix (n × atoms), got ${describe(m)}`);
  const norms = new Float64Array(K);
  for (let t = 0; t < m.data.length; t++) {
    const v = m.data[t];
    if (!Number.isFinite(v)) throw new RangeError(`invalid init: init[${Math.floor(t / K)}, ${t % K}] = ${v}; expected finite values`);
    norms[t % K] += v * v;
  }
  const zero = norms.findIndex((s) => s === 0);
  if (zero >= 0) throw new RangeError(`invalid init: column ${zero} (atom ${zero}) is zero; every atom must be nonzero`);
  return m;
}

