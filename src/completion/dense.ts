// Dense views of observed entries, for small problems, plots and tests.
import type { Matrix } from "../matrix.js";
import { checkOptions, describe } from "../validate.js";
import { checkObserved, type Observed } from "./observed.js";

/** Dense results are limited to this many entries (2²⁷ doubles = 1 GiB). */
const MAX_DENSE = 2 ** 27;

/** Options of {@link observedDense}. */
export interface ObservedDenseOptions {
  /**
   * The value of the unobserved entries (any number, NaN included: NaN marks "missing").
   * @defaultValue 0
   */
  fill?: number;
}

/**
 * The observed entries as a dense rows×cols matrix, P_Ω(M) with `fill` elsewhere. For small
 * problems only: O(rows·cols) memory.
 *
 * @throws RangeError if rows·cols exceeds 2²⁷ entries, or `observed` is invalid.
 */
export function observedDense(observed: Observed, options: ObservedDenseOptions = {}): Matrix {
  const o = checkObserved("observed", observed);
  checkOptions("options", options, ["fill"]);
  const { fill = 0 } = options;
  if (typeof fill !== "number") throw new TypeError(`invalid fill: expected a number, got ${describe(fill)}`);
  checkDenseSize(o);
  const data = new Float64Array(o.rows * o.cols);
  if (fill !== 0) data.fill(fill);
  for (let k = 0; k < o.row.length; k++) data[o.row[k] * o.cols + o.col[k]] = o.value[k];
  return { rows: o.rows, cols: o.cols, data };
}

/**
 * The 0/1 mask of the observed positions, row-major (entry (i, j) at i·cols + j): the inverse of
 * `observedFromMask` (which it round-trips with the dense values).
 *
 * @throws RangeError if rows·cols exceeds 2²⁷ entries, or `observed` is invalid.
 */
export function observedMask(observed: Observed): Uint8Array {
  const o = checkObserved("observed", observed);
  checkDenseSize(o);
  const mask = new Uint8Array(o.rows * o.cols);
  for (let k = 0; k < o.row.length; k++) mask[o.row[k] * o.cols + o.col[k]] = 1;
  return mask;
}

function checkDenseSize(o: Observed): void {
  if (o.rows * o.cols > MAX_DENSE) {
    throw new RangeError(`invalid observed: a dense ${o.rows}×${o.cols} result is too large (more than 2^27 entries)`);
  }
}
