// The options and results of learnOrthogonalDictionary, and the validation of its options.
import type { Matrix } from "../../matrix.js";
import type { History } from "../../solvers/history.js";
import { resolveCommonOptions, type CommonOptions, type SolverOptions } from "../../solvers/options.js";
import type { IterationInfo, StopReason } from "../../solvers/result.js";
import { checkChoice, checkFinite, checkInteger, checkMatrix, describe } from "../../validate.js";

/** The methods of {@link learnOrthogonalDictionary}. */
export type OrthogonalDictionaryMethod = "msp" | "sphere" | "subgradient";
export const METHODS: readonly OrthogonalDictionaryMethod[] = ["msp", "sphere", "subgradient"];

/**
 * Why a run stopped: the solvers' reasons, plus
 * - `"objective-tolerance"` (`"msp"`): the objective changed by at most `tolerance` relatively;
 * - `"step-tolerance"` (`"subgradient"`): the geometric step fell below `stepTolerance`.
 * Both count as converged, as `"gradient-tolerance"` does.
 */
export type DictionaryStopReason = StopReason | "objective-tolerance" | "step-tolerance";

/** The reasons that count as convergence. */
export const CONVERGED: ReadonlySet<DictionaryStopReason> = new Set(["gradient-tolerance", "objective-tolerance", "step-tolerance"]);

/**
 * The record passed to `onIteration`. For `"msp"`, `point` is the current dictionary (n×n) and
 * `atom` is −1; for the atom-by-atom methods, `point` is the current estimate of atom `atom`
 * (a unit n-vector) and `cost`, `gradientNorm` are those of that atom's subproblem. `iteration`
 * is the index into the result's `history`.
 */
export interface DictionaryIterationInfo extends IterationInfo<Matrix | Float64Array> {
  readonly atom: number;
}

/** Options of {@link learnOrthogonalDictionary}. */
export interface LearnOrthogonalDictionaryOptions extends Omit<SolverOptions<unknown>, "onIteration"> {
  /**
   * `"msp"`: ℓ⁴-norm maximization over O(n) by matching, stretching and projection (all atoms at
   * once); `"sphere"`: one atom at a time by Riemannian trust regions on a smoothed ℓ¹ objective
   * over the sphere, LP rounding and deflation; `"subgradient"`: one atom at a time by Riemannian
   * subgradient descent on the ℓ¹ objective over the sphere, with deflation.
   * @defaultValue "msp"
   */
  method?: OrthogonalDictionaryMethod;
  /**
   * Called after the start and every iteration (see {@link DictionaryIterationInfo}); `false` or `"stop"` stops the run.
   * @defaultValue none
   */
  onIteration?: (info: DictionaryIterationInfo) => boolean | "stop" | void;
  /**
   * Code entries with |xᵢⱼ| ≤ codeThreshold are set to 0 (hard thresholding of dictionaryᵀ·Y,
   * in the units of Y). 0 keeps the exact codes dictionaryᵀ·Y.
   * @defaultValue 0
   */
  codeThreshold?: number;
  /**
   * `"msp"`: the start, `"random"` (Haar-distributed on O(n), from `seed`) or an n×n orthogonal
   * dictionary (atoms as columns; orthonormal to within 1e-8).
   * @defaultValue "random"
   */
  init?: "random" | Matrix;
  /**
   * `"msp"`: stop when the objective changes by at most this, relatively: |fₜ − fₜ₋₁| ≤ tolerance·|fₜ|
   * (reason `"objective-tolerance"`).
   * @defaultValue 1e-10
   */
  tolerance?: number;
  /**
   * `"msp"`: what follows the iteration, whose ℓ⁴ fixed point is biased at finite p (every atom
   * ≈ √(n/p) off):
   * - `"l1"`: Riemannian subgradient steps on ‖AᵀY‖₁ over O(n) from the fixed point, all atoms at
   *   once, finished by recomputing each atom as the null vector of the samples its code is zero
   *   on, once that is certified exact: each step costs about an MSP
   *   iteration, 15–45 of them measured at n = 50–100, θ = 0.3 (atoms that stall start again on
   *   the complement of the certified ones). When no certificate comes (too few samples, codes
   *   too dense, noisy data), the fixed point is kept and the run is marked not converged
   *   (`result.refinement.exact` is false). `maxIterations` and `onIteration` cover the MSP
   *   iteration only: the refinement (at most 60 steps per restart, counted in
   *   `result.refinement.steps`) is bounded by `maxTime` and `signal`.
   * - `"lp"`: every atom rounded by the LP of the "sphere" method, one at a time with deflation
   *   (see `roundDictionary`): exact too, but roughly 15·n³p/3 flops, about 6× the MSP run at
   *   n = 100, p = 40,000.
   * - `false`: plain MSP, the ℓ⁴ fixed point.
   * @defaultValue "l1"
   */
  rounding?: "l1" | "lp" | false;
  /**
   * `"sphere"`, `"subgradient"`: how many atoms to learn, 1…n (the dictionary is then n×atoms).
   * @defaultValue n
   */
  atoms?: number;
  /**
   * `"sphere"`: the smoothing μ > 0 of h_μ(z) = μ·log cosh(z/μ), relative to the RMS entry of Y
   * (the data are scaled to unit RMS first). Sun, Qu & Wright's experiments use μ = 1e-2 on
   * Bernoulli–Gaussian data with unit-variance nonzeros, whose RMS entry is √θ: the default is
   * √θ times that in absolute terms. Smaller is closer to ℓ¹ and costs more trust-region
   * iterations (measured at n = 50, p = 5000, θ = 0.1: about 4800 in all with 1e-2, 2100 with 3e-2,
   * 1100 with 0.1); larger moves the minimizers further from the atoms (the LP rounding then has
   * more to correct: the trust-region points were 2e-4…3e-4 from the atoms with 1e-2).
   * @defaultValue 1e-2
   */
  mu?: number;
  /**
   * `"sphere"` (and `"msp"` with `rounding: "lp"`): the most IRLS steps of each LP rounding (see
   * `LinearProgramRounding`); 0 skips the rounding (the atoms are then the trust-region minimizers,
   * O(μ) from the truth).
   * @defaultValue 40
   */
  roundingIterations?: number;
  /**
   * `"subgradient"`: the first step length η₀ (radians on the sphere, as the steps are normalized).
   * @defaultValue 0.1
   */
  initialStep?: number;
  /**
   * `"subgradient"`: the number K₀ of constant steps η₀ before the geometric decay starts.
   * @defaultValue 200
   */
  constantSteps?: number;
  /**
   * `"subgradient"`: the geometric decay β ∈ (0, 1) of the steps ηₖ = η₀·β^{k−K₀} after the constant phase.
   * @defaultValue 0.97
   */
  decay?: number;
  /**
   * `"subgradient"`: an atom is done when its step ηₖ falls below this (reason `"step-tolerance"`).
   * @defaultValue 1e-10
   */
  stepTolerance?: number;
  /**
   * `"subgradient"`: how many times an atom's run may start again from a new random point when
   * its step schedule ran out before a local minimizer (see `subgradientAtomSolver`); past that
   * the atom keeps its last point with reason `"step-too-small"`.
   * @defaultValue 3
   */
  restarts?: number;
}

