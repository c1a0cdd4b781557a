// Distances modulo the signed-shift symmetry of convolution: a ⊛ x = (±Sₛa) ⊛ (±S₋ₛx), and the
// matching of several kernels modulo signed shifts and a permutation.
import type { Matrix } from "../matrix.js";
import { circularCorrelate } from "../kernels/fft/convolve.js";
import { circularCorrelate2d } from "../kernels/fft/convolve2d.js";
import { checkMatrix, checkOptions, describe } from "../validate.js";
import { hungarian } from "./hungarian.js";

/** The best signed shift between two kernels (see {@link shiftCorrelation}). */
export interface ShiftCorrelation {
  /** max over shifts and signs of |⟨shifted a, a₀⟩|/(‖a‖‖a₀‖), in [0, 1]. */
  readonly correlation: number;
  /** The shift s (1-D) or [rows, cols] (2-D) with a[k + s] ≈ sign·a₀[k]. */
  readonly shift: number | [number, number];
  /** ±1: the sign of the correlation at the best shift. */
  readonly sign: 1 | -1;
}

/** {@link alignToShift}'s result: the estimate moved onto the reference. */
export interface AlignedShift extends ShiftCorrelation {
  /** sign·a[k + s] for k over the reference's shape (zero where k + s falls outside a). */
  readonly kernel: Float64Array | Matrix;
  /** sign·x[(k − s) mod m], when an activation was given: then a ⊛ x = aligned kernel ⊛ aligned activation up to the cropped part of a. */
  readonly activation?: Float64Array | Matrix;
}

/** Options of {@link alignToShift}. */
export interface AlignToShiftOptions {
  /**
   * The activation x paired with the kernel (a signal, same dimension as the kernel), moved by
   * the opposite shift and the same sign so that the convolution is unchanged.
   * @defaultValue undefined
   */
  activation?: Float64Array | Matrix;
}

type Shape = [number, number];

function shapeOf(name: string, value: unknown): { data: Float64Array; shape: Shape; twoD: boolean } {
  if (value instanceof Float64Array) return { data: value, shape: [1, value.length], twoD: false };
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    const m = checkMatrix(name, value);
    return { data: m.data, shape: [m.rows, m.cols], twoD: true };
  }
  throw new TypeError(`invalid ${name}: expected a Float64Array (1-D) or a matrix (2-D), got ${describe(value)}`);
}

function checkKernel(name: string, value: unknown): { data: Float64Array; shape: Shape; twoD: boolean; norm: number } {
  const k = shapeOf(name, value);
  if (k.data.length === 0) throw new RangeError(`invalid ${name}: expected a nonempty kernel, got ${describe(value)}`);
  let s = 0;
  for (let i = 0; i < k.data.length; i++) {
    const v = k.data[i];
    if (!Number.isFinite(v)) throw new RangeError(`invalid ${name}: entry ${i} is ${v}; expected finite values`);
    s += v * v;
  }
  if (s === 0) throw new RangeError(`invalid ${name}: the zero kernel has no direction to compare`);
  return { ...k, norm: Math.sqrt(s) };
}

/**
 * The largest normalized correlation of `a` with the reference `a0` over all relative shifts
 * and both signs: max_{s, ±} |Σ_k a[k + s]·a₀[k]|/(‖a‖‖a₀‖), the recovery measure of
 * short-and-sparse deconvolution, whose solutions are defined only up to a signed shift (Lau et
 * al. 2020 report it as max|⟨Sₛa, a₀⟩|). Kernels may differ in length (an estimate in a
 * 3n window against the true n-kernel): both are zero-padded to a common length (≥ la + l₀ − 1
 * per axis, so no shift wraps around) and all shifts are evaluated at once by FFT (one circular
 * correlation). 1-D: Float64Arrays, `shift` a number in (−l₀, la); 2-D: matrices, `shift`
 * [rows, cols]. 1 means equal up to a signed shift (and scale).
 *
 * NaN policy: non-finite entries are rejected (RangeError), as are zero kernels.
 * @throws TypeError if the kernels are not both Float64Arrays or both matrices.
 */
