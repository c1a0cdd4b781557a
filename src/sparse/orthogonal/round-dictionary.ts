// Rounding a whole approximate dictionary (the MSP fixed point) to exact atoms: LP rounding of its
// columns one at a time, with deflation.
import type { Matrix } from "../../matrix.js";
import { ArenaScope } from "../../runtime/arena.js";
import { runtime } from "../../runtime/init.js";
import { SolverRun } from "../../solvers/run.js";
import { Deflation } from "./deflation.js";
import { LinearProgramRounding, type RoundingKernels } from "./lp-rounding.js";
import type { MethodOutput } from "./method-output.js";
import type { RoundingRecord, ResolvedOptions } from "./options.js";

/** The rounded dictionary, its codes (scaled data) and one record per column, or why it stopped early. */
export type RoundedDictionary =
  | { readonly dictionary: Matrix; readonly codes: Float64Array; readonly rounding: readonly RoundingRecord[]; readonly stopped?: undefined }
  | { readonly stopped: "aborted" | "max-time"; readonly rounding: readonly RoundingRecord[] };

/**
 * Rounds each column dⱼ of an approximate orthogonal dictionary D (n×n) by the LP
 * min ‖qᵀYⱼ‖₁ s.t. rᵀq = 1 ({@link LinearProgramRounding}) on the data deflated by the columns
 * rounded before it ({@link Deflation}), with r the unit projection of dⱼ onto the current
 * subspace. Where the LP is exact (Sun, Qu & Wright 2017, II §IV: r close enough to an atom and
 * enough samples), each column becomes that atom to ≈ 1e-12 and the finite-sample bias of the
 * ℓ⁴ fixed point is removed; the deflation keeps the result orthogonal to rounding whatever
 * happens. Costs about n³p/3 flops per IRLS step over all columns (with deflation the k-th
 * column's Gram matrices are (n−k)×(n−k)), so roughly 15·n³p/3 in all: comparable to 10–20 MSP
 * iterations. Columns keep their order. Stops between IRLS steps when the signal is aborted, and
 * between columns at `deadline` (a `performance.now()` time), returning why.
 */
export async function roundDictionary(
  y: Float64Array, n: number, p: number, D: Matrix, options: ResolvedOptions, kern: RoundingKernels, deadline: number,
): Promise<RoundedDictionary> {
  const scope = new ArenaScope(runtime().arena);
  try {
    const deflation = new Deflation(scope, y, n, p, kern);
    const lp = new LinearProgramRounding(scope, n, p, kern);
    const pacer = new SolverRun(options.common);
    const rounding: RoundingRecord[] = [];
    const column = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      if (performance.now() >= deadline) return { stopped: "max-time", rounding };
      for (let i = 0; i < n; i++) column[i] = D.data[i * n + k];
      const r = deflation.coordinates(column);
      const rounded = await lp.round(deflation.data, r, options.roundingIterations, () => pacer.pause());
      if (rounded.aborted) return { stopped: "aborted", rounding };
      rounding.push({ iterations: rounded.iterations, converged: rounded.converged });
      deflation.deflate(rounded.atom);
    }
    const { dictionary, codes } = deflation.dictionaryAndCodes();
    return { dictionary, codes, rounding };
  } finally {
    scope.disposeAll();
  }
}

/**
 * MSP's output with its dictionary rounded ({@link roundDictionary}) unless the iteration was
 * stopped (aborted, callback, time). A rounding cut short keeps the unrounded dictionary and reports
 * why; a rounding that did not settle marks the run not converged ("max-iterations" when its IRLS
 * budget ran out, "step-too-small" when a Gram matrix broke down).
 */
export async function roundMspOutput(
  out: MethodOutput, y: Float64Array, n: number, p: number, options: ResolvedOptions, kern: RoundingKernels, deadline: number,
): Promise<MethodOutput> {
  const { reason } = out.record;
  if (reason === "aborted" || reason === "callback" || reason === "max-time") return out;
  const rounded = await roundDictionary(y, n, p, out.dictionary, options, kern, deadline);
  if (rounded.stopped !== undefined) {
    return { ...out, rounding: rounded.rounding, record: { ...out.record, converged: false, reason: rounded.stopped } };
  }
  const failed = rounded.rounding.find((r) => !r.converged);
  const record = failed === undefined
    ? out.record
    : { ...out.record, converged: false, reason: failed.iterations >= options.roundingIterations ? "max-iterations" as const : "step-too-small" as const };
  return { ...out, dictionary: rounded.dictionary, codes: rounded.codes, rounding: rounded.rounding, record };
}
