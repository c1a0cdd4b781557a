// estimateBlurKernel: blind estimation of an image's blur kernel by short-and-sparse
// deconvolution of its horizontal and vertical differences, which share the kernel.
import type { Matrix } from "../matrix.js";
import { Rng } from "../data/rng.js";
import { ArenaScope } from "../runtime/arena.js";
import { runtime } from "../runtime/init.js";
import { COMMON_OPTION_KEYS, resolveCommonOptions, type SolverOptions } from "../solvers/options.js";
import type { SolverResult } from "../solvers/result.js";
import { checkChoice, checkFinite, checkOptions, describe } from "../validate.js";
import { HOMOTOPY_KEYS, resolveHomotopyOptions, type HomotopyOptions } from "./iadm-options.js";
import { dataPatchKernel, givenKernel } from "./initial-kernel.js";
import { ConvolutionalModel } from "./model.js";
import { ARMIJO, runIadm, STEP_SIZE } from "./run-iadm.js";
import { checkKernelSize, checkSignals, checkSignalValues } from "./signals.js";

/** Options of {@link estimateBlurKernel}. */
export interface EstimateBlurKernelOptions extends SolverOptions<Float64Array>, HomotopyOptions {
  /** [h, w], the blur kernel's shape: integers with 3h ≤ rows and 3w ≤ cols. */
  kernelShape: [number, number];
  /**
   * λ ≥ 0, the weight of the ℓ¹ norm of the sharp image's differences (see below), for images
   * with intensities in [0, 1].
   * @defaultValue 0.03 (measured on the camera image with motion blurs at σ = 0.01: bench/deconvolution-apps.mjs)
   */
  lambda?: number;
  /**
   * `"homotopy"` or `"iadm"`, as in {@link deconvolve}.
   * @defaultValue "homotopy"
   */
  method?: "homotopy" | "iadm";
  /**
   * The start kernel: `"box"` — the uniform h×w kernel centred in the window (a blur; on the
   * camera image it recovered every kernel where random starts lost one in three at 300
   * iterations) —, `"random"` — a random patch of the horizontal difference image, from `seed`,
   * as {@link deconvolve} — or a given h×w (or 3h×3w) kernel.
   * @defaultValue "box"
   */
  init?: "box" | "random" | Matrix;
}

/** What {@link estimateBlurKernel} returns. */
export interface BlurKernelEstimate {
  /**
   * The blur kernel, h×w, nonnegative and summing to 1, centred: its centroid at (⌊h/2⌋, ⌊w/2⌋)
   * to within half a pixel (the convention of {@link blurImage} and {@link deblurImage}).
   */
  kernel: Matrix;
  /** The estimate as the deconvolution found it: unit norm, in its 3h×3w window. */
  window: Matrix;
  /**
   * The two activations: the sharp image's [horizontal, vertical] differences as the model sees
   * them, i.e. times ‖a‖₂ of the sum-1 blur (the window has unit norm) and moved by the window's shift.
   */
  differences: [Matrix, Matrix];
  /** Ψ at the result. */
  objective: number;
  lambda: number;
  /** The solver record (as {@link deconvolve}'s). */
  result: SolverResult<Float64Array>;
}

/**
 * Blind estimation of the blur kernel of an image, y = a ⊛ x + noise with a natural image x —
 * the lecture's example of short-and-sparse deconvolution: natural images are not sparse, but
 * their differences are, and differences commute with convolution, so
 *   D_h y = a ⊛ D_h x,   D_v y = a ⊛ D_v x
 * with D_h, D_v the circular forward differences along rows and columns. The two difference
 * images are deconvolved jointly, one kernel shared by two sparse activations, by iADM along the
 * homotopy (the model of {@link learnConvolutionalDictionary} with K = 1 and two signals):
 *   min ½‖D_h y − a ⊛ u‖² + ½‖D_v y − a ⊛ v‖² + λ(‖u‖₁ + ‖v‖₁)   over ‖a‖ = 1,
 * the kernel in a 3h×3w window. On the sphere the ℓ¹ penalty favours the blurred kernel over
 * the delta (the "no-blur" explanation that defeats a sum-to-one constraint, Levin, Weiss,
 * Durand & Freeman, CVPR 2009): the normalization divides the activations by ‖a‖₂ < 1 of a
 * spread kernel — the ℓ¹/ℓ² effect of Krishnan, Tay & Fergus (CVPR 2011).
 *
 * The estimate is determined up to sign, scale and shift; it is turned into a blur kernel by:
 * the sign that makes its sum positive, entries below a fifth of the largest set to 0 (a blur is
 * nonnegative; the usual clean-up of estimated kernels, cf. Cho & Lee, SIGGRAPH Asia 2009), the h×w block centred at the window's centroid (rounded),
 * and a scale making it sum to 1. Use it with {@link deblurImage}.
 *
 * NaN policy: the image must be finite (RangeError naming the entry). Every check runs before any
 * work; wasm memory is freed on return, throw and abort. Stopping as {@link deconvolve}.
 *
 * @param blurred the blurred image (a matrix, intensities in [0, 1] for the default λ).
 * @throws TypeError / RangeError naming the bad argument: a kernel whose window does not fit,
 *   non-finite pixels, λ < 0, bad init, unknown options.
 */