/** The run record of {@link learnOrthogonalDictionary}. */
export interface DictionaryRunRecord {
  /** Iterations (steps) done in all, over all atoms for the atom-by-atom methods. */
  readonly iterations: number;
  /** True when every stage stopped on a convergence criterion. */
  readonly converged: boolean;
  /**
   * For `"msp"` the iteration's stop reason, or that of the rounding when it did not finish:
   * `"max-iterations"` when the "l1" refinement was not certified within its steps or an "lp"
   * rounding's IRLS budget ran out, `"step-too-small"` when an "lp" rounding's Gram matrix broke
   * down, `"aborted"` / `"max-time"` when either was cut short; otherwise the reason that ended the run (abort, callback, time), else that of the first
   * atom that did not converge, else that of the first atom.
   */
  readonly reason: DictionaryStopReason;
  /** Milliseconds from start to return. */
  readonly time: number;
}

/** What one atom's stage did (atom-by-atom methods). */
export interface AtomRecord {
  /** Iterations of the atom's solver (0 for the last atom of a complete basis, fixed by the others). */
  readonly iterations: number;
  readonly converged: boolean;
  readonly reason: DictionaryStopReason;
  /** The final cost of the atom's subproblem (in the units of the scaled data) and its (sub)gradient norm. */
  readonly cost: number;
  readonly gradientNorm: number;
  /** `"subgradient"`: the random restarts the atom needed (its history holds every run). */
  readonly restarts?: number;
  /** The index in `history` of this atom's start point. */
  readonly historyStart: number;
}

/** One LP rounding (see `LinearProgramRounding`). */
export interface RoundingRecord {
  /** IRLS steps done. */
  readonly iterations: number;
  /** Whether the iterates settled before the budget (`roundingIterations`) ran out. */
  readonly converged: boolean;
}

/** What the "l1" refinement of `"msp"` did (see the `rounding` option). */
export interface RefinementRecord {
  /** Riemannian subgradient steps taken, in ℝⁿ and on the complements of atoms certified early. */
  readonly steps: number;
  /** Whether the vertex step certified every atom (then the dictionary is the refined one, else MSP's fixed point). */
  readonly exact: boolean;
  /** The vertex step's last certificate: the largest |aᵀyⱼ|/‖yⱼ‖ on the samples fitted (≤ 1e-10 when exact; Infinity if never tried). */
  readonly residual: number;
}

