// Seeded sparse random matrices: Bernoulli–Gaussian and Bernoulli–Rademacher entries, the sparse
// codes and activations of dictionary learning and deconvolution.
import type { Matrix } from "../matrix.js";
import { checkFinite, checkInteger, checkOptions, newFloat64Array } from "../validate.js";
import { rngFrom, type Seed } from "./seed.js";

/** Options of {@link bernoulliGaussian} and {@link bernoulliRademacher}. */
export interface BernoulliOptions {
  /**
   * An integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
}

/**
 * A rows×cols matrix whose entries are independent Ωᵢⱼ·gᵢⱼ with Ωᵢⱼ ~ Bernoulli(θ) and
 * gᵢⱼ ~ N(0, 1): the Bernoulli–Gaussian model BG(θ) of sparse codes (Spielman, Wang & Wright 2012;
 * Sun, Qu & Wright 2017). The generator draws, entry by entry in row-major order, a uniform for
 * the support and then, on the support only, one normal.
 *
 * @param theta θ in [0, 1], the probability that an entry is nonzero.
 * @throws TypeError / RangeError for sizes that are not integers ≥ 0, θ outside [0, 1] or a bad seed.
 */
export function bernoulliGaussian(rows: number, cols: number, theta: number, options: BernoulliOptions = {}): Matrix {
  return bernoulli(rows, cols, theta, options, (rng) => rng.normal());
}

/**
 * A rows×cols matrix whose entries are independent Ωᵢⱼ·sᵢⱼ with Ωᵢⱼ ~ Bernoulli(θ) and sᵢⱼ = ±1
 * with equal probability: the Bernoulli–Rademacher model of Bai, Jiang & Sun (2019) and of the
 * short-and-sparse deconvolution experiments (Lau et al. 2020). Drawn as {@link bernoulliGaussian},
 * with one uniform for the sign in place of the normal.
 *
 * @param theta θ in [0, 1], the probability that an entry is nonzero.
 * @throws TypeError / RangeError for sizes that are not integers ≥ 0, θ outside [0, 1] or a bad seed.
 */
export function bernoulliRademacher(rows: number, cols: number, theta: number, options: BernoulliOptions = {}): Matrix {
  return bernoulli(rows, cols, theta, options, (rng) => (rng.uniform() < 0.5 ? -1 : 1));
}

function bernoulli(
  rows: number, cols: number, theta: number, options: BernoulliOptions, value: (rng: ReturnType<typeof rngFrom>) => number,
): Matrix {
  checkInteger("rows", rows);
  checkInteger("cols", cols);
  checkFinite("theta", theta, 0);
  if (theta > 1) throw new RangeError(`invalid theta: expected a probability in [0, 1], got ${theta}`);
  checkOptions("options", options, ["seed"]);
  const rng = rngFrom("seed", options.seed ?? 0);
  const data = newFloat64Array(rows >= cols ? "rows" : "cols", rows * cols, `a ${rows}×${cols} matrix has ${rows * cols} entries`);
  for (let i = 0; i < data.length; i++) if (rng.uniform() < theta) data[i] = value(rng);
  return { rows, cols, data };
}