export async function estimateBlurKernel(blurred: Matrix, options: EstimateBlurKernelOptions): Promise<BlurKernelEstimate> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`invalid options: expected { kernelShape, lambda, … }, got ${describe(options)}`);
  }
  checkOptions("options", options, ["kernelShape", "lambda", "method", "init", ...HOMOTOPY_KEYS, ...COMMON_OPTION_KEYS]);
  if (blurred === null || typeof blurred !== "object" || ArrayBuffer.isView(blurred) || Array.isArray(blurred)) {
    throw new TypeError(`invalid blurred: expected a matrix, got ${describe(blurred)}`);
  }
  const image = checkSignals("blurred", blurred);
  const { kernelRows, kernelCols, shape } = checkKernelSize(options, image);
  checkSignalValues("blurred", image, [undefined]);
  const lambda = checkFinite("lambda", options.lambda ?? 0.03, 0);
  const method = checkChoice("method", options.method ?? "homotopy", ["homotopy", "iadm"] as const);
  const homotopy = resolveHomotopyOptions(options);
  const common = resolveCommonOptions(options, { maxIterations: 2000 }, ["kernelShape", "lambda", "method", "init", ...HOMOTOPY_KEYS]);
  const init = options.init ?? "box";
  if (typeof init === "string" && init !== "box" && init !== "random") {
    throw new TypeError(`invalid init: expected "box", "random" or a matrix kernel, got ${describe(init)}`);
  }
  const box = { rows: kernelRows, cols: kernelCols, data: new Float64Array(kernelRows * kernelCols).fill(1) };
  const given = givenKernel("init", init === "box" ? box : init, { shape, kernelRows, kernelCols, twoD: true });

  const { rows, cols, windowRows, windowCols } = shape;
  const y = image.data[0];
  const dh = new Float64Array(rows * cols), dv = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      dh[k] = y[i * cols + ((j + 1) % cols)] - y[k];
      dv[k] = y[((i + 1) % rows) * cols + j] - y[k];
    }
  }
  const kernel0 = given ?? dataPatchKernel(dh, shape, kernelRows, kernelCols, 0, new Rng(common.seed));
  const scope = new ArenaScope(runtime().arena);
  try {
    const model = new ConvolutionalModel({ shape, signals: [dh, dv], kernels: [kernel0], biases: [0, 0], estimateBias: false }, scope);
    const { result } = await runIadm(model, { method, lambda, stepSize: STEP_SIZE, armijo: ARMIJO, ...homotopy, kernelRows, kernelCols }, common);
    const window = model.a[0].slice();
    return {
      kernel: { rows: kernelRows, cols: kernelCols, data: blurKernelOf(window, windowRows, windowCols, kernelRows, kernelCols) },
      window: { rows: windowRows, cols: windowCols, data: window },
      differences: [0, 1].map((j) => ({ rows, cols, data: model.x[model.at(j, 0)].toArray() })) as [Matrix, Matrix],
      objective: model.dataFit() + lambda * model.l1(),
      lambda,
      result,
    };
  } finally {
    scope.disposeAll();
  }
}

/** Entries below this fraction of the peak are noise of the estimate (set to 0). */
const THRESHOLD = 0.2;

/**
 * The blur kernel of a unit-norm estimate in its window: sign by the sum, entries below a fifth
 * of the peak to 0, the
 * h×w block around the centroid (rounded; clipped to the window), normalized to sum 1.
 */
function blurKernelOf(window: Float64Array, wr: number, wc: number, h: number, w: number): Float64Array {
  let sum = 0;
  for (const v of window) sum += v;
  const sign = sum < 0 ? -1 : 1;
  let peak = 0;
  for (const v of window) peak = Math.max(peak, sign * v);
  const positive = window.map((v) => (sign * v > THRESHOLD * peak ? sign * v : 0));
  let mass = 0, mr = 0, mc = 0;
  for (let i = 0; i < wr; i++) {
    for (let j = 0; j < wc; j++) {
      const v = positive[i * wc + j];
      mass += v;
      mr += i * v;
      mc += j * v;
    }
  }
  const out = new Float64Array(h * w);
  if (mass === 0) {
    out[(h >> 1) * w + (w >> 1)] = 1; // nothing positive: the identity blur
    return out;
  }
  const top = Math.min(wr - h, Math.max(0, Math.round(mr / mass) - (h >> 1)));
  const left = Math.min(wc - w, Math.max(0, Math.round(mc / mass) - (w >> 1)));
  let total = 0;
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) {
      out[i * w + j] = positive[(top + i) * wc + left + j];
      total += out[i * w + j];
    }
  }
  if (total === 0) {
    out[(h >> 1) * w + (w >> 1)] = 1; // mass spread on both sides of an empty centre: the identity blur
    return out;
  }
  return out.map((v) => v / total);
}
