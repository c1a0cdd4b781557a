// Grayscale images for the HTML report: a matrix with intensities in [0, 1] as a PNG (fast-png),
// inlined as a data URL.
import { encode } from "fast-png";

/**
 * The matrix (rows × cols, row-major, values clipped to [0, 1]) as an 8-bit grayscale PNG data URL,
 * with the mean of its 8-bit pixels (which the report test compares with the decoded image).
 */
export function pngImage({ rows, cols, data }) {
  const pixels = new Uint8Array(rows * cols);
  let sum = 0;
  for (let k = 0; k < pixels.length; k++) {
    pixels[k] = Math.round(255 * Math.min(1, Math.max(0, data[k])));
    sum += pixels[k];
  }
  const png = encode({ width: cols, height: rows, data: pixels, channels: 1, depth: 8 });
  return { src: `data:image/png;base64,${Buffer.from(png).toString("base64")}`, mean: sum / pixels.length };
}
