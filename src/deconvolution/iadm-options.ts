// The options of the iADM run that every front door of the family shares (deconvolve,
// learnConvolutionalDictionary, estimateBlurKernel), with their validation and the family's
// check of positive numbers.
import { checkFinite, checkInteger, describe } from "../validate.js";

/** The options of iADM and its homotopy (see {@link deconvolve}). */
export interface HomotopyOptions {
  /**
   * β ∈ [0, 1), the inertia of both iADM blocks (0: plain alternating descent).
   * @defaultValue 0.85 (Lau et al.'s 1-D code)
   */
  inertia?: number;
  /**
   * The homotopy's λ shrink factor per stage, in (0, 1).
   * @defaultValue 0.8
   */
  shrink?: number;
  /**
   * δ > 0: an intermediate stage ends once an iteration moves (a, x) by at most δ·λ_stage.
   * @defaultValue 0.5 (Lau et al.'s 1-D iADM homotopy)
   */
  stageTolerance?: number;
  /**
   * The most iterations of an intermediate stage.
   * @defaultValue 100
   */
  stageIterations?: number;
}

/** The keys of {@link HomotopyOptions}. */
export const HOMOTOPY_KEYS = ["inertia", "shrink", "stageTolerance", "stageIterations"] as const;

/** The validated {@link HomotopyOptions}, defaults filled in. */
export function resolveHomotopyOptions(options: HomotopyOptions): Required<HomotopyOptions> {
  return {
    inertia: inRange("inertia", options.inertia, 0, 1, 0.85, false),
    shrink: inRange("shrink", options.shrink, 0, 1, 0.8),
    stageTolerance: checkFinite("stageTolerance", options.stageTolerance ?? 0.5, 0),
    stageIterations: checkInteger("stageIterations", options.stageIterations ?? 100, 1),
  };
}

function inRange(name: string, value: unknown, lo: number, hi: number, fallback: number, open = true): number {
  const v = checkFinite(name, value ?? fallback);
  if (!(v > lo || (!open && v === lo)) || !(v < hi)) {
    throw new RangeError(`invalid ${name}: expected a number in ${open ? "(" : "["}${lo}, ${hi}), got ${describe(v)}`);
  }
  return v;
}

/** A finite number > 0. */
export function positive(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v > 0)) throw new RangeError(`invalid ${name}: expected a finite number > 0, got ${describe(v)}`);
  return v;
}
