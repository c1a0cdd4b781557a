// Sampling patterns for matrix completion: uniform masks (Bernoulli or exact count) and
// power-law (popularity-skewed) samples shaped like ratings data.
import { checkChoice, checkFinite, checkInteger, checkOptions, describe } from "../validate.js";
import { portableLog } from "./portable-log.js";
import { rngFrom, type Seed } from "./seed.js";
import type { Rng } from "./rng.js";

/** Options of {@link uniformMask}. */
export interface UniformMaskOptions {
  /**
   * `"bernoulli"`: each entry is observed independently with probability `fraction` (the model of
   * the completion theory; the count is Binomial(mn, fraction)). `"exact"`: exactly
   * round(fraction·mn) entries, every such set equally likely (Knuth's selection sampling,
   * Algorithm S, TAOCP vol. 2 §3.4.2).
   * @defaultValue "bernoulli"
   */
  sampling?: "bernoulli" | "exact";
}

/**
 * A uniformly random mask over a rows×cols matrix: a row-major Uint8Array (1 = observed, entry
 * (i, j) at i·cols + j), ready for `observedFromMask`. One uniform draw per entry, in row-major
 * order, from the seeded Rng (the same seed gives the same mask everywhere). O(mn) time.
 *
 * @param fraction the sampling probability (Bernoulli) or proportion (exact), in [0, 1].
 * @param seed an integer in [0, 2³²) or an Rng (which advances). @defaultValue 0
 * @throws TypeError / RangeError for invalid sizes, fraction or options.
 */
export function uniformMask(rows: number, cols: number, fraction: number, seed: Seed = 0, options: UniformMaskOptions = {}): Uint8Array {
  checkInteger("rows", rows);
  checkInteger("cols", cols);
  checkFraction("fraction", fraction);
  const rng = rngFrom("seed", seed);
  checkOptions("options", options, ["sampling"]);
  const sampling = checkChoice("sampling", options.sampling ?? "bernoulli", ["bernoulli", "exact"] as const);
  const total = rows * cols;
  if (total > 2 ** 31) throw new RangeError(`invalid rows: a ${rows}×${cols} mask is too large (more than 2^31 entries)`);
  const mask = new Uint8Array(total);
  if (sampling === "bernoulli") {
    for (let t = 0; t < total; t++) if (rng.uniform() < fraction) mask[t] = 1;
    return mask;
  }
  // Selection sampling: entry t is taken with probability (needed)/(remaining).
  let needed = Math.round(fraction * total);
  for (let t = 0; t < total && needed > 0; t++) {
    if ((total - t) * rng.uniform() < needed) {
      mask[t] = 1;
      needed--;
    }
  }
  return mask;
}

