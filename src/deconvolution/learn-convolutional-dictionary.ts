// learnConvolutionalDictionary: the front door of convolutional dictionary learning, y_j ≈
// Σ_k a_k ⊛ x_jk with K kernels on the sphere shared by one or many signals, 1-D and 2-D, with
// an optional mask of missing samples.
import type { Matrix } from "../matrix.js";
import { Rng } from "../data/rng.js";
import { ArenaScope } from "../runtime/arena.js";
import { runtime } from "../runtime/init.js";
import { COMMON_OPTION_KEYS, resolveCommonOptions, type SolverOptions } from "../solvers/options.js";
import type { SolverResult } from "../solvers/result.js";
import { checkBoolean, checkChoice, checkFinite, checkInteger, checkOptions, describe } from "../validate.js";
import { HOMOTOPY_KEYS, resolveHomotopyOptions, type HomotopyOptions } from "./iadm-options.js";
import { ConvolutionalAdmm } from "./admm.js";
import { dataPatchKernel, givenKernel } from "./initial-kernel.js";
import { ConvolutionalModel } from "./model.js";
import { ARMIJO, runIadm, STEP_SIZE } from "./run-iadm.js";
import { checkKernelSize, checkMasks, checkSignals, checkSignalValues, type SampleMask } from "./signals.js";

/** Options of {@link learnConvolutionalDictionary}. */
export interface LearnConvolutionalDictionaryOptions extends SolverOptions<Float64Array>, HomotopyOptions {
  /**
   * K, the number of kernels.
   * @defaultValue 1
   */
  kernels?: number;
  /**
   * n, the kernel length (1-D signals): an integer with 3n ≤ m.
   * @defaultValue none: required with 1-D signals (and rejected with 2-D ones)
   */
  kernelLength?: number;
  /**
   * [h, w], the kernel shape (2-D signals): integers with 3h ≤ rows and 3w ≤ cols.
   * @defaultValue none: required with 2-D signals (and rejected with 1-D ones)
   */
  kernelShape?: [number, number];
  /**
   * λ ≥ 0, the weight of Σ‖x_jk‖₁.
   * @defaultValue 0.01 (as {@link deconvolve}: unit-norm kernels, unit-scale activations)
   */
  lambda?: number;
  /**
   * The missing samples: for one signal one mask, for an array of signals an array of masks (an
   * entry may be undefined: all observed), each a Uint8Array or Float64Array of the signal's
   * rows·cols entries (row-major) or, in 2-D, a matrix of its shape, with 1 where the sample is
   * observed and 0 where it is missing. Missing samples may hold any value (NaN included).
   * @defaultValue undefined (every sample observed)
   */
  mask?: SampleMask | (SampleMask | undefined)[];
  /**
   * `"homotopy"`: iADM along the λ path from λ₀ (the largest correlation of the data with a start
   * kernel), the kernels re-centred between stages; `"iadm"`: at λ from the start (either by the
   * route `coding` names).
   * @defaultValue "homotopy"
   */
  method?: "homotopy" | "iadm";
  /**
   * How the activations and kernels are updated: `"fista"` — iADM: an inertial proximal-gradient
   * (FISTA-type) step on the activations in the Fourier domain and an inertial Riemannian
   * gradient step on the kernels, Ψ monotone; `"admm"` — ADMM in both blocks with the
   * per-frequency K×K solves (Sherman–Morrison for the coding step, and for the kernel update of
   * one signal; a Cholesky factor per frequency for the kernel update of several signals), not
   * monotone; no `mask` with `"admm"`. Both minimize the same Ψ and report it at a feasible point.
   * The default is the faster route on this library's benchmark (bench/cdl-routes.mjs, README
   * "Convolutional dictionary learning"): along the homotopy and in 2-D, FISTA; at the target λ
   * directly (`method: "iadm"`) on 1-D signals, ADMM (1.5–2.6× faster there).
   * @defaultValue `"admm"` with `method: "iadm"`, 1-D signals and no mask; `"fista"` otherwise
   */
  coding?: "fista" | "admm";
  /**
   * Estimate one offset b_j per signal (started at the mean of its observed samples).
   * @defaultValue false
   */
  bias?: boolean;
  /**
   * The start kernels: `"random"` — K random patches of the signals (each from a signal drawn at
   * random), of the kernel's size, centred in the window and normalized, from `seed` — or an array
   * of K kernels, each of the kernel's size (centred) or of the window's, finite and nonzero.
   * @defaultValue "random"
   */
  init?: "random" | (Float64Array | Matrix)[];
}

