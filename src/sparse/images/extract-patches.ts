// extractPatches: the patches of an image as the columns of a matrix.
import type { Matrix } from "../../matrix.js";
import { checkMatrix, checkOptions } from "../../validate.js";
import { checkPatchSize, copyPatches, patchGrid, patchRange } from "./patch-grid.js";

/** Options of {@link extractPatches} and {@link assemblePatches}. */
export interface PatchOptions {
  /** The patch size: s for s×s patches, or [height, width]. */
  size: number | readonly [number, number];
  /**
   * The step between patch positions: one number for both directions, or [rows, cols]. The last
   * row and column of positions are always included, so patches no farther apart than their size
   * cover the image.
   * @defaultValue 1 (every overlapping patch)
   */
  stride?: number | readonly [number, number];
}

/**
 * The patches of an image, one per column: a (height·width)×count matrix whose column k is the
 * patch at the k-th position of the grid in row-major order (top to bottom, then left to right),
 * its pixel (r, c) in row r·width + c. Positions step by `stride` from the top-left corner, and
 * the last row and column of positions (flush with the bottom and right edges) are added when the
 * strides step past them, so that every pixel is in some patch when the stride is at most the
 * patch size; stride 1 gives all
 * (rows − height + 1)·(cols − width + 1) overlapping patches. Values are copied as they are (NaN
 * and ±Infinity too).
 *
 * @param image a rows×cols matrix (e.g. from `parsePgm`).
 * @throws TypeError / RangeError for a bad image or options, or a patch larger than the image.
 */
export function extractPatches(image: Matrix, options: PatchOptions): Matrix {
  const img = checkMatrix("image", image);
  checkOptions("options", options, ["size", "stride"]);
  if (options === undefined) throw new TypeError("invalid options: expected { size, stride }, got undefined");
  const size = checkPatchSize("size", options.size);
  const stride = checkPatchSize("stride", options.stride ?? 1);
  const grid = patchGrid(img.rows, img.cols, size, stride);
  const n = size[0] * size[1];
  const data = new Float64Array(n * grid.count);
  copyPatches(img, grid, patchRange(0, grid.count), data);
  return { rows: n, cols: grid.count, data };
}