export function shiftCorrelation(a: Float64Array | Matrix, a0: Float64Array | Matrix): ShiftCorrelation {
  const est = checkKernel("a", a);
  const ref = checkKernel("a0", a0);
  if (est.twoD !== ref.twoD) {
    throw new TypeError(`invalid a0: expected a ${est.twoD ? "matrix" : "Float64Array"} like a, got ${describe(a0)}`);
  }
  return bestShift(est, ref);
}

function bestShift(
  est: { data: Float64Array; shape: Shape; twoD: boolean; norm: number },
  ref: { data: Float64Array; shape: Shape; norm: number },
): ShiftCorrelation {
  const [ar, ac] = est.shape;
  const [rr, rc] = ref.shape;
  const rows = est.twoD ? ar + rr - 1 : 1;
  const cols = ac + rc - 1;
  // c(s) = Σ_k a[k + s]·a₀[k] at circular index s mod (rows, cols) of the correlation of the
  // zero-padded a with a₀ (circularCorrelate: z_i = Σ_k a₀_k·a_{(i+k) mod L}).
  const padded = new Float64Array(rows * cols);
  for (let i = 0; i < ar; i++) padded.set(est.data.subarray(i * ac, (i + 1) * ac), i * cols);
  const c = est.twoD
    ? circularCorrelate2d({ rows, cols, data: padded }, { rows: rr, cols: rc, data: ref.data }, { method: "fft" }).data
    : circularCorrelate(padded, ref.data, { method: "fft" });
  let best = 0;
  for (let i = 1; i < c.length; i++) if (Math.abs(c[i]) > Math.abs(c[best])) best = i;
  const r = Math.floor(best / cols);
  const q = best - r * cols;
  const shiftRows = r >= ar ? r - rows : r;
  const shiftCols = q >= ac ? q - cols : q;
  const correlation = Math.min(1, Math.abs(c[best]) / (est.norm * ref.norm));
  const sign = c[best] < 0 ? -1 : 1;
  return { correlation, shift: est.twoD ? [shiftRows, shiftCols] : shiftCols, sign };
}

/**
 * Moves an estimated kernel (and its activation) onto a reference modulo the signed shift:
 * finds the best signed shift s, ± of {@link shiftCorrelation}, then returns the aligned kernel
 * ±a[k + s] over the reference's shape and, if given, the activation ±x[(k − s) mod m]
 * (circular over the signal), so that shifted kernel ⊛ shifted activation = a ⊛ x wherever the
 * cropped kernel holds all of a. Use it to compare an estimate with the truth entry by entry.
 *
 * NaN policy: non-finite entries in the kernels are rejected (RangeError); the activation is
 * moved as it is.
 * @throws TypeError / RangeError for kernels as in shiftCorrelation, or an activation of the
 *   wrong kind, an empty one, or options with unknown keys.
 */
export function alignToShift(
  kernel: Float64Array | Matrix, reference: Float64Array | Matrix, options?: AlignToShiftOptions,
): AlignedShift {
  const est = checkKernel("kernel", kernel);
  const ref = checkKernel("reference", reference);
  if (est.twoD !== ref.twoD) {
    throw new TypeError(`invalid reference: expected a ${est.twoD ? "matrix" : "Float64Array"} like kernel, got ${describe(reference)}`);
  }
  checkOptions("options", options, ["activation"]);
  const best = bestShift(est, ref);
  const [sr, sc] = typeof best.shift === "number" ? [0, best.shift] : best.shift;
  const [ar, ac] = est.shape;
  const [rr, rc] = ref.shape;
  const aligned = new Float64Array(rr * rc);
  for (let i = 0; i < rr; i++) {
    const r = i + sr;
    if (r < 0 || r >= ar) continue;
    for (let j = 0; j < rc; j++) {
      const q = j + sc;
      if (q >= 0 && q < ac) aligned[i * rc + j] = best.sign * est.data[r * ac + q];
    }
  }
  const result: AlignedShift = { ...best, kernel: est.twoD ? { rows: rr, cols: rc, data: aligned } : aligned };
  if (options?.activation === undefined) return result;
  const x = shapeOf("options.activation", options.activation);
  if (x.twoD !== est.twoD) {
    throw new TypeError(`invalid options.activation: expected a ${est.twoD ? "matrix" : "Float64Array"} like kernel, got ${describe(options.activation)}`);
  }
  if (x.data.length === 0) throw new RangeError("invalid options.activation: expected a nonempty signal, got an empty one");
  const [xr, xc] = x.shape;
  const moved = new Float64Array(xr * xc);
  const mod = (v: number, n: number): number => ((v % n) + n) % n;
  for (let i = 0; i < xr; i++) {
    const r = mod(i - sr, xr);
    for (let j = 0; j < xc; j++) moved[i * xc + j] = best.sign * x.data[r * xc + mod(j - sc, xc)];
  }
  return { ...result, activation: x.twoD ? { rows: xr, cols: xc, data: moved } : moved };
}

