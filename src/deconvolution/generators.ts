// Seeded generators for the convolutional models: random kernels on the sphere and observations
// y = a ⊛ x + b·1 + σ·noise with sparse random activations.
import type { Matrix } from "../matrix.js";
import { bernoulliGaussian, bernoulliRademacher } from "../data/bernoulli.js";
import { rngFrom, type Seed } from "../data/seed.js";
import { circularConvolve } from "../kernels/fft/convolve.js";
import { circularConvolve2d } from "../kernels/fft/convolve2d.js";
import { checkChoice, checkFinite, checkInteger, checkMatrix, checkOptions, describe } from "../validate.js";

/** Options of {@link randomKernel}. */
export interface RandomKernelOptions {
  /**
   * `"gaussian"`: i.i.d. N(0, 1) entries, normalized (uniform on the sphere; the incoherent
   * kernels of Lau et al.'s `randn` setting). `"smooth"`: Gaussian noise smoothed by a Gaussian
   * filter of standard deviation max(1, n/8) samples along each axis, times the window
   * e^{−t²} on t ∈ [−2, 2], normalized: a smooth, localized, strongly shift-coherent kernel (the
   * hard case of their experiments, like their `gaussian` kernel but random).
   * @defaultValue "gaussian"
   */
  kind?: "gaussian" | "smooth";
  /**
   * An integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
}

const KINDS = ["gaussian", "smooth"] as const;

/** Gaussian smoothing of a length-n line (zero outside) by a kernel of std σ, times e^{−t²}. */
function smoothLine(values: Float64Array, sigma: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += values[j] * Math.exp(-((i - j) ** 2) / (2 * sigma * sigma));
    const t = n === 1 ? 0 : -2 + (4 * i) / (n - 1);
    out[i] = s * Math.exp(-t * t);
  }
  return out;
}

function sumOfSquares(data: Float64Array): number {
  let s = 0;
  for (const v of data) s += v * v;
  return s;
}

/**
 * A random kernel on the unit sphere: a Float64Array of `length` entries (1-D) or a
 * shape[0]×shape[1] matrix (2-D, unit Frobenius norm), drawn as {@link RandomKernelOptions.kind}
 * says.
 * @throws TypeError / RangeError for sizes that are not integers ≥ 1, an unknown kind or a bad seed.
 */
export function randomKernel(length: number, options?: RandomKernelOptions): Float64Array;
export function randomKernel(shape: [number, number], options?: RandomKernelOptions): Matrix;
export function randomKernel(size: number | [number, number], options: RandomKernelOptions = {}): Float64Array | Matrix {
  const [rows, cols] = checkSize("length", size);
  checkOptions("options", options, ["kind", "seed"]);
  const kind = checkChoice("kind", options.kind ?? "gaussian", KINDS);
  const rng = rngFrom("seed", options.seed ?? 0);
  const draw = (): Float64Array => {
    const g = rng.normalArray(rows * cols);
    if (kind === "gaussian") return g;
    const out = new Float64Array(rows * cols);
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) out.set(smoothLine(g.subarray(i * cols, (i + 1) * cols), Math.max(1, cols / 8)), i * cols);
    if (rows > 1) {
      for (let j = 0; j < cols; j++) {
        for (let i = 0; i < rows; i++) col[i] = out[i * cols + j];
        const s = smoothLine(col, Math.max(1, rows / 8));
        for (let i = 0; i < rows; i++) out[i * cols + j] = s[i];
      }
    }
    return out;
  };
  let data = draw();
  let s = sumOfSquares(data);
  while (s === 0) s = sumOfSquares((data = draw())); // probability 0
  data = data.map((v) => v / Math.sqrt(s));
  return typeof size === "number" ? data : { rows, cols, data };
}

function checkSize(name: string, size: unknown): [number, number] {
  const sized = (n: string, value: unknown): number => {
    const k = checkInteger(n, value, 1);
    if (k > 0x7fffffff) throw new RangeError(`invalid ${n}: expected at most 2^31 − 1 (an array index), got ${k}`);
    return k;
  };
  if (typeof size === "number") return [1, sized(name, size)];
  if (Array.isArray(size) && size.length === 2) return [sized(`${name}[0]`, size[0]), sized(`${name}[1]`, size[1])];
  throw new TypeError(`invalid ${name}: expected an integer (1-D) or [rows, cols] (2-D), got ${describe(size)}`);
}

