// observedFromMask(Y, mask): the entries of a dense matrix where a mask is set.
import type { Matrix } from "../matrix.js";
import { checkMatrix, describe } from "../validate.js";
import type { Observed } from "./observed.js";

/** A mask over a `rows`×`cols` matrix: row-major flags, nonzero/true = observed. */
export type Mask = Uint8Array | readonly boolean[] | { readonly rows: number; readonly cols: number; readonly data: ArrayLike<number> };

/**
 * The observed entries of a dense matrix `Y` at the positions where `mask` is set, in row-major
 * order (sorted by row, then column).
 *
 * `mask` is a Uint8Array or a boolean array of length rows·cols in row-major order (entry (i, j)
 * at i·cols + j; any nonzero byte counts as observed), or a matrix-like `{ rows, cols, data }` of
 * Y's shape whose nonzero entries mark the observed positions (e.g. a 0/1 Matrix).
 *
 * NaN policy: observed entries of Y must be finite (RangeError naming Y[i, j]); unobserved entries
 * are never read, so they may be NaN (a convenient marker for "missing"). A NaN in a matrix-like
 * mask is rejected (RangeError), since it is neither zero nor a clear "observed".
 *
 * @throws TypeError if `Y` is not a matrix or `mask` has an unsupported type.
 * @throws RangeError if the mask's length or shape does not match Y, or an observed entry is not finite.
 */
export function observedFromMask(Y: Matrix, mask: Mask): Observed {
  const y = checkMatrix("Y", Y);
  const { rows, cols } = y;
  const flags = maskFlags(mask, rows, cols);
  let nnz = 0;
  for (let t = 0; t < flags.length; t++) if (flags[t]) nnz++;
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  const value = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const t = i * cols + j;
      if (!flags[t]) continue;
      const v = y.data[t];
      if (!Number.isFinite(v)) {
        throw new RangeError(`invalid Y: Y[${i}, ${j}] = ${v} is observed (mask set) but not finite`);
      }
      row[k] = i;
      col[k] = j;
      value[k] = v;
      k++;
    }
  }
  return { rows, cols, row, col, value };
}

/** The mask as row-major truthy flags of length rows·cols, after checking type and shape. */
function maskFlags(mask: unknown, rows: number, cols: number): ArrayLike<unknown> {
  const size = rows * cols;
  if (mask instanceof Uint8Array || Array.isArray(mask)) {
    if (mask.length !== size) {
      throw new RangeError(`invalid mask: expected length rows·cols = ${rows}·${cols} = ${size}, got length ${mask.length}`);
    }
    if (Array.isArray(mask)) {
      for (let t = 0; t < size; t++) {
        if (typeof mask[t] !== "boolean") {
          throw new TypeError(`invalid mask: mask[${t}] is ${describe(mask[t])}; expected booleans`);
        }
      }
    }
    return mask;
  }
  if (mask !== null && typeof mask === "object" && "data" in mask) {
    const m = mask as { rows?: unknown; cols?: unknown; data?: unknown };
    const data = m.data as ArrayLike<unknown> | undefined;
    if (typeof data !== "object" || data === null || typeof data.length !== "number") {
      throw new TypeError(`invalid mask: expected { rows, cols, data } with array-like data, got ${describe(mask)}`);
    }
    if (m.rows !== rows || m.cols !== cols || data.length !== size) {
      throw new RangeError(
        `invalid mask: expected a ${rows}×${cols} mask (Y's shape) with ${size} entries, got ${describe(m.rows)}×${describe(m.cols)} with ${data.length}`,
      );
    }
    const flags = new Uint8Array(size);
    for (let t = 0; t < size; t++) {
      const v = data[t];
      if (typeof v !== "number" && typeof v !== "boolean") {
        throw new TypeError(`invalid mask: mask.data[${t}] is ${describe(v)}; expected numbers`);
      }
      if (Number.isNaN(v)) throw new RangeError(`invalid mask: mask[${Math.floor(t / cols)}, ${t % cols}] is NaN`);
      flags[t] = v ? 1 : 0;
    }
    return flags;
  }
  throw new TypeError(
    `invalid mask: expected a Uint8Array, a boolean array or a { rows, cols, data } matrix, got ${describe(mask)}`,
  );
}