/** {@link matchKernels}'s result: each reference kernel with the estimate matched to it. */
export interface KernelMatch {
  /** For each reference kernel j, the index of the estimate matched to it (−1 when there are fewer estimates than references). */
  readonly estimateOf: Int32Array;
  /** For each reference kernel j, the shift correlation with its estimate (0 when unmatched). */
  readonly correlations: Float64Array;
  /** For each reference kernel j, the best signed shift of its estimate ({@link shiftCorrelation}), or null when unmatched. */
  readonly shifts: (ShiftCorrelation | null)[];
  /** Every shift correlation: entry (i, j) is estimate i against reference j. */
  readonly matrix: Matrix;
  /** The smallest of `correlations` (the worst recovered reference kernel). */
  readonly minimum: number;
}

/**
 * Matches estimated kernels to reference kernels modulo signed shifts and a permutation, the
 * symmetries of convolutional dictionary learning (Σ_k a_k ⊛ x_k is unchanged by permuting the
 * pairs (a_k, x_k) and by a signed shift of each): the shift correlation of every estimate with
 * every reference ({@link shiftCorrelation}, one FFT correlation per pair), then the one-to-one
 * assignment maximizing their sum by the Hungarian method ({@link hungarian}). With more estimates
 * than references the best subset is matched; with fewer, some references stay unmatched.
 *
 * NaN policy: non-finite entries are rejected (RangeError), as are zero kernels.
 * @param estimates the estimated kernels (Float64Arrays or matrices, any sizes, e.g. windows).
 * @param references the reference kernels (of the same dimension).
 * @throws TypeError if the arguments are not nonempty arrays of kernels of one dimension.
 */
export function matchKernels(estimates: readonly (Float64Array | Matrix)[], references: readonly (Float64Array | Matrix)[]): KernelMatch {
  for (const [name, list] of [["estimates", estimates], ["references", references]] as const) {
    if (!Array.isArray(list) || list.length === 0) throw new TypeError(`invalid ${name}: expected a nonempty array of kernels, got ${describe(list)}`);
  }
  const est = estimates.map((a, i) => checkKernel(`estimates[${i}]`, a));
  const ref = references.map((a, j) => checkKernel(`references[${j}]`, a));
  [...est, ...ref].forEach((k, i) => {
    if (k.twoD !== est[0].twoD) {
      const name = i < est.length ? `estimates[${i}]` : `references[${i - est.length}]`;
      throw new TypeError(`invalid ${name}: expected a ${est[0].twoD ? "matrix" : "Float64Array"} like estimates[0]`);
    }
  });
  const matrix = { rows: est.length, cols: ref.length, data: new Float64Array(est.length * ref.length) };
  const best = est.map((e) => ref.map((r) => bestShift(e, r)));
  best.forEach((row, i) => row.forEach((b, j) => (matrix.data[i * ref.length + j] = b.correlation)));
  const { columnToRow } = hungarian(matrix, { maximize: true });
  const correlations = new Float64Array(ref.length);
  const shifts = Array.from(columnToRow, (i, j) => {
    if (i < 0) return null;
    correlations[j] = best[i][j].correlation;
    return best[i][j];
  });
  return { estimateOf: Int32Array.from(columnToRow), correlations, shifts, matrix, minimum: Math.min(...correlations) };
}
