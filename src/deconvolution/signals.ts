// Validation of the data of the multi-signal front doors: one or many signals of one shape (1-D
// Float64Arrays or 2-D matrices), their masks of missing samples, and the kernel size.
import type { Matrix } from "../matrix.js";
import { MAX_FFT_LENGTH } from "../kernels/fft/check.js";
import { checkInteger, checkMatrix, describe } from "../validate.js";
import type { ConvolutionShape } from "./geometry.js";

/** A mask of one signal: 1 (or true) where observed, 0 where missing. */
export type SampleMask = Uint8Array | Float64Array | Matrix;

/** Signals checked for kind and shape (not yet for values: see {@link checkSignalValues}). */
export interface CheckedSignals {
  readonly twoD: boolean;
  /** Whether the caller passed an array of signals (else one signal). */
  readonly many: boolean;
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array[];
}

/** One signal or an array of signals of one kind and shape. */
export function checkSignals(name: string, value: unknown): CheckedSignals {
  const many = Array.isArray(value);
  const list = many ? (value as unknown[]) : [value];
  if (list.length === 0) throw new RangeError(`invalid ${name}: expected at least one signal, got an empty array`);
  const twoD = !(list[0] instanceof Float64Array);
  const data: Float64Array[] = [];
  let rows = 0, cols = 0;
  list.forEach((s, j) => {
    const at = many ? `${name}[${j}]` : name;
    let r: number, c: number, d: Float64Array;
    if (!twoD) {
      if (!(s instanceof Float64Array)) throw new TypeError(`invalid ${at}: expected a Float64Array like ${name}${many ? "[0]" : ""}, got ${describe(s)}`);
      [r, c, d] = [1, s.length, s];
    } else {
      if (s === null || typeof s !== "object" || ArrayBuffer.isView(s) || Array.isArray(s)) {
        throw new TypeError(`invalid ${at}: expected a Float64Array (1-D) or a matrix (2-D), got ${describe(s)}`);
      }
      const m = checkMatrix(at, s);
      [r, c, d] = [m.rows, m.cols, m.data];
    }
    if (j === 0) [rows, cols] = [r, c];
    else if (r !== rows || c !== cols) {
      const want = twoD ? `${rows}×${cols}` : `length ${cols}`;
      throw new RangeError(`invalid ${at}: expected ${want} like ${name}[0], got ${twoD ? `${r}×${c}` : `length ${c}`}`);
    }
    data.push(d);
  });
  if (rows * cols === 0) throw new RangeError(`invalid ${name}: expected nonempty signals, got ${rows}×${cols}`);
  if (rows * cols > MAX_FFT_LENGTH) throw new RangeError(`invalid ${name}: ${rows * cols} samples exceed the largest supported ${MAX_FFT_LENGTH}`);
  return { twoD, many, rows, cols, data };
}

/**
 * The masks (one per signal, as the signals are given: one mask for one signal, an array for an
 * array), each of the signal's shape with entries 0 or 1; undefined: all observed.
 */
export function checkMasks(value: unknown, signals: CheckedSignals): (Uint8Array | undefined)[] {
  const { many, twoD, rows, cols } = signals;
  const count = signals.data.length;
  if (value === undefined) return new Array<undefined>(count).fill(undefined);
  if (many !== Array.isArray(value)) {
    throw new TypeError(`invalid mask: expected ${many ? `an array of ${count} masks, one per signal` : "one mask for the one signal"}, got ${describe(value)}`);
  }
  const list = many ? (value as unknown[]) : [value];
  if (list.length !== count) throw new RangeError(`invalid mask: expected ${count} masks, one per signal, got ${list.length}`);
  return list.map((m, j) => {
    const name = many ? `mask[${j}]` : "mask";
    if (m === undefined) return undefined;
    let data: ArrayLike<number>;
    if (m instanceof Uint8Array || m instanceof Float64Array) {
      if (m.length !== rows * cols) {
        throw new RangeError(`invalid ${name}: expected ${rows * cols} entries (the signal's ${twoD ? `${rows}×${cols}` : "length"}), got ${m.length}`);
      }
      data = m;
    } else if (twoD && m !== null && typeof m === "object" && !Array.isArray(m)) {
      const mm = checkMatrix(name, m);
      if (mm.rows !== rows || mm.cols !== cols) throw new RangeError(`invalid ${name}: expected ${rows}×${cols} like the signal, got ${mm.rows}×${mm.cols}`);
      data = mm.data;
    } else {
      throw new TypeError(`invalid ${name}: expected a Uint8Array or Float64Array of 0/1${twoD ? " or a matrix" : ""}, got ${describe(m)}`);
    }
    const out = new Uint8Array(rows * cols);
    for (let i = 0; i < out.length; i++) {
      const v = data[i];
      if (v !== 0 && v !== 1) throw new RangeError(`invalid ${name}: entry ${i} is ${v}; expected 0 (missing) or 1 (observed)`);
      out[i] = v;
    }
    return out;
  });
}

/** Every observed sample finite (missing ones may hold anything, NaN included). */
export function checkSignalValues(name: string, signals: CheckedSignals, masks: readonly (Uint8Array | undefined)[]): void {
  signals.data.forEach((d, j) => {
    const m = masks[j];
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i]) && (m === undefined || m[i] === 1)) {
        const at = signals.many ? `${name}[${j}]` : name;
        throw new RangeError(`invalid ${at}: entry ${i} is ${d[i]}; expected finite values where observed (mark missing samples 0 in mask)`);
      }
    }
  });
}

/**
 * The kernel size from `kernelLength` (1-D) or `kernelShape` (2-D), checked to fit three times in
 * the signal (the window of Lau et al.), and the model's shape.
 */
export function checkKernelSize(
  options: { kernelLength?: unknown; kernelShape?: unknown }, signals: CheckedSignals,
): { kernelRows: number; kernelCols: number; shape: ConvolutionShape } {
  const { twoD, rows, cols } = signals;
  let kernelRows: number, kernelCols: number;
  if (!twoD) {
    if (options.kernelShape !== undefined) throw new TypeError("invalid kernelShape: a 1-D signal (Float64Array) takes kernelLength");
    [kernelRows, kernelCols] = [1, checkInteger("kernelLength", options.kernelLength, 1)];
    if (3 * kernelCols > cols) {
      throw new RangeError(`invalid kernelLength: the kernel's window 3n = ${3 * kernelCols} must fit in the signal (length ${cols}); expected n ≤ ${Math.floor(cols / 3)}`);
    }
  } else {
    if (options.kernelLength !== undefined) throw new TypeError("invalid kernelLength: a 2-D signal (matrix) takes kernelShape: [h, w]");
    const shape: unknown = options.kernelShape;
    if (!Array.isArray(shape) || shape.length !== 2) throw new TypeError(`invalid kernelShape: expected [h, w], got ${describe(shape)}`);
    [kernelRows, kernelCols] = [checkInteger("kernelShape[0]", shape[0], 1), checkInteger("kernelShape[1]", shape[1], 1)];
    if (3 * kernelRows > rows || 3 * kernelCols > cols) {
      throw new RangeError(
        `invalid kernelShape: the kernel's window ${3 * kernelRows}×${3 * kernelCols} must fit in the ${rows}×${cols} signal; expected h ≤ ${Math.floor(rows / 3)} and w ≤ ${Math.floor(cols / 3)}`,
      );
    }
  }
  return { kernelRows, kernelCols, shape: { rows, cols, windowRows: twoD ? 3 * kernelRows : 1, windowCols: 3 * kernelCols } };
}
