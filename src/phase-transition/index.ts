// Re-exports of the phase-transition tool (worker.ts is imported for its effect: a pool worker serves).
import "./worker.js";
export { phaseTransition } from "./phase-transition.js";
export type { CompletionTrialRecord } from "./presets/completion.js";
export type { OrthogonalDictionaryTrialRecord } from "./presets/orthogonal-dictionary.js";
export type { DeconvolutionTrialRecord } from "./presets/deconvolution.js";
export type {
  CellRate, FunctionProblem, Grid, GridValue, ModuleProblem, TrialParameters, PhaseTransitionOptions, PhaseTransitionProblem,
  PhaseTransitionProgress, PhaseTransitionReason, PhaseTransitionResult, SuccessFunction, TrialFunction, TrialContext, TrialEntry,
} from "./types.js";
