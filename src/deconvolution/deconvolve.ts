// deconvolve: the front door of short-and-sparse blind deconvolution, 1-D and 2-D.
import type { Matrix } from "../matrix.js";
import { Rng } from "../data/rng.js";
import { ArenaScope } from "../runtime/arena.js";
import { runtime } from "../runtime/init.js";
import { COMMON_OPTION_KEYS, resolveCommonOptions, type SolverOptions } from "../solvers/options.js";
import type { SolverResult } from "../solvers/result.js";
import { SolverRun } from "../solvers/run.js";
import { trustRegions } from "../solvers/trust-regions.js";
import { checkAllFinite, checkBoolean, checkChoice, checkFinite, checkOptions, describe } from "../validate.js";
import type { ConvolutionShape } from "./geometry.js";
import { homotopy, lambdaPath } from "./homotopy.js";
import { dataPatchKernel, givenKernel } from "./initial-kernel.js";
import { ActivationSolver } from "./lasso.js";
import { ConvolutionalModel } from "./model.js";
import { HOMOTOPY_KEYS, positive, resolveHomotopyOptions, type HomotopyOptions } from "./iadm-options.js";
import { ARMIJO, runIadm, STEP_SIZE } from "./run-iadm.js";
import { checkKernelSize, checkSignals } from "./signals.js";
import { largestCorrelation } from "./stationarity.js";
import { surrogateProblem } from "./surrogate.js";

/** The methods of {@link deconvolve}. */
export type DeconvolutionMethod = "homotopy" | "iadm" | "trust-region";
const METHODS: readonly DeconvolutionMethod[] = ["homotopy", "iadm", "trust-region"];

const METHOD_KEYS: Record<DeconvolutionMethod, readonly string[]> = {
  homotopy: HOMOTOPY_KEYS,
  iadm: ["inertia"],
  "trust-region": ["surrogateLambda", "smoothing"],
};
const BASE_KEYS = ["kernelLength", "kernelShape", "lambda", "method", "bias", "init"];

/** Options of {@link deconvolve}. */
export interface DeconvolveOptions extends SolverOptions<Float64Array>, HomotopyOptions {
  /**
   * n, the kernel length (1-D, y a Float64Array): an integer with 3n ≤ m.
   * @defaultValue none: required when y is a Float64Array (a TypeError without it); not accepted when y is a matrix
   */
  kernelLength?: number;
  /**
   * [h, w], the kernel shape (2-D, y a Matrix): integers with 3h ≤ rows and 3w ≤ cols.
   * @defaultValue none: required when y is a matrix (a TypeError without it); not accepted when y is a Float64Array
   */
  kernelShape?: [number, number];
  /**
   * λ ≥ 0, the weight of ‖x‖₁ in Ψ(a, x) = ½‖y − a ⊛ x (− b·1)‖² + λ‖x‖₁.
   * @defaultValue 0.01 (Lau et al.'s choice for unit-norm kernels and unit-scale activations)
   */
  lambda?: number;
  /**
   * - `"homotopy"`: iADM along a decreasing λ path from λ₀ = ‖C_aᵀy‖∞ (Lau et al. 2020, §4);
   * - `"iadm"`: iADM at the target λ from the start (Lau et al. 2020, Alg. 1);
   * - `"trust-region"`: the kernel by Riemannian trust regions on the smoothed bilinear lasso with
   *   x eliminated (Ψ with |x| replaced by a pseudo-Huber penalty and minimized over x, see
   *   `surrogateLambda`, `smoothing`), then the activations (and b) by FISTA along the λ path
   *   with the kernel fixed (at most 1000 iterations; `result` records the kernel's runs).
   * @defaultValue "homotopy"
   */
  method?: DeconvolutionMethod;
  /**
   * Estimate a constant offset b in y = a ⊛ x + b·1 (updated exactly after every kernel step;
   * started at mean(y)).
   * @defaultValue false
   */
  bias?: boolean;
  /**
   * The start kernel: `"random"` — a random patch of y (minus mean(y) with `bias`) of the kernel's
   * size, centred in the window and normalized, from `seed`, as Lau et al.'s code — or a given
   * kernel: of the kernel's size (n, or h×w; centred in the window) or of the window's (3n, or
   * 3h×3w), finite and nonzero (normalized here).
   * @defaultValue "random"
   */
  init?: "random" | Float64Array | Matrix;
  /**
   * Trust-region method: λ_s > 0 of the first trust-region stage (then the target λ).
   * @defaultValue 10·lambda
   */
  surrogateLambda?: number;
  /**
   * Trust-region method: μ > 0, the smoothing of the pseudo-Huber penalty √(x² + μ²) − μ.
   * @defaultValue each stage's λ / 10 (1e-3 for λ = 0)
   */
  smoothing?: number;
}

