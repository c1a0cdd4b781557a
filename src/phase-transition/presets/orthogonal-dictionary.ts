// The "orthogonal-dictionary" preset: recovery of a random orthogonal dictionary from samples with
// Bernoulli–Gaussian codes, the phase transition of complete dictionary learning (θ × samples).
import { bernoulliGaussian } from "../../data/bernoulli.js";
import { derivedRng } from "../../data/derived-rng.js";
import { randomOrthogonal } from "../../data/orthogonal.js";
import { gemm } from "../../kernels/blas/gemm.js";
import { learnOrthogonalDictionary } from "../../sparse/orthogonal/learn-orthogonal-dictionary.js";
import type { OrthogonalDictionaryMethod } from "../../sparse/orthogonal/options.js";
import { l4Error, signedPermutationError } from "../../symmetry/signed-permutation.js";
import { checkChoice, checkFinite, checkInteger } from "../../validate.js";
import type { TrialParameters } from "../types.js";
import type { Preset } from "./preset.js";

/** What one trial of the "orthogonal-dictionary" preset returns. */
export interface OrthogonalDictionaryTrialRecord {
  /** min over signed permutations of ‖A·Π·Σ − A₀‖_F/‖A₀‖_F (`signedPermutationError`). */
  error: number;
  /** 1 − ‖AᵀA₀‖₄⁴/n (`l4Error`), the measure of Zhai et al. 2020. */
  l4Error: number;
  /** The method's iterations and stop reason. */
  iterations: number;
  reason: string;
}

const METHODS: readonly OrthogonalDictionaryMethod[] = ["msp", "sphere", "subgradient"];
const ROUNDINGS: readonly ("l1" | "lp")[] = ["l1", "lp"];

/** Default success: the measure, a signed-permutation error below 1e-2. */
const SUCCESS_THRESHOLD = 1e-2;

/**
 * Trial: A₀ = `randomOrthogonal(n)` (Haar), X₀ = `bernoulliGaussian(n, samples, theta)` (each
 * entry nonzero with probability θ, then standard normal), Y = A₀X₀, both drawn from streams
 * derived from the trial's seed; the fit is `learnOrthogonalDictionary(Y, { method, seed })`
 * (with `rounding` for "msp"). Success: signed-permutation error below 1e-2 (override `success`
 * for another measure, e.g. `record.l4Error <= 1e-2`, or exact recovery `record.error <= 1e-8`).
 * The grid gives `theta` and `samples`; `n` (30), `method` ("msp") and `rounding` ("l1", the
 * method's default; "lp" or false; used by "msp" only) may be axes too.
 */
export const orthogonalDictionaryPreset: Preset<OrthogonalDictionaryTrialRecord> = {
  defaults: {
    n: 30,
    theta: undefined,
    samples: undefined,
    method: "msp",
    rounding: "l1",
  },

  check(p: TrialParameters): void {
    const n = checkInteger("grid.n", p.n, 1, 1024);
    const theta = checkFinite("grid.theta", p.theta, 0);
    if (theta === 0 || theta > 1) throw new RangeError(`invalid grid.theta: expected a rate in (0, 1], got ${theta}`);
    checkInteger("grid.samples", p.samples, n);
    checkChoice("grid.method", p.method, METHODS);
    if (p.rounding !== false) checkChoice("grid.rounding", p.rounding, ROUNDINGS);
  },

  async trial(p: TrialParameters, seed: number, { signal }): Promise<OrthogonalDictionaryTrialRecord> {
    const n = p.n as number;
    const A0 = randomOrthogonal(n, { seed: derivedRng(seed, "orthogonal-dictionary preset dictionary") });
    const X0 = bernoulliGaussian(n, p.samples as number, p.theta as number, { seed: derivedRng(seed, "orthogonal-dictionary preset codes") });
    const method = p.method as OrthogonalDictionaryMethod;
    const fit = await learnOrthogonalDictionary(gemm(A0, X0), {
      method, seed, signal, ...(method === "msp" ? { rounding: p.rounding as "l1" | "lp" | false } : {}),
    });
    return {
      error: signedPermutationError(fit.dictionary, A0).error,
      l4Error: l4Error(fit.dictionary, A0),
      iterations: fit.result.iterations,
      reason: fit.result.reason,
    };
  },

  success: (record) => record.error < SUCCESS_THRESHOLD,
};
