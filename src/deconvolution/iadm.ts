// Iadm: the inertial alternating descent method of Lau et al. (2020) on a ConvolutionalModel,
// one iteration at a time, with a restart that keeps Ψ from rising.
import { activationStep, type StepSize, type StepSizeRule } from "./activation-step.js";
import { kernelStep, type ArmijoRule } from "./kernel-step.js";
import type { ConvolutionalModel } from "./model.js";

/** A method that iterates on a model at a λ that a homotopy may change. */
export interface StageSolver {
  readonly model: ConvolutionalModel;
  readonly lambda: number;
  /** Ψ at the current iterate. */
  readonly objective: number;
  /** Changes λ and forgets the momentum. */
  setLambda(lambda: number): void;
  /** One iteration; null when Ψ cannot decrease (numerically stationary). */
  iterate(): StageIteration | null;
}

/** The settings of the iteration. */
export interface IadmSettings {
  /** The inertia β ∈ [0, 1) of both blocks (Lau et al.'s 1-D code: 0.85). */
  readonly inertia: number;
  readonly stepSize: StepSizeRule;
  readonly armijo: ArmijoRule;
}

/** One accepted iteration of a stage solver (iADM, or FISTA on the activations). */
export interface StageIteration {
  /** Ψ(a, x, b) = ½‖Σ a_k ⊛ x_k + b − y‖² + λ·Σ‖x_k‖₁ after the iteration. */
  readonly objective: number;
  /**
   * The stationarity measure √(‖G_t(x̂)‖² + ‖grad_a f(ẑ)‖²): the activation step's gradient
   * mapping and the kernel step's Riemannian gradient, each at its extrapolated point. Both
   * vanish exactly at a stationary point of Ψ on the product of spheres and activations.
   */
  readonly measure: number;
  /** √(‖x⁺ − x‖² + ‖a⁺ − a‖²). */
  readonly step: number;
  /** Whether the inertial iteration raised Ψ and was redone without inertia. */
  readonly restarted: boolean;
}

/**
 * iADM (Lau, Qu, Kuo, Zhou, Zhang & Wright, "Short-and-sparse deconvolution – a geometric
 * approach", ICLR 2020, Alg. 1) for min Ψ(a, x, b) over unit-norm kernels a_k, activations x_k
 * and (optionally) the offset b: each iteration takes the activation step (inertial proximal
 * gradient with backtracking, {@link activationStep}), the kernel step (inertial Riemannian
 * gradient with Armijo search, {@link kernelStep}) and, when b is estimated, the exact update
 * b ← b − mean(Σ a_k ⊛ x_k + b − y) (from the DC bins, no transform).
 *
 * Monotone restarts: inertia can raise Ψ. Each block is checked when it ends, for free: the
 * activation step knows f(a, x⁺), hence Ψ(x⁺), and the kernel step knows f(a⁺, x⁺) from its
 * Gram matrix. A block whose inertial step raised Ψ is undone (its buffers rotate back) and taken
 * again with β = 0, which cannot raise Ψ in exact arithmetic (the backtracking test gives
 * Ψ(x⁺) ≤ Ψ(x), the Armijo search f(a⁺) ≤ f(a)), and its momentum is forgotten: the
 * function-value restart of O'Donoghue & Candès (2015), per block. If the plain kernel step
 * raises f too (rounding) the kernels stay; if the plain activation step cannot be taken or the
 * iteration ends above Ψ after all (rounding at a stationary point), the iteration is undone
 * and {@link iterate} returns null. Hence Ψ never rises from one recorded iterate to the next.
 */
export class Iadm implements StageSolver {
  readonly model: ConvolutionalModel;
  readonly settings: IadmSettings;
  lambda: number;
  /** Ψ at the current iterate. */
  objective: number;
  /** The activation step size, kept from step to step. */
  readonly step: StepSize = { t: 1, next: 1 };
  #l1: number;

  constructor(model: ConvolutionalModel, lambda: number, settings: IadmSettings) {
    this.model = model;
    this.settings = settings;
    this.lambda = lambda;
    this.#l1 = model.l1();
    this.objective = model.dataFit() + lambda * this.#l1;
  }

  /** Changes λ (a homotopy stage) and forgets the momentum; Ψ is re-evaluated. */
  setLambda(lambda: number): void {
    this.lambda = lambda;
    this.model.resetMomentum();
    this.objective = this.model.dataFit() + lambda * this.#l1;
  }

  /** One iteration (blocks restarted without inertia where Ψ rose); null when Ψ cannot decrease. */
  iterate(): StageIteration | null {
    const model = this.model;
    const { inertia, stepSize, armijo } = this.settings;
    const start = this.objective;
    const bias = model.bias.slice();
    let restarted = false;
    let x = activationStep(model, this.lambda, inertia, this.step, stepSize);
    if (x !== null && inertia !== 0 && x.fit + this.lambda * x.l1 > start) {
      model.undoActivation();
      x = null;
    }
    if (x === null && inertia !== 0) {
      restarted = true;
      x = activationStep(model, this.lambda, 0, this.step, stepSize);
    }
    if (x === null) return null;
    let a = kernelStep(model, inertia, armijo);
    if (a.fit > x.fit && inertia !== 0) {
      restarted = true;
      model.undoKernels();
      a = kernelStep(model, 0, armijo);
    }
    const kernelsMoved = a.fit <= x.fit;
    if (!kernelsMoved) model.undoKernels();
    if (model.estimateBias) model.updateBias();
    const objective = model.dataFit() + this.lambda * x.l1;
    if (objective > start) {
      if (kernelsMoved) model.undoKernels();
      model.undoActivation();
      model.setBiases(bias);
      return null;
    }
    this.objective = objective;
    this.#l1 = x.l1;
    return {
      objective,
      measure: Math.hypot(x.mapping, a.gradientNorm),
      step: Math.hypot(x.change, kernelsMoved ? a.change : 0),
      restarted,
    };
  }
}