/** The result of {@link learnOrthogonalDictionary}. */
export interface OrthogonalDictionaryResult {
  /** n×k with orthonormal columns (the atoms; k = n for "msp"), so that Y ≈ dictionary·codes. */
  readonly dictionary: Matrix;
  /** k×p: dictionaryᵀ·Y, hard-thresholded at `codeThreshold`. */
  readonly codes: Matrix;
  /**
   * The learned dictionary's objective on Y, before thresholding: `"msp"` ‖dictionaryᵀY‖₄⁴/p
   * (maximized); `"sphere"` and `"subgradient"` ‖dictionaryᵀY‖₁/p (in the units of Y).
   */
  readonly objective: number;
  /** Per-iteration cost, gradient norm, step and time (see `result.iterations`; entry 0 is the start). */
  readonly history: History;
  readonly result: DictionaryRunRecord;
  /** Atom-by-atom methods: one record per atom found, in the order found. */
  readonly atoms?: readonly AtomRecord[];
  /** `"sphere"` and `"msp"` with `rounding: "lp"`: one record per rounded atom, in the dictionary's column order. */
  readonly rounding?: readonly RoundingRecord[];
  /** `"msp"` with `rounding: "l1"` (the default), when the iteration was not stopped: what the refinement did. */
  readonly refinement?: RefinementRecord;
}

/** The options each method adds to the common ones. */
const METHOD_KEYS: Record<OrthogonalDictionaryMethod, readonly string[]> = {
  msp: ["init", "tolerance", "rounding", "roundingIterations"],
  sphere: ["atoms", "mu", "roundingIterations"],
  subgradient: ["atoms", "initialStep", "constantSteps", "decay", "stepTolerance", "restarts"],
};

/** The validated options. */
export interface ResolvedOptions {
  method: OrthogonalDictionaryMethod;
  common: CommonOptions<unknown>;
  onIteration: ((info: DictionaryIterationInfo) => boolean | "stop" | void) | undefined;
  codeThreshold: number;
  init: Matrix | undefined;
  tolerance: number;
  rounding: "l1" | "lp" | false;
  atoms: number;
  mu: number;
  roundingIterations: number;
  initialStep: number;
  constantSteps: number;
  decay: number;
  stepTolerance: number;
  restarts: number;
}

function checkPositive(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v > 0)) throw new RangeError(`invalid ${name}: expected a finite number > 0, got ${describe(v)}`);
  return v;
}

/**
 * Validates the options for n×p samples (unknown keys, including another method's, rejected).
 *
 * @throws TypeError / RangeError naming the option and its value.
 */
export function resolveOptions(options: LearnOrthogonalDictionaryOptions, n: number): ResolvedOptions {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`invalid options: expected an options object, got ${describe(options)}`);
  }
  const method = checkChoice("method", options.method ?? "msp", METHODS);
  const own = ["method", "codeThreshold", ...METHOD_KEYS[method]];
  const defaults = { msp: 500, sphere: 1000, subgradient: 10000 }[method];
  const common = resolveCommonOptions(options as SolverOptions<unknown>, { maxIterations: defaults }, own);
  const decay = checkPositive("decay", options.decay ?? 0.97);
  if (decay >= 1) throw new RangeError(`invalid decay: expected a number in (0, 1), got ${decay}`);
  return {
    method,
    common,
    onIteration: common.onIteration as ResolvedOptions["onIteration"],
    codeThreshold: checkFinite("codeThreshold", options.codeThreshold ?? 0, 0),
    init: checkInit(options.init ?? "random", n),
    tolerance: checkFinite("tolerance", options.tolerance ?? 1e-10, 0),
    rounding: checkRounding(options.rounding ?? "l1"),
    atoms: checkInteger("atoms", options.atoms ?? n, 1, n),
    mu: checkPositive("mu", options.mu ?? 1e-2),
    roundingIterations: checkInteger("roundingIterations", options.roundingIterations ?? 40, 0),
    initialStep: checkPositive("initialStep", options.initialStep ?? 0.1),
    constantSteps: checkInteger("constantSteps", options.constantSteps ?? 200, 0),
    decay,
    stepTolerance: checkPositive("stepTolerance", options.stepTolerance ?? 1e-10),
    restarts: checkInteger("restarts", options.restarts ?? 3, 0),
  };
}

/** "l1", "lp" or false. */
function checkRounding(value: unknown): "l1" | "lp" | false {
  if (value === false || value === "l1" || value === "lp") return value;
  throw new TypeError(`invalid rounding: expected "l1", "lp" or false, got ${describe(value)}`);
}

/** "random" → undefined; a matrix must be n×n, finite and orthogonal within 1e-8 (max |DᵀD − I|). */
function checkInit(init: unknown, n: number): Matrix | undefined {
  if (init === "random") return undefined;
  if (typeof init === "string") checkChoice("init", init, ["random"]);
  const d = checkMatrix("init", init);
  if (d.rows !== n || d.cols !== n) throw new RangeError(`invalid init: expected an ${n}×${n} orthogonal matrix, got a ${d.rows}×${d.cols} matrix`);
  for (let k = 0; k < d.data.length; k++) {
    if (!Number.isFinite(d.data[k])) throw new RangeError(`invalid init: entry ${k} is ${d.data[k]}; expected finite values`);
  }
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += d.data[i * n + a] * d.data[i * n + b];
      const defect = Math.abs(s - (a === b ? 1 : 0));
      if (!(defect <= 1e-8)) {
        throw new RangeError(`invalid init: expected orthonormal columns (|DᵀD − I| ≤ 1e-8), but (DᵀD)[${a}][${b}] = ${s}`);
      }
    }
  }
  return { rows: n, cols: n, data: d.data.slice() };
}
