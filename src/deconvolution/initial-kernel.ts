// The initial kernels: a random patch of the data, centred in the window (Lau et al.'s code), or
// a kernel the caller gives.
import type { Rng } from "../data/rng.js";
import type { ConvolutionShape } from "./geometry.js";
import { checkAllFinite, checkMatrix, describe } from "../validate.js";

const DRAWS = 100;

/**
 * A kernel window (windowRows×windowCols, row-major) holding a patch of the data: a
 * kernelRows×kernelCols patch of y − offset at a random position (circularly: the patch may
 * wrap around the edges), placed at the centre of the window — offset ((windowRows −
 * kernelRows)/2, (windowCols − kernelCols)/2), i.e. [0; patch; 0] in the 3n window of 1-D —
 * and normalized, as in the code of Lau et al. (2020). A patch of zeros is redrawn; after
 * 100 such draws (data that is nearly all zero) the patch is standard Gaussian instead.
 */
export function dataPatchKernel(
  y: Float64Array, shape: ConvolutionShape, kernelRows: number, kernelCols: number, offset: number, rng: Rng,
): Float64Array {
  const { rows, cols, windowRows, windowCols } = shape;
  const top = (windowRows - kernelRows) >> 1;
  const left = (windowCols - kernelCols) >> 1;
  const window = new Float64Array(windowRows * windowCols);
  for (let draw = 0; draw <= DRAWS; draw++) {
    const r0 = rng.integer(rows);
    const c0 = rng.integer(cols);
    let norm2 = 0;
    for (let i = 0; i < kernelRows; i++) {
      for (let j = 0; j < kernelCols; j++) {
        const v = draw < DRAWS ? y[((r0 + i) % rows) * cols + ((c0 + j) % cols)] - offset : rng.normal();
        window[(top + i) * windowCols + left + j] = v;
        norm2 += v * v;
      }
    }
    if (norm2 > 0) {
      const s = 1 / Math.sqrt(norm2);
      for (let i = 0; i < window.length; i++) window[i] *= s;
      return window;
    }
  }
  throw new Error("unreachable: a standard Gaussian patch is zero with probability 0");
}

/** Where a given kernel goes: the window of the model, the kernel's size inside it. */
export interface KernelPlacement {
  readonly shape: ConvolutionShape;
  readonly kernelRows: number;
  readonly kernelCols: number;
  readonly twoD: boolean;
}

/**
 * A start kernel given by the caller: `"random"` (or undefined) gives undefined; else a kernel of
 * the kernel's size (centred in the window) or of the window's, finite and nonzero, returned as a
 * normalized window.
 */
export function givenKernel(name: string, value: unknown, v: KernelPlacement): Float64Array | undefined {
  if (value === undefined || value === "random") return undefined;
  const { windowRows, windowCols } = v.shape;
  let rows: number, cols: number, data: Float64Array;
  if (value instanceof Float64Array && !v.twoD) {
    [rows, cols, data] = [1, value.length, value];
  } else if (v.twoD && value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    const m = checkMatrix(name, value);
    [rows, cols, data] = [m.rows, m.cols, m.data];
  } else {
    throw new TypeError(`invalid ${name}: expected "random" or a ${v.twoD ? "matrix" : "Float64Array"} kernel, got ${describe(value)}`);
  }
  const small = rows === v.kernelRows && cols === v.kernelCols;
  if (!small && !(rows === windowRows && cols === windowCols)) {
    const want = v.twoD ? `${v.kernelRows}×${v.kernelCols} or ${windowRows}×${windowCols}` : `length ${v.kernelCols} or ${windowCols}`;
    throw new RangeError(`invalid ${name}: expected a kernel of ${want}, got ${describe(value)}`);
  }
  checkAllFinite(name, data);
  const window = new Float64Array(windowRows * windowCols);
  const top = small ? (windowRows - rows) >> 1 : 0;
  const left = small ? (windowCols - cols) >> 1 : 0;
  let norm2 = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const x = data[i * cols + j];
      window[(top + i) * windowCols + left + j] = x;
      norm2 += x * x;
    }
  }
  if (norm2 === 0) throw new RangeError(`invalid ${name}: the zero kernel is not on the sphere`);
  return window.map((x) => x / Math.sqrt(norm2));
}

