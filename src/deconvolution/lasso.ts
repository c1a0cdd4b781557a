// ActivationSolver: the activations for fixed kernels (a lasso in x, plus the offset b) by FISTA
// with restarts, as a stage solver for the homotopy.
import { activationStep, type StepSize, type StepSizeRule } from "./activation-step.js";
import type { StageIteration, StageSolver } from "./iadm.js";
import type { ConvolutionalModel } from "./model.js";

/**
 * min over x (and b, when estimated) of Ψ(x, b) = ½‖Σ_k a_k ⊛ x_k + b·1 − y‖² + λ·Σ_k‖x_k‖₁ with
 * the kernels fixed: a convex lasso, solved by FISTA (Beck & Teboulle 2009) with the inertia
 * β_k = (k − 1)/(k + 2) and the step search of {@link activationStep}, the offset updated exactly
 * after each step (block coordinate descent in (x, b), which keeps Ψ monotone), and the
 * function-value restart of O'Donoghue & Candès (2015): a step that raises Ψ is undone and
 * retaken without inertia, and the momentum counter starts again. Used for the activations of
 * the trust-region method and for the landscape of Ψ with x minimized.
 */
export class ActivationSolver implements StageSolver {
  readonly model: ConvolutionalModel;
  lambda: number;
  objective: number;
  readonly step: StepSize = { t: 1, next: 1 };
  readonly #rule: StepSizeRule;
  #k = 0;

  constructor(model: ConvolutionalModel, lambda: number, rule: StepSizeRule) {
    this.model = model;
    this.lambda = lambda;
    this.#rule = rule;
    this.objective = model.dataFit() + lambda * model.l1();
  }

  setLambda(lambda: number): void {
    this.lambda = lambda;
    this.#k = 0;
    this.model.resetMomentum();
    this.objective = this.model.dataFit() + lambda * this.model.l1();
  }

  iterate(): StageIteration | null {
    const model = this.model;
    const start = this.objective;
    const bias = model.bias.slice();
    const beta = this.#k / (this.#k + 3);
    let restarted = false;
    let x = activationStep(model, this.lambda, beta, this.step, this.#rule);
    if (x !== null && beta !== 0 && x.fit + this.lambda * x.l1 > start) {
      model.undoActivation();
      x = null;
    }
    if (x === null && beta !== 0) {
      restarted = true;
      this.#k = 0;
      x = activationStep(model, this.lambda, 0, this.step, this.#rule);
    }
    if (x === null) return null;
    if (model.estimateBias) model.updateBias();
    const objective = model.dataFit() + this.lambda * x.l1;
    if (objective > start) {
      model.undoActivation();
      model.setBiases(bias);
      return null;
    }
    this.#k++;
    this.objective = objective;
    return { objective, measure: x.mapping, step: x.change, restarted };
  }
}