/** What {@link deconvolve} returns; T is Float64Array (1-D) or Matrix (2-D). */
export interface DeconvolutionResult<T extends Float64Array | Matrix> {
  /** The kernel a in its window (3n, or 3h×3w; first entry at index 0), unit norm. */
  kernel: T;
  /** The activation x, the signal's shape. */
  activation: T;
  /** The offset b (0 without `bias`). */
  bias: number;
  /** Ψ(a, x, b) = ½‖y − a ⊛ x − b·1‖² + λ‖x‖₁ at the result, for the target λ. */
  objective: number;
  /** The target λ. */
  lambda: number;
  /** The number of intermediate homotopy stages begun (0 for the other methods). */
  stages: number;
  /**
   * The iteration at which each stage began (the intermediate ones, then the final one; `[1]`
   * for "iadm", `[]` for "trust-region"). Ψ never rises from one recorded iterate to the next
   * within a stage; between stages it changes with λ and with the re-centring of the kernel.
   */
  stageStarts: number[];
  /**
   * The real FFTs of the signal's size the activation and kernel phases ran (forward and
   * inverse; 2-D transforms count once), for cost accounting: about four per iADM iteration.
   */
  transforms: number;
  /**
   * The solver record. iADM methods: one iteration per iADM iteration (all stages), `cost` Ψ at
   * the stage's λ, `gradientNorm` the stationarity measure √(‖G_t(x̂)‖² + ‖grad_a f(ẑ)‖²),
   * `step` ‖(Δx, Δa)‖, `point` the kernel window. Trust-region: the trust-region run on the
   * surrogate (cost φ, its Riemannian gradient norm).
   */
  result: SolverResult<Float64Array>;
}

interface Validated {
  shape: ConvolutionShape;
  kernelRows: number;
  kernelCols: number;
  twoD: boolean;
  y: Float64Array;
  lambda: number;
  method: DeconvolutionMethod;
  bias: boolean;
  init: Float64Array | undefined;
}

