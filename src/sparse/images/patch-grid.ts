// The grid of patch positions on an image and the copies between images and patch columns,
// shared by extractPatches, assemblePatches and denoiseImage.
import type { Matrix } from "../../matrix.js";
import { checkInteger, describe } from "../../validate.js";

/** Where patches sit on a rows×cols image: their top rows and left columns. */
export interface PatchGrid {
  readonly rows: number;
  readonly cols: number;
  /** Patch height and width. */
  readonly height: number;
  readonly width: number;
  /** The top row of each row of patches, the left column of each column of patches. */
  readonly tops: Int32Array;
  readonly lefts: Int32Array;
  /** tops.length · lefts.length; patch k sits at (tops[⌊k / lefts.length⌋], lefts[k mod lefts.length]). */
  readonly count: number;
}

/** Offsets 0, stride, 2·stride, … ≤ length − size, and length − size itself when the steps miss it. */
function offsets(length: number, size: number, stride: number): Int32Array {
  const out: number[] = [];
  for (let o = 0; o + size <= length; o += stride) out.push(o);
  if (out[out.length - 1] !== length - size) out.push(length - size);
  return Int32Array.from(out);
}

/** A patch size: an integer ≥ 1 or a pair [height, width]. */
export function checkPatchSize(name: string, size: unknown): [number, number] {
  if (Array.isArray(size)) {
    if (size.length !== 2) throw new TypeError(`invalid ${name}: expected an integer or a pair [height, width], got ${describe(size)}`);
    return [checkInteger(`${name}[0]`, size[0], 1), checkInteger(`${name}[1]`, size[1], 1)];
  }
  const s = checkInteger(name, size, 1);
  return [s, s];
}

/**
 * The grid of height×width patches at the given strides on a rows×cols image: every `stride`-th
 * position from the top-left, plus the last position in each direction when the strides step
 * past it, so that the patches cover every pixel.
 *
 * @throws RangeError when a patch is larger than the image.
 */
export function patchGrid(rows: number, cols: number, [height, width]: [number, number], [rowStride, colStride]: [number, number]): PatchGrid {
  if (height > rows || width > cols) {
    throw new RangeError(`invalid size: a ${height}×${width} patch does not fit in a ${rows}×${cols} image`);
  }
  const tops = offsets(rows, height, rowStride);
  const lefts = offsets(cols, width, colStride);
  return { rows, cols, height, width, tops, lefts, count: tops.length * lefts.length };
}

/** The index (row-major in the image) of patch k's top-left pixel. */
function cornerOf(grid: PatchGrid, k: number): number {
  const per = grid.lefts.length;
  return grid.tops[Math.floor(k / per)] * grid.cols + grid.lefts[k % per];
}

/** The patch indices first … first+m−1. */
export function patchRange(first: number, m: number): Int32Array {
  return Int32Array.from({ length: m }, (_, c) => first + c);
}

/**
 * Copies the patches `indices` of the grid (m of them) from `image` into the columns of `out` (a
 * (height·width)×m row-major block: pixel (r, c) of a patch in row r·width + c). With `means`,
 * each patch's mean is subtracted and stored there.
 */
export function copyPatches(image: Matrix, grid: PatchGrid, indices: ArrayLike<number>, out: Float64Array, means?: Float64Array): void {
  const { height, width } = grid;
  const data = image.data;
  const m = indices.length;
  for (let c = 0; c < m; c++) {
    const corner = cornerOf(grid, indices[c]);
    let sum = 0;
    for (let r = 0; r < height; r++) {
      const from = corner + r * grid.cols;
      for (let s = 0; s < width; s++) {
        const v = data[from + s];
        out[(r * width + s) * m + c] = v;
        sum += v;
      }
    }
    if (means !== undefined) {
      const mean = sum / (height * width);
      means[c] = mean;
      for (let t = 0; t < height * width; t++) out[t * m + c] -= mean;
    }
  }
}

/**
 * Adds the columns of `patches` (the patches `indices`, laid out as `copyPatches` does, plus
 * `means[c]` each when given) into `sum` (rows×cols), and 1 per covered pixel into `weight`.
 */
export function addPatches(
  patches: Float64Array, grid: PatchGrid, indices: ArrayLike<number>, sum: Float64Array, weight: Float64Array, means?: Float64Array,
): void {
  const { height, width } = grid;
  const m = indices.length;
  for (let c = 0; c < m; c++) {
    const corner = cornerOf(grid, indices[c]);
    const mean = means === undefined ? 0 : means[c];
    for (let r = 0; r < height; r++) {
      const to = corner + r * grid.cols;
      for (let s = 0; s < width; s++) {
        sum[to + s] += patches[(r * width + s) * m + c] + mean;
        weight[to + s] += 1;
      }
    }
  }
}
