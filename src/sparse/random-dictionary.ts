// randomDictionary(rows, atoms): a seeded dictionary of Gaussian unit-norm atoms (columns).
import type { Matrix } from "../matrix.js";
import { normalizeColumns } from "../kernels/prox/normalize-columns.js";
import { rngFrom, type Seed } from "../data/seed.js";
import { checkInteger, checkOptions, newFloat64Array } from "../validate.js";

/** Options of {@link randomDictionary}. */
export interface RandomDictionaryOptions {
  /**
   * An integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
}

/**
 * A rows×atoms dictionary whose columns (atoms) are independent and uniform on the unit sphere
 * S^{rows−1} (normalized Gaussian vectors): overcomplete when atoms > rows, with mutual coherence
 * about √(2·log(atoms)/rows) (Donoho & Huo 2001). The Gaussian entries are drawn row-major.
 *
 * @throws TypeError / RangeError if a size is not an integer ≥ 1 or the seed is bad.
 */
export function randomDictionary(rows: number, atoms: number, options: RandomDictionaryOptions = {}): Matrix {
  checkInteger("rows", rows, 1);
  checkInteger("atoms", atoms, 1);
  checkOptions("options", options, ["seed"]);
  const rng = rngFrom("seed", options.seed ?? 0);
  // A Gaussian column is zero with probability 0; normalizeColumns would leave one unchanged.
  const data = rng.fillNormal(newFloat64Array(rows >= atoms ? "rows" : "atoms", rows * atoms, `a ${rows}×${atoms} dictionary has ${rows * atoms} entries`));
  return normalizeColumns({ rows, cols: atoms, data });
}
