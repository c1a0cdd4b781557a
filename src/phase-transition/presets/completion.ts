// The "completion" preset: exact recovery of a random low-rank matrix from a uniform sample of its
// entries, the classic phase-transition diagram of matrix completion (rank × sampling rate).
import { completeMatrix, type CompletionMethod } from "../../completion/complete-matrix.js";
import { observedFromMask } from "../../completion/from-mask.js";
import { observedCounts } from "../../completion/structure.js";
import { derivedRng } from "../../data/derived-rng.js";
import { randomLowRank } from "../../data/lowrank.js";
import { uniformMask } from "../../data/masks.js";
import type { CompletionStopReason } from "../../completion/methods/fit.js";
import { SingularSystemError } from "../../completion/methods/als.js";
import { relativeError } from "../../symmetry/product-error.js";
import { checkChoice, checkFinite, checkInteger } from "../../validate.js";
import type { TrialParameters } from "../types.js";
import type { Preset } from "./preset.js";

/** What one trial of the "completion" preset returns. */
export interface CompletionTrialRecord {
  /** ‖UVᵀ − X‖_F / ‖X‖_F of the fit (Infinity when the trial was underdetermined and not run). */
  relativeError: number;
  /** How many entries the mask observed. */
  observed: number;
  /**
   * Some row or column had fewer than `rank` observed entries: its r unknowns are underdetermined
   * whatever the method, so the trial is a failure and the method is not run.
   */
  underdetermined: boolean;
  /** The method's iterations (0 when not run). */
  iterations: number;
  /** The method's stop reason, `"underdetermined"`, or `"singular"` (ALS with λ = 0 met a singular row or column system). */
  reason: CompletionStopReason | "underdetermined" | "singular";
}

const METHODS: readonly CompletionMethod[] = ["als", "gd", "riemannian"];

/** Default success: a relative error far below any approximate fit and far above rounding. */
const SUCCESS_THRESHOLD = 1e-4;

/**
 * Trial: X = UVᵀ from `randomLowRank(rows, cols, rank)` with singular values √(mn)·κ^(−k/(r−1))
 * (entries of order 1, condition κ = `condition`, incoherent), each entry observed independently
 * with probability `sampling` (Bernoulli, the model of the completion theory of Candès & Recht
 * 2009); with the same seed, a higher rate observes a superset. The fit is `completeMatrix` with
 * `method`, `lambda`, the spectral start, `maxIterations` and `gradientTolerance: tolerance`,
 * nothing centered. Success: relative error below 1e-4.
 */
export const completionPreset: Preset<CompletionTrialRecord> = {
  defaults: {
    rows: 100,
    cols: 100,
    rank: undefined,
    sampling: undefined,
    method: "als",
    lambda: 0,
    condition: 2,
    maxIterations: 300,
    tolerance: 1e-9,
  },

  check(p: TrialParameters): void {
    const rows = checkInteger("grid.rows", p.rows, 1, 4096);
    const cols = checkInteger("grid.cols", p.cols, 1, 4096);
    checkInteger("grid.rank", p.rank, 1, Math.min(rows, cols));
    const sampling = checkFinite("grid.sampling", p.sampling, 0);
    if (sampling === 0 || sampling > 1) throw new RangeError(`invalid grid.sampling: expected a rate in (0, 1], got ${sampling}`);
    checkChoice("grid.method", p.method, METHODS);
    checkFinite("grid.lambda", p.lambda, 0);
    checkFinite("grid.condition", p.condition, 1);
    checkInteger("grid.maxIterations", p.maxIterations, 1);
    checkFinite("grid.tolerance", p.tolerance, 0);
  },

  async trial(p: TrialParameters, seed: number, { signal }): Promise<CompletionTrialRecord> {
    const [m, n, r] = [p.rows, p.cols, p.rank] as number[];
    const kappa = p.condition as number;
    const singularValues = Array.from({ length: r }, (_, k) => Math.sqrt(m * n) * kappa ** (r === 1 ? 0 : -k / (r - 1)));
    const truth = randomLowRank(m, n, r, { seed, singularValues, dense: true });
    const mask = uniformMask(m, n, p.sampling as number, derivedRng(seed, "completion preset mask"));
    const observed = observedFromMask(truth.matrix!, mask);
    const { rowCounts, colCounts } = observedCounts(observed);
    const count = observed.value.length;
    if (rowCounts.some((c) => c < r) || colCounts.some((c) => c < r)) {
      return { relativeError: Infinity, observed: count, underdetermined: true, iterations: 0, reason: "underdetermined" };
    }
    let fit;
    try {
      fit = await completeMatrix(observed, {
        rank: r,
        method: p.method as CompletionMethod,
        lambda: p.lambda as number,
        init: "spectral",
        center: false,
        bias: "none",
        maxIterations: p.maxIterations as number,
        gradientTolerance: p.tolerance as number,
        seed,
        signal,
      });
    } catch (error) {
      // λ = 0 and a row (column) whose observed factors span fewer than r dimensions: the instance
      // defeats ALS, a failure of the trial rather than of the sweep.
      if (!(error instanceof SingularSystemError)) throw error;
      return { relativeError: Infinity, observed: count, underdetermined: false, iterations: 0, reason: "singular" };
    }
    return {
      relativeError: relativeError(fit.U, fit.V, truth.U, truth.V),
      observed: count,
      underdetermined: false,
      iterations: fit.result.iterations,
      reason: fit.result.reason,
    };
  },

  success: (record) => record.relativeError < SUCCESS_THRESHOLD,
};
