// The runs of iADM: one stage at a fixed λ, and the homotopy along a decreasing λ path.
import type { SolverRun } from "../solvers/run.js";
import type { StopReason } from "../solvers/result.js";
import type { StageSolver } from "./iadm.js";

/** When an intermediate stage of the homotopy ends. */
export interface StageRule {
  /** The stage ends once an iteration moves (a, x) by at most this times the stage's λ. */
  readonly tolerance: number;
  /** … or after this many iterations. */
  readonly maxIterations: number;
}

/**
 * The intermediate λ of the homotopy from λ₀ down to λ: λ₀, shrink·λ₀, shrink²·λ₀, …, for
 * ⌊log(λ₀/λ)/log(1/shrink)⌋ stages (Lau et al.'s `homotopy.m`); empty when λ₀ ≤ λ or λ = 0.
 */
export function lambdaPath(lambda0: number, lambda: number, shrink: number): number[] {
  if (!(lambda0 > lambda) || !(lambda > 0)) return [];
  const stages = Math.floor(Math.log(lambda0 / lambda) / Math.log(1 / shrink));
  return Array.from({ length: stages }, (_, s) => lambda0 * shrink ** s);
}

/** The current kernel for the run's record (a copy when a callback will see it). */
export type PointOf = () => Float64Array;

/**
 * Runs iADM at the current λ, recording every iteration in `run`, until the run says stop
 * (gradient tolerance on the stationarity measure, budget, callback, abort) or, for an
 * intermediate stage (`rule` given), until an iteration moved the iterate by at most
 * rule.tolerance·λ, ‖(x⁺ − x, a⁺ − a)‖ ≤ δλ as in Lau et al.'s code, or the stage has taken
 * rule.maxIterations iterations ("stage-done"). An iteration that cannot lower Ψ ends
 * the stage ("step-too-small", or "stage-done" for an intermediate stage).
 */
export async function runStage(
  solver: StageSolver, run: SolverRun<Float64Array>, point: PointOf, rule?: StageRule,
): Promise<StopReason | "stage-done"> {
  for (let i = 0; ; i++) {
    const it = solver.iterate();
    if (it === null) return rule === undefined ? "step-too-small" : "stage-done";
    const reason = await run.record(point(), it.objective, it.measure, it.step);
    if (reason === "gradient-tolerance" && rule !== undefined) return "stage-done";
    if (reason !== undefined) return reason;
    if (rule !== undefined && (it.step <= rule.tolerance * solver.lambda || i + 1 >= rule.maxIterations)) return "stage-done";
  }
}

/**
 * The homotopy (continuation) of Lau et al. (2020, §4 and their `homotopy.m`; Xiao & Zhang
 * 2013 for the lasso): solve loosely (`stage`) at each λ of `path` — from λ₀ = max_k
 * ‖C_{a_k}ᵀ(y − b)‖∞, where x = 0 is optimal for the initial kernels, shrinking geometrically,
 * see {@link lambdaPath} — each stage warm-started at the last, then solve at the target λ until
 * the run stops. `betweenStages` runs before every stage but the first (the front door re-centres
 * the kernel there). Returns the stop reason, the number of intermediate stages begun, and the
 * iteration at which each stage (the final one included) began.
 */
export async function homotopy(
  solver: StageSolver, path: readonly number[], lambda: number, stage: StageRule, run: SolverRun<Float64Array>, point: PointOf,
  betweenStages?: () => void,
): Promise<{ reason: StopReason; stages: number; stageStarts: number[] }> {
  const stageStarts: number[] = [];
  for (let s = 0; s < path.length; s++) {
    if (s > 0) betweenStages?.();
    if (solver.lambda !== path[s]) solver.setLambda(path[s]);
    stageStarts.push(run.iterations + 1);
    const reason = await runStage(solver, run, point, stage);
    if (reason !== "stage-done") return { reason, stages: s + 1, stageStarts };
  }
  if (path.length > 0) betweenStages?.();
  if (solver.lambda !== lambda) solver.setLambda(lambda);
  stageStarts.push(run.iterations + 1);
  const reason = await runStage(solver, run, point);
  return { reason: reason === "stage-done" ? "step-too-small" : reason, stages: path.length, stageStarts };
}
