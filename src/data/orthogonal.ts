// randomOrthogonal(n): a Haar-distributed random orthogonal matrix.
import type { Matrix } from "../matrix.js";
import { qr } from "../kernels/linalg/qr.js";
import { checkInteger, checkOptions, newFloat64Array } from "../validate.js";
import { rngFrom, type Seed } from "./seed.js";

/** Options of {@link randomOrthogonal}. */
export interface RandomOrthogonalOptions {
  /**
   * An integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
}

/**
 * An n×n orthogonal matrix distributed by the Haar measure on O(n): the Q factor of an n×n
 * Gaussian matrix with R's diagonal made positive (Mezzadri, "How to generate random matrices from
 * the classical compact groups", Notices AMS 2007); `qr` returns R with a non-negative diagonal, so
 * its Q is that factor. det = ±1 with equal probability. Uses the library's QR (call `init()` first).
 *
 * @throws TypeError / RangeError if n is not an integer ≥ 1 or the seed is bad.
 */
export function randomOrthogonal(n: number, options: RandomOrthogonalOptions = {}): Matrix {
  checkInteger("n", n, 1);
  checkOptions("options", options, ["seed"]);
  const rng = rngFrom("seed", options.seed ?? 0);
  return qr({ rows: n, cols: n, data: rng.fillNormal(newFloat64Array("n", n * n, `an ${n}×${n} matrix has ${n * n} entries`)) }).Q;
}