/** Options of {@link powerLawSample}. */
export interface PowerLawSampleOptions {
  /**
   * a ≥ 0: row i is drawn with probability ∝ (i + 1)^(−a) (row 0 the most popular) and column j
   * with probability ∝ (j + 1)^(−b); a number sets a = b, a pair gives [a, b]. 0 is uniform;
   * ratings data look like a ≈ 0.5–1.
   * @defaultValue 1
   */
  exponent?: number | readonly [number, number];
  /**
   * An integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
}

/** Distinct sampled positions, sorted by row then column. */
export interface SampledPositions {
  readonly row: Int32Array;
  readonly col: Int32Array;
}

/**
 * `count` distinct positions of a rows×cols matrix drawn with popularity-skewed probabilities:
 * position (i, j) has weight pᵢ·qⱼ with pᵢ ∝ (i + 1)^(−a), qⱼ ∝ (j + 1)^(−b), and the sample is
 * drawn without replacement — successive draws proportional to the weights, repeats discarded.
 * That is the distribution of ratings-shaped problems: a few heavy users and popular items,
 * a long tail with few entries (often empty rows/columns at large exponents: check with
 * `observedCounts`). Returned sorted by row, then column; pair with `observedFromFactors`.
 *
 * Algorithm: rejection of repeats. Each draw takes one uniform u: the row by inversion of its
 * CDF, the column by inversion at (u − P(row < i))/pᵢ (uniform given the row); inversion goes
 * through guide tables (Chen & Asau 1974: the table gives the first candidate index, a short
 * forward scan the exact one — O(1) expected). The cells taken are remembered in a bitmap when
 * it is small (at most 16 MiB, or 32 bytes per requested entry, which also yields them sorted);
 * for larger matrices `count` draws are sorted at once (a counting sort by row, then each row's
 * columns) and made unique, and the missing ones are redrawn in batches that are merged in, the
 * last few drawn and checked one by one (see `distinctDraws`) — the same cells as drawing one by
 * one, O(count) memory, no JS `Set`, whose 2²⁴ limit ratings-sized samples exceed. When repeats
 * dominate (more than 20·count + 10⁴ draws, e.g.
 * count near rows·cols with a steep exponent), it switches to the exactly equivalent
 * Efraimidis–Spirakis keys (log u)/w over all cells (at most 2²² cells), keeping the largest
 * `count`. The same seed gives the same sample in every runtime that shares the engine's
 * Math.pow (all V8-based ones; another engine could differ only when a draw lands within an ulp
 * of a CDF boundary). Measured: 2.5·10⁷ distinct positions of a 162,541 × 59,047 matrix
 * (exponent 0.7, 2.7·10⁷ draws) in about 3.8 s of CPU on the shared machine.
 *
 * @throws RangeError if count > rows·cols, an exponent is negative or not finite, or the fallback
 * would need more than 2²² cells.
 */
export function powerLawSample(rows: number, cols: number, count: number, options: PowerLawSampleOptions = {}): SampledPositions {
  checkInteger("rows", rows, 0, 0x7fffffff);
  checkInteger("cols", cols, 0, 0x7fffffff);
  const total = rows * cols;
  checkInteger("count", count, 0, Math.min(total, 0x7fffffff));
  checkOptions("options", options, ["exponent", "seed"]);
  const { exponent = 1, seed = 0 } = options;
  const [a, b] = exponents(exponent);
  const rng = rngFrom("seed", seed);
  const pairs = new PairSampler(powerCdf(rows, a), powerCdf(cols, b));

  const budget = 20 * count + 10_000;
  const useBitmap = total <= 2 ** 30 && total / 8 <= Math.max(2 ** 24, 32 * count);
  if (!useBitmap) {
    // Here rows·cols > 2²², too many cells for the Efraimidis–Spirakis fallback below.
    const drawn = distinctDraws(rng, pairs, rows, cols, count, budget);
    if (drawn === null) throw tooManyRepeats(count, rows, cols, a, b);
    return drawn;
  }
  const bitmap = new Uint8Array(Math.ceil(total / 8));
  let size = 0;
  for (let draws = 0; size < count && draws < budget; draws++) {
    const cell = pairs.draw(rng) * cols + pairs.col;
    const bit = 1 << (cell & 7);
    if ((bitmap[cell >>> 3] & bit) === 0) {
      bitmap[cell >>> 3] |= bit;
      size++;
    }
  }
  let keys: Float64Array;
  if (size < count) {
    if (total > 2 ** 22) throw tooManyRepeats(count, rows, cols, a, b);
    keys = efraimidisSpirakis(rng, pairs.rowCdf, pairs.colCdf, count).sort();
  } else {
    keys = new Float64Array(count);
    let k = 0;
    for (let byte = 0; byte < bitmap.length; byte++) {
      const bits = bitmap[byte];
      if (bits === 0) continue;
      for (let b = 0; b < 8; b++) if (bits & (1 << b)) keys[k++] = byte * 8 + b;
    }
  }
  return cellPositions(keys, cols);
}

/**
 * Draws (row, column) with probability pᵢ·qⱼ from one uniform u: the row by inversion of its
 * CDF, then the column from (u − P(row < i))/pᵢ, which given the row is again uniform on [0, 1)
 * and independent of it (its 53 − log₂(1/pᵢ) remaining bits are plenty for any column CDF here).
 * One uniform per pair halves the generator's share of the cost.
 */
class PairSampler {
  /** The column of the last draw. */
  col = 0;
  private readonly rowGuide: Int32Array;
  private readonly colGuide: Int32Array;

  constructor(readonly rowCdf: Float64Array, readonly colCdf: Float64Array) {
    this.rowGuide = guideTable(rowCdf);
    this.colGuide = guideTable(colCdf);
  }

