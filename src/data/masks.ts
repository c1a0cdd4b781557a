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
 * Algorithm: rejection of repeats (row and column by binary search on their CDFs, O(log) per
 * draw). When repeats dominate (more than 20·count + 10⁴ draws, e.g. count near rows·cols with a
 * steep exponent), it switches to the exactly equivalent Efraimidis–Spirakis keys
 * (log u)/w over all cells (at most 2²² cells), keeping the largest `count`. The same seed gives
 * the same sample in every runtime that shares the engine's Math.pow (all V8-based ones; another
 * engine could differ only when a draw lands within an ulp of a CDF boundary).
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
  const rowCdf = powerCdf(rows, a);
  const colCdf = powerCdf(cols, b);

  const budget = 20 * count + 10_000;
  // Chosen cells: a bitmap when it is small (at most 16 MiB, or 32 bytes per requested entry),
  // which also yields the cells sorted; a Set of cell numbers otherwise.
  const useBitmap = total <= 2 ** 30 && total / 8 <= Math.max(2 ** 24, 32 * count);
  const bitmap = useBitmap ? new Uint8Array(Math.ceil(total / 8)) : null;
  const set = useBitmap ? null : new Set<number>();
  let size = 0;
  for (let draws = 0; size < count && draws < budget; draws++) {
    const cell = drawIndex(rng, rowCdf) * cols + drawIndex(rng, colCdf);
    if (bitmap !== null) {
      const bit = 1 << (cell & 7);
      if ((bitmap[cell >>> 3] & bit) === 0) {
        bitmap[cell >>> 3] |= bit;
        size++;
      }
    } else if (!(set as Set<number>).has(cell)) {
      (set as Set<number>).add(cell);
      size++;
    }
  }
  let keys: Float64Array;
  if (size < count) {
    if (total > 2 ** 22) {
      throw new RangeError(
        `invalid count: ${count} distinct positions of a ${rows}×${cols} matrix with exponent ${a}, ${b} ` +
          `need too many repeated draws; lower count or the exponent`,
      );
    }
    keys = efraimidisSpirakis(rng, rowCdf, colCdf, count).sort();
  } else if (bitmap !== null) {
    keys = new Float64Array(count);
    let k = 0;
    for (let byte = 0; byte < bitmap.length; byte++) {
      const bits = bitmap[byte];
      if (bits === 0) continue;
      for (let b = 0; b < 8; b++) if (bits & (1 << b)) keys[k++] = byte * 8 + b;
    }
  } else {
    keys = Float64Array.from(set as Set<number>).sort();
  }
  const row = new Int32Array(count), col = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = Math.floor(keys[k] / cols);
    row[k] = i;
    col[k] = keys[k] - i * cols;
  }
  return { row, col };
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

/** The first k with u < cdf[k], u uniform in [0, 1). */
function drawIndex(rng: Rng, cdf: Float64Array): number {
  const u = rng.uniform();
  let lo = 0, hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cdf[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
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
