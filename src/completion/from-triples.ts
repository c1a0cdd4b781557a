// observedFromTriples(rows, cols, entries): observed entries from (i, j, value) lists.
import { checkInteger, checkOptions, checkChoice, describe } from "../validate.js";
import { combineDuplicates } from "./duplicates.js";
import { DUPLICATE_POLICIES, MAX_INDEX, type DuplicatePolicy, type Observed } from "./observed.js";

/** Entries as `[i, j, value]` triples, or as three parallel arrays. */
export type Triples =
  | ArrayLike<ArrayLike<number>>
  | { readonly row: ArrayLike<number>; readonly col: ArrayLike<number>; readonly value: ArrayLike<number> };

/** Options of {@link observedFromTriples}. */
export interface ObservedFromTriplesOptions {
  /**
   * What to do with a position given more than once (see {@link DuplicatePolicy}).
   * @defaultValue "reject"
   */
  duplicates?: DuplicatePolicy;
}

/**
 * The observed entries of a `rows`×`cols` matrix from a list of (i, j, value): either an array of
 * `[i, j, value]` triples or `{ row, col, value }` arrays of one length (any array-like of
 * numbers, e.g. plain arrays or typed arrays; the result holds fresh copies). Entries keep their
 * input order; repeated positions are handled by `options.duplicates` (kept where they first
 * appear).
 *
 * NaN policy: NaN and ±Infinity values are rejected (RangeError naming the entry).
 *
 * @throws TypeError for a wrong type (non-numeric index or value, bad options).
 * @throws RangeError naming the argument, the entry index and the value for a non-integer or
 * out-of-range index or a non-finite value, and the first duplicate (i, j) under `"reject"`.
 */
export function observedFromTriples(rows: number, cols: number, triples: Triples, options: ObservedFromTriplesOptions = {}): Observed {
  checkInteger("rows", rows, 0, MAX_INDEX);
  checkInteger("cols", cols, 0, MAX_INDEX);
  checkOptions("options", options, ["duplicates"]);
  const { duplicates = "reject" } = options;
  checkChoice("duplicates", duplicates, DUPLICATE_POLICIES);
  if (triples === null || typeof triples !== "object") {
    throw new TypeError(`invalid triples: expected an array of [i, j, value] or { row, col, value }, got ${describe(triples)}`);
  }
  let row: Int32Array, col: Int32Array, value: Float64Array;
  let at: (k: number) => string;
  if ("row" in triples && !("length" in triples)) {
    const t = triples as { row?: unknown; col?: unknown; value?: unknown };
    const n = arrayLength("triples.row", t.row);
    for (const key of ["col", "value"] as const) {
      const len = arrayLength(`triples.${key}`, t[key]);
      if (len !== n) throw new RangeError(`invalid triples.${key}: expected length ${n} (that of triples.row), got length ${len}`);
    }
    row = indices("triples.row", t.row as ArrayLike<unknown>, rows, (k) => `triples.row[${k}]`);
    col = indices("triples.col", t.col as ArrayLike<unknown>, cols, (k) => `triples.col[${k}]`);
    value = values("triples.value", t.value as ArrayLike<unknown>, (k) => `triples.value[${k}]`);
    at = (k) => `entry ${k}`;
  } else {
    const list = triples as ArrayLike<unknown>;
    const n = arrayLength("triples", list);
    const r: unknown[] = new Array(n), c: unknown[] = new Array(n), v: unknown[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const t = list[k] as ArrayLike<unknown> | null;
      if (t === null || typeof t !== "object" || t.length !== 3) {
        throw new TypeError(`invalid triples: triples[${k}] is ${describe(t)}; expected [i, j, value]`);
      }
      r[k] = t[0];
      c[k] = t[1];
      v[k] = t[2];
    }
    row = indices("triples", r, rows, (k) => `triples[${k}][0] (row)`);
    col = indices("triples", c, cols, (k) => `triples[${k}][1] (column)`);
    value = values("triples", v, (k) => `triples[${k}][2] (value)`);
    at = (k) => `triples[${k}]`;
  }
  return combineDuplicates(rows, cols, row, col, value, duplicates, (a, b) =>
    new RangeError(
      `invalid triples: duplicate entry (${row[b]}, ${col[b]}) at ${at(a)} and ${at(b)}; pass ` +
        `{ duplicates: "sum" | "mean" | "last" } to combine repeated entries`,
    ),
  ).observed;
}

function arrayLength(name: string, value: unknown): number {
  if (value === null || typeof value !== "object" || typeof (value as ArrayLike<unknown>).length !== "number") {
    throw new TypeError(`invalid ${name}: expected an array, got ${describe(value)}`);
  }
  return (value as ArrayLike<unknown>).length;
}

function indices(name: string, src: ArrayLike<unknown>, bound: number, at: (k: number) => string): Int32Array {
  const out = new Int32Array(src.length);
  for (let k = 0; k < src.length; k++) {
    const v = src[k];
    if (typeof v !== "number") throw new TypeError(`invalid ${name}: ${at(k)} is ${describe(v)}; expected an integer index`);
    if (!Number.isInteger(v) || v < 0 || v >= bound) {
      throw new RangeError(`invalid ${name}: ${at(k)} = ${describe(v)} is not an integer in [0, ${bound})`);
    }
    out[k] = v;
  }
  return out;
}

function values(name: string, src: ArrayLike<unknown>, at: (k: number) => string): Float64Array {
  const out = new Float64Array(src.length);
  for (let k = 0; k < src.length; k++) {
    const v = src[k];
    if (typeof v !== "number") throw new TypeError(`invalid ${name}: ${at(k)} is ${describe(v)}; expected a number`);
    if (!Number.isFinite(v)) throw new RangeError(`invalid ${name}: ${at(k)} = ${v}; expected finite values (NaN and ±Infinity are rejected)`);
    out[k] = v;
  }
  return out;
}
