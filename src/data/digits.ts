// Reading the shipped handwritten digits (data/digits.csv): 8×8 images, one per line, 64 pixel
// values 0..16 row-major and then the label 0..9, comma-separated (UCI "Optical Recognition of
// Handwritten Digits", as shipped with scikit-learn; see data/README.md).
import type { Matrix } from "../matrix.js";
import { describe } from "../validate.js";

/** What {@link parseDigits} returns. */
export interface Digits {
  /** 64×count: image k in column k, its pixel (r, c) in row 8r + c, values 0..16 as given. */
  readonly images: Matrix;
  /** The digit (0..9) each image shows. */
  readonly labels: Int32Array;
}

const PIXELS = 64;

/**
 * Parses the digits CSV: each non-empty line holds 65 integers — the 64 pixels of an 8×8 image
 * row-major, each in 0..16, then its label in 0..9 — separated by commas (spaces around them and
 * a final newline or CRLF allowed). The images become the columns of a 64×count matrix (raw
 * values, not scaled), as dictionary learning takes its samples.
 *
 * @example
 * ```js
 * import { readFileSync } from "node:fs";
 * import { parseDigits } from "benign";
 * const { images, labels } = parseDigits(readFileSync("data/digits.csv", "utf8"));
 * console.log(images.rows, images.cols, labels[0]); // 64 1797 0
 * ```
 * @throws TypeError when `text` is not a string; RangeError naming the line (1-based) and the
 *   field of the first malformed entry: a wrong count of fields, a value that is not an integer,
 *   a pixel outside 0..16 or a label outside 0..9; or when there is no image.
 */
export function parseDigits(text: string): Digits {
  if (typeof text !== "string") throw new TypeError(`invalid text: expected a string, got ${describe(text)}`);
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  const count = lines.length;
  if (count === 0) throw new RangeError("invalid text: no image (expected lines of 64 pixels and a label)");
  const data = new Float64Array(PIXELS * count);
  const labels = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const fields = lines[k].split(",");
    if (fields.length !== PIXELS + 1) {
      throw new RangeError(`invalid text: line ${k + 1} has ${fields.length} fields; expected 65 (64 pixels, then the label)`);
    }
    for (let f = 0; f <= PIXELS; f++) {
      const field = fields[f].trim();
      const value = /^\d+$/.test(field) ? Number(field) : NaN;
      const max = f < PIXELS ? 16 : 9;
      if (!(value <= max)) {
        const what = f < PIXELS ? `pixel ${f}` : "the label";
        throw new RangeError(`invalid text: line ${k + 1}, ${what} is ${JSON.stringify(fields[f])}; expected an integer in 0..${max}`);
      }
      if (f < PIXELS) data[f * count + k] = value;
      else labels[k] = value;
    }
  }
  return { images: { rows: PIXELS, cols: count, data }, labels };
}
