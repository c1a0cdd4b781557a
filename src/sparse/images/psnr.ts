// psnr: the peak signal-to-noise ratio of an image against a reference, on the [0, 1] scale.
import type { Matrix } from "../../matrix.js";
import { checkMatrix } from "../../validate.js";

/**
 * The peak signal-to-noise ratio in decibels of `image` against `reference`, for intensities on
 * [0, 1] (as `parsePgm` gives them), so the peak is 1: PSNR = 10·log10(1/MSE), MSE the mean of
 * (image − reference)² over all pixels. (On the 0..255 scale this is 10·log10(255²/MSE₂₅₅), the
 * same number.) Identical images give Infinity.
 *
 * @example
 * ```js
 * import { psnr, matrix } from "benign";
 * console.log(psnr(matrix(1, 2, [0.5, 0.6]), matrix(1, 2, [0.5, 0.5]))); // 23.0103… (MSE 0.005)
 * ```
 * @throws TypeError / RangeError when either is not a matrix, their shapes differ, they are
 *   empty, or an entry is not finite (naming it).
 */
export function psnr(image: Matrix, reference: Matrix): number {
  const a = checkMatrix("image", image);
  const b = checkMatrix("reference", reference);
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError(`invalid image: expected ${b.rows}×${b.cols} like the reference, got ${a.rows}×${a.cols}`);
  if (a.data.length === 0) throw new RangeError("invalid image: expected at least one pixel, got an empty image");
  let sum = 0;
  for (let t = 0; t < a.data.length; t++) {
    const x = a.data[t], y = b.data[t];
    if (!Number.isFinite(x)) throw new RangeError(`invalid image: image[${Math.floor(t / a.cols)}, ${t % a.cols}] = ${x}; expected finite values`);
    if (!Number.isFinite(y)) throw new RangeError(`invalid reference: reference[${Math.floor(t / b.cols)}, ${t % b.cols}] = ${y}; expected finite values`);
    sum += (x - y) ** 2;
  }
  return 10 * Math.log10(a.data.length / sum);
}
