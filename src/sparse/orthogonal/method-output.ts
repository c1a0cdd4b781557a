// What a method of learnOrthogonalDictionary hands back to the front door, and the solver
// options it runs with (the user's callback wrapped into a DictionaryIterationInfo).
import type { Matrix } from "../../matrix.js";
import type { History } from "../../solvers/history.js";
import type { CommonOptions } from "../../solvers/options.js";
import type { IterationInfo } from "../../solvers/result.js";
import type { AtomRecord, DictionaryIterationInfo, DictionaryRunRecord, RefinementRecord, ResolvedOptions, RoundingRecord } from "./options.js";

/** A method's output, in the units of the scaled data (the front door rescales the codes). */
export interface MethodOutput {
  /** n×k, orthonormal columns. */
  readonly dictionary: Matrix;
  /** k×p row-major: dictionaryᵀ·(scaled Y). */
  readonly codes: Float64Array;
  readonly history: History;
  readonly record: Omit<DictionaryRunRecord, "time">;
  readonly atoms?: readonly AtomRecord[];
  readonly rounding?: readonly RoundingRecord[];
  readonly refinement?: RefinementRecord;
}

/**
 * The common options for one solver run, its `onIteration` forwarding each record to the user's
 * callback as a {@link DictionaryIterationInfo}: `point` mapped by `present`, `iteration` shifted
 * by `offset` (the run's first index in the concatenated history), `time` by `timeOffset`.
 */
export function runOptions<P>(
  options: ResolvedOptions, overrides: Partial<CommonOptions<P>>, atom: number,
  present: (point: P) => Matrix | Float64Array, offset = 0, timeOffset = 0,
): CommonOptions<P> {
  const user = options.onIteration;
  const onIteration = user === undefined
    ? undefined
    : (info: IterationInfo<P>) => user(Object.freeze({
      iteration: offset + info.iteration, point: present(info.point), cost: info.cost, gradientNorm: info.gradientNorm,
      step: info.step, time: timeOffset + info.time, atom,
    }));
  return { ...(options.common as CommonOptions<P>), onIteration, ...overrides };
}
