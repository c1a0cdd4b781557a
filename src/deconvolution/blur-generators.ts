// Seeded blur for the image experiments: a motion-like blur kernel (a random camera path
// rasterized) and the blur of an image by a centred kernel plus Gaussian noise.
import type { Matrix } from "../matrix.js";
import { rngFrom, type Seed } from "../data/seed.js";
import { circularConvolve2d } from "../kernels/fft/convolve2d.js";
import { checkAllFinite, checkFinite, checkInteger, checkMatrix, checkOptions, describe, newFloat64Array } from "../validate.js";

/** Options of {@link motionBlurKernel}. */
export interface MotionBlurKernelOptions {
  /**
   * The path's length as a fraction of the kernel's size minus 2 (the path is shrunk to fit the
   * kernel if it would not).
   * @defaultValue 0.8
   */
  length?: number;
  /**
   * The standard deviation, in radians, of the change of the path's heading per step (of 64):
   * 0 gives a straight line, larger values curved and shaky paths.
   * @defaultValue 0.12
   */
  curvature?: number;
  /**
   * An integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
}

const STEPS = 64;

/**
 * A seeded motion-like blur kernel of `size`×`size` (or `[h, w]`): the path of a shaking camera,
 * rasterized — after the random trajectories of Boracchi & Foi ("Modeling the performance of
 * image restoration from motion blur", IEEE TIP 2012), simplified: 64 steps of equal length
 * whose heading starts uniformly at random and then does a Gaussian random walk (`curvature`), a
 * total length `length`·(min(h, w) − 2), centred at the kernel's centre (⌊h/2⌋, ⌊w/2⌋) by its
 * centroid; each step's point is splatted bilinearly, the raster smoothed by a Gaussian of
 * standard deviation 0.5 pixel (the 3×3 binomial filter), then normalized to sum 1. Nonnegative,
 * sum 1, centroid at the centre to within a pixel: a blur kernel, not a point on the sphere
 * (blind deconvolution recovers it up to scale and a signed shift).
 *
 * @throws TypeError / RangeError for sizes below 3, a length outside (0, 1], a negative
 *   curvature or a bad seed.
 */
export function motionBlurKernel(size: number | [number, number], options: MotionBlurKernelOptions = {}): Matrix {
  const [h, w] = typeof size === "number"
    ? [checkInteger("size", size, 3), size]
    : Array.isArray(size) && size.length === 2
      ? [checkInteger("size[0]", size[0], 3), checkInteger("size[1]", size[1], 3)]
      : invalidSize(size);
  checkOptions("options", options, ["length", "curvature", "seed"]);
  const length = checkFinite("length", options.length ?? 0.8, 0);
  if (!(length > 0 && length <= 1)) throw new RangeError(`invalid length: expected a fraction in (0, 1], got ${length}`);
  const curvature = checkFinite("curvature", options.curvature ?? 0.12, 0);
  const rng = rngFrom("seed", options.seed ?? 0);
  const raster = newFloat64Array("size", h * w, `a ${h}×${w} kernel has ${h * w} entries`);
  const points: [number, number][] = [[0, 0]];
  let heading = 2 * Math.PI * rng.uniform();
  const step = (length * (Math.min(h, w) - 2)) / STEPS;
  for (let t = 0; t < STEPS; t++) {
    heading += curvature * rng.normal();
    const [r, c] = points[t];
    points.push([r + step * Math.sin(heading), c + step * Math.cos(heading)]);
  }
  // Centre the path at its centroid, shrink it into the box [1, h − 2]×[1, w − 2] if needed.
  const mean = (k: 0 | 1): number => points.reduce((s, p) => s + p[k], 0) / points.length;
  const [mr, mc] = [mean(0), mean(1)];
  const extent = (k: 0 | 1, m: number): number => Math.max(...points.map((p) => Math.abs(p[k] - m)));
  const [cr, cc] = [h >> 1, w >> 1];
  const fit = Math.min(1, (Math.min(cr, h - 1 - cr) - 1) / Math.max(extent(0, mr), 1e-12), (Math.min(cc, w - 1 - cc) - 1) / Math.max(extent(1, mc), 1e-12));
  for (const [r0, c0] of points) {
    const r = cr + fit * (r0 - mr), c = cc + fit * (c0 - mc);
    const i = Math.floor(r), j = Math.floor(c), fr = r - i, fc = c - j;
    raster[i * w + j] += (1 - fr) * (1 - fc);
    raster[i * w + j + 1] += (1 - fr) * fc;
    raster[(i + 1) * w + j] += fr * (1 - fc);
    raster[(i + 1) * w + j + 1] += fr * fc;
  }
  const smooth = binomial3(raster, h, w);
  const total = smooth.reduce((s, v) => s + v, 0);
  return { rows: h, cols: w, data: smooth.map((v) => v / total) };
}

function invalidSize(size: unknown): never {
  throw new TypeError(`invalid size: expected an integer or [h, w], got ${describe(size)}`);
}

/** The separable 3×3 binomial filter [1, 2, 1]/4 ⊗ [1, 2, 1]/4 (a Gaussian of σ ≈ 0.7 px; zero outside). */
function binomial3(x: Float64Array, h: number, w: number): Float64Array {
  const tmp = new Float64Array(h * w), out = new Float64Array(h * w);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) tmp[i * w + j] = (2 * x[i * w + j] + (j > 0 ? x[i * w + j - 1] : 0) + (j + 1 < w ? x[i * w + j + 1] : 0)) / 4;
  }
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < w; j++) out[i * w + j] = (2 * tmp[i * w + j] + (i > 0 ? tmp[(i - 1) * w + j] : 0) + (i + 1 < h ? tmp[(i + 1) * w + j] : 0)) / 4;
  }
  return out;
}

