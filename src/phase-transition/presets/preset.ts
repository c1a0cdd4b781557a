// What a preset of phaseTransition is: named parameters with defaults, a check, a trial, a success rule.
import type { GridValue, TrialParameters, SuccessFunction, TrialFunction } from "../types.js";

/** A named problem of {@link phaseTransition}, runnable in any worker (it ships in the bundle). */
export interface Preset<R> {
  /** Every parameter with its default; `undefined` marks one the grid must give. */
  readonly defaults: Readonly<Record<string, GridValue | undefined>>;
  /** Throws a TypeError / RangeError naming the parameter when one cell's values are invalid. */
  check(params: TrialParameters): void;
  trial: TrialFunction<R>;
  /** The default success rule (the `success` option overrides it). */
  success: SuccessFunction<R>;
}