  /** Draws a pair; returns its row (its column is in `col`). */
  draw(rng: Rng): number {
    const u = rng.uniform();
    const cdf = this.rowCdf;
    const i = inverse(u, cdf, this.rowGuide);
    const below = i > 0 ? cdf[i - 1] : 0;
    const v = (u - below) / (cdf[i] - below);
    this.col = inverse(v < 1 ? v : 1 - 2 ** -53, this.colCdf, this.colGuide);
    return i;
  }

  /**
   * The next row.length pairs, the same as that many `draw` calls, into `row` and `col`, in
   * batches that run each stage over the whole batch (the uniforms, then the rows, then the
   * columns): the lookups of the CDFs and guide tables (megabytes at ratings size, beyond the
   * core's cache) are then independent from one iteration to the next and overlap, where `draw`
   * waits for each in turn.
   */
  drawMany(rng: Rng, row: Int32Array, col: Int32Array): void {
    const us = new Float64Array(Math.min(row.length, 4096));
    const rowCdf = this.rowCdf, colCdf = this.colCdf, rowGuide = this.rowGuide, colGuide = this.colGuide;
    for (let k0 = 0; k0 < row.length; k0 += us.length) {
      const size = Math.min(us.length, row.length - k0);
      rng.fillUniform(size === us.length ? us : us.subarray(0, size));
      for (let q = 0; q < size; q++) row[k0 + q] = inverse(us[q], rowCdf, rowGuide);
      for (let q = 0; q < size; q++) {
        const u = us[q], i = row[k0 + q];
        const below = i > 0 ? rowCdf[i - 1] : 0;
        const v = (u - below) / (rowCdf[i] - below);
        col[k0 + q] = inverse(v < 1 ? v : 1 - 2 ** -53, colCdf, colGuide);
      }
    }
  }
}

/**
 * The first `count` distinct pairs of the sequence of draws, for matrices too large for a bitmap:
 * `count` draws at once, sorted by (row, column) and made unique. While many are missing, the
 * missing number is drawn at once, sorted, made unique, stripped of the cells already taken (one
 * merge-like pass) and merged in: a batch of as many draws as cells are missing cannot give more
 * new cells than that, so the batches consume the same draws and give the same cells as drawing
 * one by one. The last few missing (fewer than 1/128 of those taken, where a pass over all of
 * them would cost more) are drawn one by one, each checked against the sorted cells (binary
 * search in its row) and the new ones (a hash set of pairs); then the new ones sorted and merged
 * in. O(count + rows + cols) memory
 * and time besides the draws — no JS `Set`, whose 2²⁴ limit ratings-sized samples exceed. Null
 * when the draws run out (`budget`) first.
 */
function distinctDraws(
  rng: Rng, pairs: PairSampler, rows: number, cols: number, count: number, budget: number,
): SampledPositions | null {
  const row = new Int32Array(count), col = new Int32Array(count);
  pairs.drawMany(rng, row, col);
  let draws = count;
  const sorted = sortedPairs(row, col, rows);
  let unique = uniquePrefix(sorted, count);
  while (unique < count && draws < budget && 128 * (count - unique) >= unique) {
    const size = Math.min(count - unique, budget - draws);
    const batch = { row: new Int32Array(size), col: new Int32Array(size) };
    pairs.drawMany(rng, batch.row, batch.col);
    draws += size;
    const more = sortedPairs(batch.row, batch.col, rows);
    const fresh = withoutTaken(more, uniquePrefix(more, size), sorted, unique);
    mergeInto(sorted, unique, { row: more.row.subarray(0, fresh), col: more.col.subarray(0, fresh) });
    unique += fresh;
  }
  if (unique === count) return sorted;
  const start = new Int32Array(rows + 1);
  for (let k = 0; k < unique; k++) start[sorted.row[k] + 1]++;
  for (let i = 0; i < rows; i++) start[i + 1] += start[i];
  const known = (i: number, j: number): boolean => {
    let lo = start[i], hi = start[i + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted.col[mid] < j) lo = mid + 1;
      else hi = mid;
    }
    return lo < start[i + 1] && sorted.col[lo] === j;
  };
  const extra = new CellSet(count - unique);
  while (unique + extra.size < count && draws < budget) {
    const i = pairs.draw(rng);
    draws++;
    if (!known(i, pairs.col)) extra.add(i, pairs.col);
  }
  if (unique + extra.size < count) return null;
  const more = sortedPairs(extra.row.subarray(0, extra.size), extra.col.subarray(0, extra.size), rows);
  mergeInto(sorted, unique, more);
  return sorted;
}