/** What {@link learnConvolutionalDictionary} returns; T is Float64Array (1-D) or Matrix (2-D). */
export interface ConvolutionalDictionary<T extends Float64Array | Matrix> {
  /** The K kernels, each in its window (3n, or 3h×3w; first entry at index 0), unit norm. */
  kernels: T[];
  /** activations[j][k]: the activation of kernel k in signal j, the signals' shape. */
  activations: T[][];
  /** The offset b_j of each signal (0 without `bias`). */
  bias: number[];
  /** Ψ = ½Σ_j‖M_j(y_j − Σ_k a_k ⊛ x_jk − b_j)‖² + λΣ‖x_jk‖₁ at the result. */
  objective: number;
  /** The target λ. */
  lambda: number;
  /** The number of intermediate homotopy stages begun. */
  stages: number;
  /** The iteration at which each stage began (see {@link DeconvolutionResult.stageStarts}). */
  stageStarts: number[];
  /** The real FFTs of the signals' size run (forward and inverse). */
  transforms: number;
  /**
   * The solver record: one iteration per iADM iteration, `point` the K kernel windows
   * concatenated, `gradientNorm` the stationarity measure.
   */
  result: SolverResult<Float64Array>;
}

const KEYS = ["kernels", "kernelLength", "kernelShape", "lambda", "mask", "method", "coding", "bias", "init", ...HOMOTOPY_KEYS];

/**
 * Convolutional dictionary learning: K kernels a_k on the unit sphere and sparse activations
 * x_jk such that y_j ≈ Σ_k a_k ⊛ x_jk (+ b_j) for every signal y_j, by minimizing
 *   Ψ = ½Σ_j‖M_j ⊙ (y_j − Σ_k a_k ⊛ x_jk − b_j·1)‖² + λ·Σ_jk‖x_jk‖₁   over ‖a_k‖ = 1,
 * with circular convolution and each kernel living in a window three times its size, as in
 * {@link deconvolve} (K = 1, one signal, no mask is exactly `deconvolve`'s problem). M_j is the
 * mask of signal j (1 observed, 0 missing).
 *
 * The method alternates convolutional sparse coding and kernel updates — iADM (Lau, Qu, Kuo,
 * Zhou, Zhang & Wright, ICLR 2020, Alg. 1, whose steps are written for K kernels): each iteration
 * an inertial proximal-gradient (FISTA-type) step on all activations at once, computed in the
 * Fourier domain (the gradient of x_jk is a_k ⋆ r_j, one product per frequency and one inverse
 * transform), with backtracking; then an inertial Riemannian gradient step on the product of
 * spheres in the kernels (gradient Σ_j x_jk ⋆ r_j restricted to the window) with an Armijo search
 * evaluated from a Gram matrix of spectra; the offsets exactly. By default along the homotopy in λ
 * with the kernels re-centred in their windows between stages. That is `coding: "fista"`.
 * `coding: "admm"` takes ADMM in both blocks instead (Bristow, Eriksson & Lucey 2013; Wohlberg,
 * "Efficient algorithms for convolutional sparse representations", IEEE TIP 2016; interleaved
 * as in Garcia-Cardona & Wohlberg 2018): per frequency, the coding step solves the rank-one K×K
 * system (D̂ᴴD̂ + ρI)x̂ = D̂ᴴŷ + ρ(ẑ − û) by Sherman–Morrison in O(K), and the kernel update the
 * K×K system Σ_j x̂_jᴴx̂_j + σI (Sherman–Morrison for one signal, a Cholesky factor per frequency
 * for several), with the window and the sphere handled by the split d = g; same homotopy,
 * warm-started between stages. Ψ is not monotone along ADMM's iterates, and its recorded
 * `gradientNorm` is the norm of ADMM's primal and dual residuals. It takes no mask.
 * With `coding: "fista"` and a mask the residual is masked in the signal domain (two more transforms per gradient,
 * one per trial; the kernel step's trials are evaluated directly instead of by the Gram matrix).
 *
 * Recovery is up to a signed shift of each kernel and a permutation of the kernels: compare with
 * `matchKernels`. Stopping as {@link deconvolve} (`gradientTolerance` 1e-6 on the stationarity
 * measure, `maxIterations` 2000, `maxTime`, `signal`, `onIteration` with the kernels concatenated
 * as the point, `seed` for the random start).
 *
 * NaN policy: observed samples must be finite (RangeError naming the signal and entry); missing
 * ones (mask 0) may be anything. Every check runs before any work; wasm memory taken by the solve
 * is freed on return, throw and abort.
 *
 * @param signals one signal (a Float64Array, or a matrix for 2-D) or an array of signals of one
 *   kind and shape.
 * @throws TypeError / RangeError naming the bad argument and its value: signals of different
 *   shapes or kinds, a mask of the wrong shape or with entries other than 0 and 1, non-finite
 *   observed data, kernels whose window does not fit in the signal, K < 1, λ < 0, bad init,
 *   unknown options.
 */
