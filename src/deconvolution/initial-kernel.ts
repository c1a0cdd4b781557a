// The initial kernel of Lau et al.'s code: a random patch of the data, centred in the window.
import type { Rng } from "../data/rng.js";
import type { ConvolutionShape } from "./geometry.js";

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