/** Options of {@link convolutionalData}. */
export interface ConvolutionalDataOptions {
  /** θ ∈ [0, 1], the probability that an activation entry is nonzero. */
  theta: number;
  /**
   * The nonzero entries: N(0, 1) (`"bernoulli-gaussian"`) or ±1 (`"bernoulli-rademacher"`, the
   * 1-D experiments of Lau et al.).
   * @defaultValue "bernoulli-gaussian"
   */
  activation?: "bernoulli-gaussian" | "bernoulli-rademacher";
  /**
   * The constant offset b added to every sample.
   * @defaultValue 0
   */
  bias?: number;
  /**
   * σ ≥ 0, the standard deviation of the i.i.d. Gaussian noise added to every sample.
   * @defaultValue 0
   */
  noise?: number;
  /**
   * An integer in [0, 2³²) or an Rng (which advances): the activation is drawn first, then the noise.
   * @defaultValue 0
   */
  seed?: Seed;
}

/** What {@link convolutionalData} returns. */
export interface ConvolutionalData<T extends Float64Array | Matrix> {
  /** y = a ⊛ x + b·1 + σ·n. */
  readonly signal: T;
  /** The sparse activation x. */
  readonly activation: T;
  /** The kernel a (a copy). */
  readonly kernel: T;
  readonly bias: number;
  readonly noise: number;
}

const ACTIVATIONS = ["bernoulli-gaussian", "bernoulli-rademacher"] as const;

/**
 * Observations of the short-and-sparse model y = a ⊛ x + b·1 + σ·n with circular convolution
 * ((a ⊛ x)[k] = Σ_j a[j]·x[(k − j) mod m], the kernel at the origin), a sparse random
 * activation x with rate θ (`bernoulliGaussian` / `bernoulliRademacher`) and i.i.d. N(0, σ²)
 * noise n, all from one seed. 1-D: a Float64Array kernel and a signal length m ≥ its length;
 * 2-D: a matrix kernel and a [rows, cols] shape at least its size.
 *
 * NaN policy: the kernel must be finite (RangeError otherwise).
 * @throws TypeError / RangeError for a bad kernel, shape, θ, bias, noise or seed.
 */
export function convolutionalData(kernel: Float64Array, length: number, options: ConvolutionalDataOptions): ConvolutionalData<Float64Array>;
export function convolutionalData(kernel: Matrix, shape: [number, number], options: ConvolutionalDataOptions): ConvolutionalData<Matrix>;
export function convolutionalData(
  kernel: Float64Array | Matrix, size: number | [number, number], options: ConvolutionalDataOptions,
): ConvolutionalData<Float64Array> | ConvolutionalData<Matrix> {
  const twoD = !(kernel instanceof Float64Array);
  const a = twoD ? checkMatrix("kernel", kernel) : { rows: 1, cols: kernel.length, data: kernel };
  if (a.data.length === 0) throw new RangeError("invalid kernel: expected a nonempty kernel");
  for (let i = 0; i < a.data.length; i++) {
    if (!Number.isFinite(a.data[i])) throw new RangeError(`invalid kernel: entry ${i} is ${a.data[i]}; expected finite values`);
  }
  if (twoD !== Array.isArray(size)) {
    throw new TypeError(`invalid ${twoD ? "shape" : "length"}: expected ${twoD ? "[rows, cols] for a matrix kernel" : "an integer for a Float64Array kernel"}, got ${describe(size)}`);
  }
  const [rows, cols] = checkSize(twoD ? "shape" : "length", size);
  if (a.rows > rows || a.cols > cols) {
    throw new RangeError(`invalid ${twoD ? "shape" : "length"}: the signal (${rows}×${cols}) must be at least the kernel's size (${a.rows}×${a.cols})`);
  }
  if (options === null || typeof options !== "object") throw new TypeError(`invalid options: expected { theta, … }, got ${describe(options)}`);
  checkOptions("options", options, ["theta", "activation", "bias", "noise", "seed"]);
  const theta = checkFinite("theta", options.theta, 0);
  if (theta > 1) throw new RangeError(`invalid theta: expected a probability in [0, 1], got ${theta}`);
  const distribution = checkChoice("activation", options.activation ?? "bernoulli-gaussian", ACTIVATIONS);
  const bias = checkFinite("bias", options.bias ?? 0);
  const noise = checkFinite("noise", options.noise ?? 0, 0);
  const rng = rngFrom("seed", options.seed ?? 0);
  const draw = distribution === "bernoulli-gaussian" ? bernoulliGaussian : bernoulliRademacher;
  const x = draw(rows, cols, theta, { seed: rng }).data;
  const clean = twoD
    ? circularConvolve2d({ rows, cols, data: x }, a as Matrix).data
    : circularConvolve(x, a.data);
  const y = new Float64Array(clean.length);
  for (let i = 0; i < y.length; i++) y[i] = clean[i] + bias + (noise > 0 ? noise * rng.normal() : 0);
  if (!twoD) return { signal: y, activation: x, kernel: a.data.slice(), bias, noise };
  return {
    signal: { rows, cols, data: y },
    activation: { rows, cols, data: x },
    kernel: { rows: a.rows, cols: a.cols, data: a.data.slice() },
    bias,
    noise,
  };
}
