// assemblePatches: an image from its (possibly overlapping) patches, overlaps averaged.
import type { Matrix } from "../../matrix.js";
import { checkInteger, checkMatrix, checkOptions } from "../../validate.js";
import type { PatchOptions } from "./extract-patches.js";
import { addPatches, checkPatchSize, patchGrid, patchRange } from "./patch-grid.js";

/** Options of {@link assemblePatches}: the image size and the grid the patches were taken on. */
export interface AssemblePatchesOptions extends PatchOptions {
  /** The image's height. */
  rows: number;
  /** The image's width. */
  cols: number;
}

/**
 * The inverse of `extractPatches`: puts each patch (a column of `patches`) back at its position
 * of the grid given by `size` and `stride` on a rows×cols image, and averages where patches
 * overlap — each pixel is the mean of the values the patches covering it give it (the
 * least-squares image for the patches: Elad & Aharon 2006, eq. (10) with λ = 0).
 * `assemblePatches(extractPatches(I, o), { ...o, rows, cols })` is I exactly.
 *
 * @throws TypeError / RangeError for bad options (a stride larger than the patch leaves pixels
 *   uncovered), or `patches` not (height·width)×(the grid's count).
 */
export function assemblePatches(patches: Matrix, options: AssemblePatchesOptions): Matrix {
  const m = checkMatrix("patches", patches);
  checkOptions("options", options, ["size", "stride", "rows", "cols"]);
  if (options === undefined) throw new TypeError("invalid options: expected { rows, cols, size, stride }, got undefined");
  const rows = checkInteger("rows", options.rows, 1);
  const cols = checkInteger("cols", options.cols, 1);
  const size = checkPatchSize("size", options.size);
  const stride = checkPatchSize("stride", options.stride ?? 1);
  if (stride[0] > size[0] || stride[1] > size[1]) {
    throw new RangeError(`invalid stride: ${stride.join("×")} steps over pixels between ${size.join("×")} patches; expected a stride at most the patch size, so that every pixel is covered`);
  }
  const grid = patchGrid(rows, cols, size, stride);
  const n = size[0] * size[1];
  if (m.rows !== n || m.cols !== grid.count) {
    throw new RangeError(`invalid patches: expected ${n}×${grid.count} (one ${size[0]}×${size[1]} patch per column, ${grid.count} positions), got ${m.rows}×${m.cols}`);
  }
  const sum = new Float64Array(rows * cols);
  const weight = new Float64Array(rows * cols);
  addPatches(m.data, grid, patchRange(0, grid.count), sum, weight);
  for (let t = 0; t < sum.length; t++) sum[t] /= weight[t];
  return { rows, cols, data: sum };
}