/** Options of {@link blurImage}. */
export interface BlurImageOptions {
  /**
   * σ ≥ 0, the standard deviation of the i.i.d. Gaussian noise added to every pixel.
   * @defaultValue 0
   */
  noise?: number;
  /**
   * An integer in [0, 2³²) or an Rng (which advances): the noise.
   * @defaultValue 0
   */
  seed?: Seed;
}

/**
 * The image blurred by a centred kernel, with circular boundaries, plus noise:
 *   y[i, j] = Σ_{p,q} a[p, q]·x[(i − p + ⌊h/2⌋) mod R, (j − q + ⌊w/2⌋) mod C] + σ·n[i, j],
 * the convolution with the kernel's centre (⌊h/2⌋, ⌊w/2⌋) at the origin, so that a kernel centred
 * there does not move the image (the convention of {@link deblurImage} and {@link estimateBlurKernel}).
 *
 * NaN policy: image and kernel must be finite (RangeError otherwise).
 * @throws TypeError / RangeError for non-matrices, a kernel larger than the image, bad options.
 */
export function blurImage(image: Matrix, kernel: Matrix, options: BlurImageOptions = {}): Matrix {
  const x = checkMatrix("image", image);
  const a = checkMatrix("kernel", kernel);
  if (a.rows < 1 || a.cols < 1 || a.rows > x.rows || a.cols > x.cols) {
    throw new RangeError(`invalid kernel: expected a nonempty kernel no larger than the ${x.rows}×${x.cols} image, got ${a.rows}×${a.cols}`);
  }
  checkAllFinite("image", x.data);
  checkAllFinite("kernel", a.data);
  checkOptions("options", options, ["noise", "seed"]);
  const noise = checkFinite("noise", options.noise ?? 0, 0);
  const rng = rngFrom("seed", options.seed ?? 0);
  const c = circularConvolve2d(x, a).data;
  const { rows, cols } = x;
  const [cr, cc] = [a.rows >> 1, a.cols >> 1];
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      out[i * cols + j] = c[((i + cr) % rows) * cols + ((j + cc) % cols)] + (noise > 0 ? noise * rng.normal() : 0);
    }
  }
  return { rows, cols, data: out };
}