/**
 * Merges the sorted pairs `more` into the first `size` sorted pairs of `into` (whose arrays hold
 * size + more's length), from the back, so it works in place; the two sets must be disjoint.
 * O(size + more) instead of sorting all again.
 */
function mergeInto(into: { row: Int32Array; col: Int32Array }, size: number, more: { row: Int32Array; col: Int32Array }): void {
  const { row, col } = into;
  let a = size - 1, b = more.row.length - 1;
  for (let w = size + b; b >= 0; w--) {
    const ia = a >= 0 ? row[a] : -1, ib = more.row[b];
    if (ia > ib || (ia === ib && col[a] > more.col[b])) {
      row[w] = ia;
      col[w] = col[a--];
    } else {
      row[w] = ib;
      col[w] = more.col[b--];
    }
  }
}

/** Removes adjacent repeats from the first `size` sorted pairs in place; returns how many remain. */
function uniquePrefix(pairs: { row: Int32Array; col: Int32Array }, size: number): number {
  const { row, col } = pairs;
  let unique = 0;
  for (let k = 0; k < size; k++) {
    if (k > 0 && row[k] === row[k - 1] && col[k] === col[k - 1]) continue;
    row[unique] = row[k];
    col[unique] = col[k];
    unique++;
  }
  return unique;
}

/**
 * Keeps (in place, in order) those of the first `size` sorted distinct pairs of `pairs` that are
 * not among the first `takenSize` sorted pairs of `taken`, by one merge-like pass; returns how
 * many remain.
 */
function withoutTaken(
  pairs: { row: Int32Array; col: Int32Array }, size: number, taken: { row: Int32Array; col: Int32Array }, takenSize: number,
): number {
  const { row, col } = pairs;
  let kept = 0, t = 0;
  for (let k = 0; k < size; k++) {
    const i = row[k], j = col[k];
    while (t < takenSize && (taken.row[t] < i || (taken.row[t] === i && taken.col[t] < j))) t++;
    if (t < takenSize && taken.row[t] === i && taken.col[t] === j) continue;
    row[kept] = i;
    col[kept] = j;
    kept++;
  }
  return kept;
}

/**
 * The pairs sorted by row, then column: one counting-sort pass by row that moves only the columns
 * (the rows follow from the bucket bounds), then each row's columns sorted in place by the
 * engine's numeric typed-array sort. Two scatter passes of the pairs over ratings-sized buckets
 * (one by column, one by row) cost twice as much at 2.5·10⁷ entries.
 */
function sortedPairs(row: Int32Array, col: Int32Array, rows: number): { row: Int32Array; col: Int32Array } {
  const count = row.length;
  const start = new Int32Array(rows + 1);
  for (let k = 0; k < count; k++) start[row[k] + 1]++;
  for (let i = 0; i < rows; i++) start[i + 1] += start[i];
  const next = start.slice(0, rows);
  const outCol = new Int32Array(count), outRow = new Int32Array(count);
  for (let k = 0; k < count; k++) outCol[next[row[k]]++] = col[k];
  for (let i = 0; i < rows; i++) {
    const p0 = start[i], p1 = start[i + 1];
    if (p1 - p0 > 1) outCol.subarray(p0, p1).sort();
    outRow.fill(i, p0, p1);
  }
  return { row: outRow, col: outCol };
}

function tooManyRepeats(count: number, rows: number, cols: number, a: number, b: number): RangeError {
  return new RangeError(
    `invalid count: ${count} distinct positions of a ${rows}×${cols} matrix with exponent ${a}, ${b} ` +
      `need too many repeated draws; lower count or the exponent`,
  );
}

/** Positions of sorted cell numbers i·cols + j (below 2³⁰ here, so exact). */
function cellPositions(keys: Float64Array, cols: number): SampledPositions {
  const count = keys.length;
  const row = new Int32Array(count), col = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = Math.floor(keys[k] / cols);
    row[k] = i;
    col[k] = keys[k] - i * cols;
  }
  return { row, col };
}