function validate(y: unknown, options: DeconvolveOptions): Validated {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected { kernelLength | kernelShape, lambda, … }, got ${describe(options)}`);
  }
  const method = checkChoice("method", options.method ?? "homotopy", METHODS);
  checkOptions("options", options, [...BASE_KEYS, ...COMMON_OPTION_KEYS, ...METHOD_KEYS[method]]);
  if (y === null || typeof y !== "object" || Array.isArray(y)) {
    throw new TypeError(`invalid y: expected a Float64Array (1-D) or a matrix (2-D), got ${describe(y)}`);
  }
  const signals = checkSignals("y", y);
  const twoD = signals.twoD, data = signals.data[0];
  const { kernelRows, kernelCols, shape } = checkKernelSize(options, signals);
  checkAllFinite("y", data);
  const lambda = checkFinite("lambda", options.lambda ?? 0.01, 0);
  const bias = checkBoolean("bias", options.bias ?? false);
  const v = { shape, kernelRows, kernelCols, twoD, y: data, lambda, method, bias };
  return { ...v, init: givenKernel("init", options.init, v) };
}

/**
 * Short-and-sparse blind deconvolution: recovers a short kernel a and a sparse activation x from
 * y = a ⊛ x (+ b·1) by minimizing
 *   Ψ(a, x) = ½‖y − a ⊛ x − b·1‖² + λ‖x‖₁   over ‖a‖ = 1 (and x, b),
 * with circular convolution (a ⊛ x)[k] = Σ_j a[j]·x[(k − j) mod m] (2-D alike per axis), the
 * kernel living in a window three times its size (3n, or 3h×3w, first entry at index 0), so that
 * a shifted copy of the truth fits in it — the formulation of Lau, Qu, Kuo, Zhou, Zhang & Wright,
 * "Short-and-sparse deconvolution – a geometric approach" (ICLR 2020). Recovery is possible only
 * up to a signed shift (and scale): compare with `shiftCorrelation` / `alignToShift`.
 *
 * Methods ({@link DeconvolveOptions.method}): iADM, the inertial alternating descent of the paper
 * (an inertial proximal-gradient step in x with backtracking, an inertial Riemannian gradient
 * step on the sphere in a with an Armijo search, the exact bias update), run along the homotopy
 * (default) or at λ directly; or Riemannian trust regions on a smooth surrogate. Everything an
 * iADM iteration touches stays in wasm memory, and the kernel's spectrum is reused between the
 * cost, the gradient and the line search: about four real FFTs of the signal's size per
 * iteration (one per trial of the x step, one inverse for each gradient, one for the kernel
 * step's direction), the line searches evaluating the cost by Parseval without a transform.
 *
 * Stopping: the common options apply to the whole run (all stages): `gradientTolerance`
 * (default 1e-6) on the stationarity measure (see `result`), `maxIterations` (default 2000; 200
 * for trust regions), `maxTime`, `onIteration` (the point is a copy of the kernel window),
 * `signal`, `seed` (the random start), `yieldInterval`. A run that can no longer lower Ψ in
 * floating point stops with `"step-too-small"`. Ψ never rises from one recorded iterate to the
 * next within a stage (inertia is restarted when it would; `stageStarts` marks the stages).
 * Between homotopy stages the kernel is re-centred in its window when its energy has drifted
 * off-centre, using the signed-shift symmetry (`recenterKernels`): without it an iterate can
 * slide against the window's edge and stop there with a truncated kernel (3 of 40 seeds of the
 * papers' 1-D instance did).
 *
 * NaN policy: non-finite data or init are rejected (RangeError naming the entry). Every check
 * runs before any work; wasm memory taken by the solve is freed on return, throw and abort.
 *
 * @throws TypeError / RangeError naming the bad argument and its value: a kernel longer than a
 *   third of the signal, 2-D shapes that do not fit, λ < 0, non-finite data, unknown options.
 */
export async function deconvolve(y: Float64Array, options: DeconvolveOptions): Promise<DeconvolutionResult<Float64Array>>;
export async function deconvolve(y: Matrix, options: DeconvolveOptions): Promise<DeconvolutionResult<Matrix>>;
export async function deconvolve(
  y: Float64Array | Matrix, options: DeconvolveOptions,
): Promise<DeconvolutionResult<Float64Array> | DeconvolutionResult<Matrix>> {
  const v = validate(y, options);
  const common = resolveCommonOptions(options, { maxIterations: v.method === "trust-region" ? 200 : 2000 }, [
    ...BASE_KEYS, ...METHOD_KEYS[v.method],
  ]);
  const { inertia, shrink, stageTolerance, stageIterations } = resolveHomotopyOptions(options);
  const surrogateLambda = options.surrogateLambda === undefined ? undefined : positive("surrogateLambda", options.surrogateLambda);
  const smoothing = options.smoothing === undefined ? undefined : positive("smoothing", options.smoothing);

  const b0 = v.bias ? mean(v.y) : 0;
  const kernel0 = v.init ?? dataPatchKernel(v.y, v.shape, v.kernelRows, v.kernelCols, b0, new Rng(common.seed));
  const scope = new ArenaScope(runtime().arena);
  try {
    const start = { shape: v.shape, signals: [v.y], biases: [b0], estimateBias: v.bias };
    let model: ConvolutionalModel;
    let result: SolverResult<Float64Array>;
    let stages = 0;
    let stageStarts: number[] = [];
    if (v.method === "trust-region") {
      result = await trustRegionKernel({ shape: v.shape, y: v.y, bias: b0 }, kernel0, v.lambda, surrogateLambda, smoothing, options);
      model = new ConvolutionalModel({ ...start, kernels: [result.point] }, scope);
      const activations = new ActivationSolver(model, v.lambda, STEP_SIZE);
      const run = new SolverRun<Float64Array>({ ...common, onIteration: undefined, maxIterations: 1000 });
      // The activations for the kernel found: FISTA along the λ path to the target λ (at most 1000
      // iterations, to the gradient tolerance); skipped when the run was stopped (abort, time).
      if ((await run.begin(result.point, activations.objective, 1)) === undefined) {
        const kernel = result.point;
        await homotopy(activations, lambdaPath(largestCorrelation(model), v.lambda, shrink), v.lambda,
          { tolerance: stageTolerance, maxIterations: stageIterations }, run, () => kernel);
      }
    } else {
      model = new ConvolutionalModel({ ...start, kernels: [kernel0] }, scope);
      const r = await runIadm(model, {
        method: v.method, lambda: v.lambda, inertia, stepSize: STEP_SIZE, armijo: ARMIJO, shrink, stageTolerance, stageIterations,
        kernelRows: v.kernelRows, kernelCols: v.kernelCols,
      }, common);
      [result, stages, stageStarts] = [r.result, r.stages, r.stageStarts];
    }
    const objective = model.dataFit() + v.lambda * model.l1();
    const transforms = model.geometry.transforms;
    const kernel = model.a[0].slice();
    const activation = model.x[0].toArray();
    const bias = v.bias ? model.bias[0] : 0;
    if (!v.twoD) return { kernel, activation, bias, objective, lambda: v.lambda, stages, stageStarts, transforms, result };
    const { rows, cols, windowRows, windowCols } = v.shape;
    return {
      kernel: { rows: windowRows, cols: windowCols, data: kernel },
      activation: { rows, cols, data: activation },
      bias, objective, lambda: v.lambda, stages, stageStarts, transforms, result,
    };
  } finally {
    scope.disposeAll();
  }
}


function mean(y: Float64Array): number {
  let s = 0;
  for (const v of y) s += v;
  return s / y.length;
}

/**
 * The kernel of the trust-region method: Riemannian trust regions on the smoothed bilinear lasso
 * with x eliminated ({@link surrogateProblem}), first at λ_s (`surrogateLambda`, default 10λ,
 * where the landscape has fewer spurious minima), then warm-started at the target λ; μ = λ/10 at
 * each stage unless `smoothing` is given. The two runs share the common options (the budget
 * `maxIterations` applies to each); the returned record joins them (histories concatenated,
 * iterations, evaluations and time added).
 */
async function trustRegionKernel(
  data: { shape: ConvolutionShape; y: Float64Array; bias: number }, kernel0: Float64Array, lambda: number,
  surrogateLambda: number | undefined, smoothing: number | undefined, options: DeconvolveOptions,
): Promise<SolverResult<Float64Array>> {
  const given: Record<string, unknown> = { maxIterations: 200 };
  for (const key of COMMON_OPTION_KEYS) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) given[key] = value;
  }
  const trOptions = given as SolverOptions<Float64Array>;
  const stages = [surrogateLambda ?? 10 * lambda, lambda];
  let point = kernel0;
  const runs: SolverResult<Float64Array>[] = [];
  for (const l of stages) {
    const problem = surrogateProblem({ ...data, lambda: l, smoothing: smoothing ?? (l > 0 ? l / 10 : 1e-3) });
    const r = await trustRegions(problem, point, trOptions);
    runs.push(r);
    point = r.point;
    if (r.reason !== "gradient-tolerance" && r.reason !== "max-iterations" && r.reason !== "step-too-small") break;
  }
  return joinRuns(runs);
}

/** One record for consecutive runs: the last run's point and outcome, the histories joined. */
function joinRuns(runs: SolverResult<Float64Array>[]): SolverResult<Float64Array> {
  const last = runs[runs.length - 1];
  const join = (key: "cost" | "gradientNorm" | "step" | "time"): Float64Array => {
    const parts = runs.map((r) => r.history[key]);
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0, time = 0;
    for (let i = 0; i < parts.length; i++) {
      out.set(key === "time" ? parts[i].map((t) => t + time) : parts[i], offset);
      offset += parts[i].length;
      time += runs[i].time;
    }
    return out;
  };
  const sum = (f: (r: SolverResult<Float64Array>) => number): number => runs.reduce((n, r) => n + f(r), 0);
  return {
    ...last,
    iterations: sum((r) => r.iterations),
    time: sum((r) => r.time),
    history: { cost: join("cost"), gradientNorm: join("gradientNorm"), step: join("step"), time: join("time") },
    evaluations: { cost: sum((r) => r.evaluations.cost), gradient: sum((r) => r.evaluations.gradient), hessian: sum((r) => r.evaluations.hessian) },
  };
}
