// The iADM run shared by the front doors (deconvolve, learnConvolutionalDictionary,
// estimateBlurKernel): at λ directly, or along the homotopy with the kernels re-centred between
// stages, recorded in one SolverRun.
import type { CommonOptions } from "../solvers/options.js";
import type { SolverResult } from "../solvers/result.js";
import { SolverRun } from "../solvers/run.js";
import { homotopy, lambdaPath, runStage, type PointOf } from "./homotopy.js";
import { Iadm, type IadmSettings, type StageSolver } from "./iadm.js";
import type { ConvolutionalModel } from "./model.js";
import { recenterKernels } from "./recenter.js";
import { largestCorrelation, stationarity } from "./stationarity.js";

/** The activation step's search: first trial at most twice the last step, 60 trials at most. */
export const STEP_SIZE = { growth: 2, maxTrials: 60 };
/** Armijo's sufficient decrease 1e-4 (Nocedal & Wright's usual c₁), 60 halvings at most. */
export const ARMIJO = { decrease: 1e-4, maxHalvings: 60 };

/** How the run goes. */
export interface IadmRunSettings extends IadmSettings {
  /** `"homotopy"`: λ from λ₀ shrinking by `shrink`; `"iadm"`: the target λ from the start. */
  readonly method: "homotopy" | "iadm";
  /** The target λ. */
  readonly lambda: number;
  readonly shrink: number;
  /** An intermediate stage ends once an iteration moves (a, x) by at most this times its λ. */
  readonly stageTolerance: number;
  readonly stageIterations: number;
  /** The kernels' size inside their windows (for the re-centring between stages). */
  readonly kernelRows: number;
  readonly kernelCols: number;
}

/** What {@link runIadm} returns. */
export interface IadmRun {
  /** The record; its point is the kernel windows concatenated. */
  readonly result: SolverResult<Float64Array>;
  readonly stages: number;
  readonly stageStarts: number[];
}

/** The kernel windows concatenated (a copy). */
export function kernelsPoint(model: ConvolutionalModel): Float64Array {
  if (model.count === 1) return model.a[0].slice();
  const w = model.a[0].length;
  const out = new Float64Array(w * model.count);
  model.a.forEach((a, k) => out.set(a, k * w));
  return out;
}

/**
 * iADM on the model (Lau et al. 2020, Alg. 1, see {@link Iadm}) at the target λ (`"iadm"`) or
 * along the homotopy of their §4 (`"homotopy"`, {@link homotopy}), re-centring every kernel in
 * its window between stages ({@link recenterKernels}). The run records one iteration per iADM
 * iteration: Ψ at the stage's λ, the stationarity measure, the step; the point is the kernels
 * (a copy only when `onIteration` will see it). The start's measure is taken for the target λ
 * (Ψ does not depend on λ there, x being 0). `solverAt` replaces iADM by another stage solver
 * on the same model, started at the λ given (learnConvolutionalDictionary's ADMM route).
 */
export async function runIadm(
  model: ConvolutionalModel, settings: IadmRunSettings, common: CommonOptions<Float64Array>,
  solverAt: (lambda: number) => StageSolver = (lambda) => new Iadm(model, lambda, settings),
): Promise<IadmRun> {
  const path = settings.method === "homotopy" ? lambdaPath(largestCorrelation(model), settings.lambda, settings.shrink) : [];
  const solver = solverAt(path[0] ?? settings.lambda);
  const point: PointOf = common.onIteration === undefined && model.count === 1 ? () => model.a[0] : () => kernelsPoint(model);
  const run = new SolverRun<Float64Array>(common);
  let reason = await run.begin(point(), solver.objective, stationarity(model, settings.lambda, 1));
  let stages = 0;
  let stageStarts: number[] = [];
  if (reason === undefined) {
    if (settings.method === "homotopy") {
      const rule = { tolerance: settings.stageTolerance, maxIterations: settings.stageIterations };
      const r = await homotopy(solver, path, settings.lambda, rule, run, point,
        () => recenterKernels(model, settings.kernelRows, settings.kernelCols));
      [reason, stages, stageStarts] = [r.reason, r.stages, r.stageStarts];
    } else {
      stageStarts = [1];
      const r = await runStage(solver, run, point);
      reason = r === "stage-done" ? "step-too-small" : r;
    }
  }
  return { result: run.finish(kernelsPoint(model), reason, model.evaluations), stages, stageStarts };
}