/**
 * A set of distinct cells (i, j) in order of insertion (`row`, `col`), with an open-addressing
 * hash table (linear probing, at most half full) of insertion indices + 1 for the lookups.
 */
class CellSet {
  readonly row: Int32Array;
  readonly col: Int32Array;
  size = 0;
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(capacity: number) {
    this.row = new Int32Array(capacity);
    this.col = new Int32Array(capacity);
    let slots = 1024;
    while (slots < 2 * capacity) slots *= 2;
    this.table = new Int32Array(slots);
    this.mask = slots - 1;
  }

  /** Adds (i, j) unless present; true if added. */
  add(i: number, j: number): boolean {
    let h = Math.imul(i, 0x9e3779b1) ^ Math.imul(j, 0x85ebca77);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h = (h ^ (h >>> 13)) & this.mask;
    for (;;) {
      const slot = this.table[h];
      if (slot === 0) break;
      if (this.row[slot - 1] === i && this.col[slot - 1] === j) return false;
      h = (h + 1) & this.mask;
    }
    this.row[this.size] = i;
    this.col[this.size] = j;
    this.table[h] = ++this.size;
    return true;
  }
}

function checkFraction(name: string, value: unknown): number {
  checkFinite(name, value, 0);
  if ((value as number) > 1) throw new RangeError(`invalid ${name}: expected a number in [0, 1], got ${value}`);
  return value as number;
}

function exponents(exponent: unknown): [number, number] {
  if (typeof exponent === "number") {
    checkFinite("exponent", exponent, 0);
    return [exponent, exponent];
  }
  if (Array.isArray(exponent) && exponent.length === 2) {
    return [checkFinite("exponent[0]", exponent[0], 0), checkFinite("exponent[1]", exponent[1], 0)];
  }
  throw new TypeError(`invalid exponent: expected a number ≥ 0 or a pair [a, b], got ${describe(exponent)}`);
}

/** Cumulative weights (k + 1)^(−a), normalized so the last is 1. */
function powerCdf(n: number, a: number): Float64Array {
  const cdf = new Float64Array(n);
  let s = 0;
  for (let k = 0; k < n; k++) {
    s += Math.pow(k + 1, -a);
    cdf[k] = s;
  }
  for (let k = 0; k < n; k++) cdf[k] /= s;
  if (n > 0) cdf[n - 1] = 1;
  return cdf;
}

/** guide[g] = the first k with cdf[k] > g/G (G = cdf.length): where the search for u ∈ [g/G, (g+1)/G) starts. */
function guideTable(cdf: Float64Array): Int32Array {
  const G = cdf.length;
  const guide = new Int32Array(G);
  let k = 0;
  for (let g = 0; g < G; g++) {
    while (k < G - 1 && cdf[k] <= g / G) k++;
    guide[g] = k;
  }
  return guide;
}

/** The first k with u < cdf[k], u in [0, 1), by the guide table and a forward scan. */
function inverse(u: number, cdf: Float64Array, guide: Int32Array): number {
  let k = guide[Math.floor(u * guide.length)];
  while (k < cdf.length - 1 && !(u < cdf[k])) k++;
  return k;
}

/** Weighted sampling without replacement of `count` cells: the largest keys (log u)/w. */
function efraimidisSpirakis(rng: Rng, rowCdf: Float64Array, colCdf: Float64Array, count: number): Float64Array {
  const m = rowCdf.length, n = colCdf.length;
  const key = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const p = rowCdf[i] - (i > 0 ? rowCdf[i - 1] : 0);
    for (let j = 0; j < n; j++) {
      const q = colCdf[j] - (j > 0 ? colCdf[j - 1] : 0);
      let u = rng.uniform();
      while (u === 0) u = rng.uniform();
      key[i * n + j] = p * q > 0 ? portableLog(u) / (p * q) : -Infinity;
    }
  }
  const order = Int32Array.from({ length: m * n }, (_, t) => t);
  order.sort((x, y) => key[y] - key[x] || x - y);
  return Float64Array.from(order.subarray(0, count));
}