export async function learnConvolutionalDictionary(
  signals: Float64Array | Float64Array[], options: LearnConvolutionalDictionaryOptions,
): Promise<ConvolutionalDictionary<Float64Array>>;
export async function learnConvolutionalDictionary(
  signals: Matrix | Matrix[], options: LearnConvolutionalDictionaryOptions,
): Promise<ConvolutionalDictionary<Matrix>>;
export async function learnConvolutionalDictionary(
  signals: Float64Array | Float64Array[] | Matrix | Matrix[], options: LearnConvolutionalDictionaryOptions,
): Promise<ConvolutionalDictionary<Float64Array> | ConvolutionalDictionary<Matrix>> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected { kernels, kernelLength | kernelShape, lambda, … }, got ${describe(options)}`);
  }
  checkOptions("options", options, [...KEYS, ...COMMON_OPTION_KEYS]);
  const data = checkSignals("signals", signals);
  const { kernelRows, kernelCols, shape } = checkKernelSize(options, data);
  const masks = checkMasks(options.mask, data);
  checkSignalValues("signals", data, masks);
  const K = checkInteger("kernels", options.kernels ?? 1, 1);
  const lambda = checkFinite("lambda", options.lambda ?? 0.01, 0);
  const method = checkChoice("method", options.method ?? "homotopy", ["homotopy", "iadm"] as const);
  const masked = masks.some((m) => m !== undefined);
  const fasterCoding = method === "iadm" && !data.twoD && !masked ? "admm" : "fista";
  const coding = checkChoice("coding", options.coding ?? fasterCoding, ["fista", "admm"] as const);
  if (coding === "admm" && masked) {
    throw new RangeError(`invalid mask: coding "admm" does not take a mask; use coding "fista"`);
  }
  const estimateBias = checkBoolean("bias", options.bias ?? false);
  const homotopy = resolveHomotopyOptions(options);
  const common = resolveCommonOptions(options, { maxIterations: 2000 }, KEYS);
  const placement = { shape, kernelRows, kernelCols, twoD: data.twoD };
  let given: Float64Array[] | undefined;
  if (options.init !== undefined && options.init !== "random") {
    if (!Array.isArray(options.init) || options.init.length !== K) {
      throw new TypeError(`invalid init: expected "random" or an array of ${K} kernels, got ${describe(options.init)}`);
    }
    given = options.init.map((a, k) => givenKernel(`init[${k}]`, a, placement) ?? invalidInit(k, a));
  }

  const biases = data.data.map((y, j) => (estimateBias ? observedMean(y, masks[j]) : 0));
  const rng = new Rng(common.seed);
  const kernels = given ?? Array.from({ length: K }, () => {
    const j = rng.integer(data.data.length);
    const y = masks[j] === undefined ? data.data[j] : data.data[j].map((v, i) => (masks[j]![i] ? v : biases[j]));
    return dataPatchKernel(y, shape, kernelRows, kernelCols, biases[j], rng);
  });
  const scope = new ArenaScope(runtime().arena);
  try {
    const model = new ConvolutionalModel({ shape, signals: data.data, masks, kernels, biases, estimateBias }, scope);
    const settings = { method, lambda, stepSize: STEP_SIZE, armijo: ARMIJO, ...homotopy, kernelRows, kernelCols };
    const { result, stages, stageStarts } = coding === "admm"
      ? await runIadm(model, settings, common, (start) => new ConvolutionalAdmm(model, start, scope))
      : await runIadm(model, settings, common);
    const objective = model.dataFit() + lambda * model.l1();
    const { rows, cols, windowRows, windowCols } = shape;
    const wrap = data.twoD
      ? (d: Float64Array, r: number, c: number): Float64Array | Matrix => ({ rows: r, cols: c, data: d })
      : (d: Float64Array): Float64Array | Matrix => d;
    return {
      kernels: model.a.map((a) => wrap(a.slice(), windowRows, windowCols)),
      activations: data.data.map((_, j) => model.a.map((_, k) => wrap(model.x[model.at(j, k)].toArray(), rows, cols))),
      bias: Array.from(estimateBias ? model.bias : new Float64Array(data.data.length)),
      objective, lambda, stages, stageStarts, transforms: model.geometry.transforms, result,
    } as ConvolutionalDictionary<Float64Array> | ConvolutionalDictionary<Matrix>;
  } finally {
    scope.disposeAll();
  }
}

function invalidInit(k: number, value: unknown): never {
  throw new TypeError(`invalid init[${k}]: expected a kernel, got ${describe(value)}`);
}

function observedMean(y: Float64Array, mask: Uint8Array | undefined): number {
  let s = 0, n = 0;
  for (let i = 0; i < y.length; i++) {
    if (mask !== undefined && !mask[i]) continue;
    s += y[i];
    n++;
  }
  return n === 0 ? 0 : s / n;
}
