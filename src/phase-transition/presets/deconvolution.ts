// The "deconvolution" preset: short-and-sparse blind deconvolution of a random kernel from one
// observation, over the sparsity θ and the signal length m (Lau et al. 2020, Fig. 4).
import { deconvolve, type DeconvolutionMethod } from "../../deconvolution/deconvolve.js";
import { convolutionalData, randomKernel } from "../../deconvolution/generators.js";
import { derivedRng } from "../../data/derived-rng.js";
import type { StopReason } from "../../solvers/result.js";
import { shiftCorrelation } from "../../symmetry/signed-shift.js";
import { checkChoice, checkFinite, checkInteger } from "../../validate.js";
import type { TrialParameters } from "../types.js";
import type { Preset } from "./preset.js";

/** What one trial of the "deconvolution" preset returns. */
export interface DeconvolutionTrialRecord {
  /** shiftCorrelation(kernel found, true kernel): 1 is recovery up to a signed shift. */
  correlation: number;
  /** The method's iterations. */
  iterations: number;
  /** The method's stop reason. */
  reason: StopReason;
}

const METHODS: readonly DeconvolutionMethod[] = ["homotopy", "iadm", "trust-region"];

/** Default success: the correlation of the test of Lau et al.'s diagrams (max |⟨Sₛa, a₀⟩| ≥ 0.99). */
const SUCCESS_THRESHOLD = 0.99;

/**
 * Trial: a kernel a₀ = `randomKernel(kernelLength, { kind })` on the sphere, an activation of
 * length `length` (m) with rate `theta` (Bernoulli–Gaussian or –Rademacher), y = a₀ ⊛ x₀ (plus
 * `noise`), all from the trial's seed; the fit is `deconvolve` with `method`, `lambda`,
 * `maxIterations` and the trial's seed for its random start. Success: shiftCorrelation ≥ 0.99.
 * The grid must give `theta` and `length` (m ≥ 3·kernelLength).
 */
export const deconvolutionPreset: Preset<DeconvolutionTrialRecord> = {
  defaults: {
    theta: undefined,
    length: undefined,
    kernelLength: 30,
    kind: "gaussian",
    activation: "bernoulli-gaussian",
    noise: 0,
    method: "homotopy",
    lambda: 0.01,
    maxIterations: 1000,
  },

  check(p: TrialParameters): void {
    const n = checkInteger("grid.kernelLength", p.kernelLength, 1, 4096);
    checkInteger("grid.length", p.length, 3 * n, 1 << 22);
    const theta = checkFinite("grid.theta", p.theta, 0);
    if (theta === 0 || theta > 1) throw new RangeError(`invalid grid.theta: expected a rate in (0, 1], got ${theta}`);
    checkChoice("grid.kind", p.kind, ["gaussian", "smooth"] as const);
    checkChoice("grid.activation", p.activation, ["bernoulli-gaussian", "bernoulli-rademacher"] as const);
    checkFinite("grid.noise", p.noise, 0);
    checkChoice("grid.method", p.method, METHODS);
    checkFinite("grid.lambda", p.lambda, 0);
    checkInteger("grid.maxIterations", p.maxIterations, 1);
  },

  async trial(p: TrialParameters, seed: number, { signal }): Promise<DeconvolutionTrialRecord> {
    const n = p.kernelLength as number;
    const a0 = randomKernel(n, { kind: p.kind as "gaussian" | "smooth", seed });
    const data = convolutionalData(a0, p.length as number, {
      theta: p.theta as number,
      activation: p.activation as "bernoulli-gaussian" | "bernoulli-rademacher",
      noise: p.noise as number,
      seed: derivedRng(seed, "deconvolution preset data"),
    });
    const fit = await deconvolve(data.signal, {
      kernelLength: n,
      method: p.method as DeconvolutionMethod,
      lambda: p.lambda as number,
      maxIterations: p.maxIterations as number,
      seed,
      signal,
    });
    return { correlation: shiftCorrelation(fit.kernel, a0).correlation, iterations: fit.result.iterations, reason: fit.result.reason };
  },

  success: (record) => record.correlation >= SUCCESS_THRESHOLD,
};
