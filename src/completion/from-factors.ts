// observedFromFactors(U, V, positions): synthetic observations of a low-rank product UVᵀ.
import type { Matrix } from "../matrix.js";
import { runtime } from "../runtime/init.js";
import { sampledProductBuffer } from "../kernels/sparse/sampled.js";
import { checkFactor } from "../kernels/sparse/check.js";
import { checkFinite, checkIndexArray, checkMatrix, checkOptions, describe } from "../validate.js";
import { rngFrom, type Seed } from "../data/seed.js";
import { firstDuplicate, indexOutOfRange, type Observed } from "./observed.js";

/** Positions to observe: parallel row/column index arrays (e.g. from `powerLawSample`). */
export interface Positions {
  readonly row: Int32Array;
  readonly col: Int32Array;
}

/** Options of {@link observedFromFactors}. */
export interface ObservedFromFactorsOptions {
  /**
   * Standard deviation σ of additive Gaussian noise: value = (UVᵀ)ᵢⱼ + σ·N(0, 1).
   * @defaultValue 0
   */
  noise?: number;
  /**
   * Seed of the noise (an integer in [0, 2³²) or an Rng, which advances); unused when noise is 0.
   * @defaultValue 0
   */
  seed?: Seed;
}

/**
 * The entries of UVᵀ (U m×r, V n×r) at distinct `positions`, plus optional Gaussian noise, as an
 * {@link Observed} of shape m×n in the order of `positions` (the arrays are copied). UVᵀ is never
 * formed: each entry costs 2r flops (the `sampledProduct` kernel; call `init()` first). The noise
 * draws come in entry order from the seeded Rng, so the same seed gives the same values in every
 * runtime.
 *
 * NaN policy: U and V must be finite (RangeError naming the first bad entry).
 *
 * @throws RangeError for an index out of range, a repeated position, or noise < 0.
 */
export function observedFromFactors(U: Matrix, V: Matrix, positions: Positions, options: ObservedFromFactorsOptions = {}): Observed {
  const u = checkMatrix("U", U);
  const v = checkFactor("V", V, (V as Matrix)?.rows, "V.rows", u.cols, "the rank of U");
  checkFactor("U", u, u.rows, "U.rows");
  if (positions === null || typeof positions !== "object") {
    throw new TypeError(`invalid positions: expected { row: Int32Array, col: Int32Array }, got ${describe(positions)}`);
  }
  const row = checkIndexArray("positions.row", positions.row);
  const col = checkIndexArray("positions.col", positions.col, row.length);
  for (let k = 0; k < row.length; k++) {
    if (row[k] < 0 || row[k] >= u.rows) throw indexOutOfRange("positions.row", k, row[k], u.rows);
    if (col[k] < 0 || col[k] >= v.rows) throw indexOutOfRange("positions.col", k, col[k], v.rows);
  }
  const dup = firstDuplicate(u.rows, v.rows, row, col);
  if (dup !== null) {
    throw new RangeError(`invalid positions: (${row[dup[1]]}, ${col[dup[1]]}) appears at entries ${dup[0]} and ${dup[1]}`);
  }
  checkOptions("options", options, ["noise", "seed"]);
  const { noise = 0, seed = 0 } = options;
  checkFinite("noise", noise, 0);
  const rng = rngFrom("seed", seed);
  const nnz = row.length;
  const value = new Float64Array(nnz);
  runtime().arena.scope((s) => {
    s.reserve({ f64: [u.data.length, v.data.length, nnz], i32: [nnz, nnz] });
    const ub = s.f64From(u.data), vb = s.f64From(v.data), rb = s.i32From(row), cb = s.i32From(col);
    const product = s.f64(nnz);
    // The operands were checked above (check: false skips the second pass); the product is read
    // in place (no copy out), the noise added on the way.
    sampledProductBuffer(product, ub, vb, rb, cb, { rows: u.rows, cols: v.rows, rank: u.cols, check: false });
    const uv = product.view;
    if (noise === 0) {
      value.set(uv);
      return;
    }
    // The draws of rng.normal() in entry order, by blocks of the bulk fill.
    const draws = new Float64Array(Math.min(nnz, 1 << 16));
    for (let k0 = 0; k0 < nnz; k0 += draws.length) {
      const block = rng.fillNormal(draws.subarray(0, Math.min(draws.length, nnz - k0)));
      for (let k = 0; k < block.length; k++) value[k0 + k] = uv[k0 + k] + noise * block[k];
    }
  });
  return { rows: u.rows, cols: v.rows, row: row.slice(), col: col.slice(), value };
}
