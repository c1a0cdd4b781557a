// The x-update of iADM and FISTA: an inertial proximal-gradient step with backtracking.
import { deconvolutionKernels } from "./kernels.js";
import type { ConvolutionalModel } from "./model.js";
import type { Term } from "./spectra.js";

/** The step-size search of the activation step. */
export interface StepSizeRule {
  /** The first trial step of an iteration is at most this times the last accepted one. */
  readonly growth: number;
  /** At most this many trials per step (then the step fails). */
  readonly maxTrials: number;
}

/** The step size kept from step to step: the last accepted t and the next first trial. */
export interface StepSize {
  t: number;
  next: number;
}

/** What an accepted activation step reports. */
export interface ActivationStep {
  /** f(x⁺) = ½‖Σ a_k ⊛ x⁺_k + b − y‖² at the new activations. */
  readonly fit: number;
  /** Σ‖x⁺_k‖₁. */
  readonly l1: number;
  /** The norm of the gradient mapping ‖x⁺ − x̂‖/t at the extrapolated point x̂. */
  readonly mapping: number;
  /** ‖x⁺ − x‖ (all kernels). */
  readonly change: number;
}

/**
 * One inertial proximal-gradient step on the activations for F(x) = f(x) + λ‖x‖₁ with the
 * kernels and biases fixed, f(x) = ½Σ_j‖M_j(Σ_k a_k ⊛ x_jk + b_j − y_j)‖² (M_j = 1 without a mask) (Lau et al. 2020, Alg. 1, x-update):
 * x̂ = x + β(x − x_old), g = ∇f(x̂) = a ⋆ r̂ (correlation with the residual), then
 * x⁺ = soft(x̂ − t·g, t·λ) for a step t accepted by the backtracking test
 * f(x⁺) ≤ f(x̂) + ⟨g, d⟩ + ‖d‖²/(2t), d = x⁺ − x̂ (Beck & Teboulle 2009, §4: then F(x⁺) ≤ F(x̂)).
 *
 * Step sizes: f is quadratic, so every trial measures the curvature along its own d exactly,
 * f(x⁺) − f(x̂) − ⟨g, d⟩ = ½‖Σ a_k ⊛ d_k‖², and the test holds iff t ≤ t_d = ‖d‖²/‖Σ a_k ⊛ d_k‖².
 * A failed trial is retried at 0.95·t_d (at least a tenth, at most 0.95 of t) instead of t/2;
 * the next step starts at min(growth·t, 0.95·t_d) of the accepted one. Lau et al. start each
 * step at 8t and halve; the steps accepted here are as long (≈ 6/L on the papers' instance,
 * L = max|Â|² the global Lipschitz constant) with about one trial per step instead of four.
 *
 * Costs (no mask): the gradient is one inverse transform per activation of conj(A)·R̂, the residual spectrum
 * R̂ = Σ A_k·X̂_k − Yb with X̂ formed inside that pass; each trial one forward transform per
 * activation and one pass for f(x⁺) by Parseval (a mask adds two transforms per signal to the
 * gradient and one to each trial, see `ConvolutionalModel.residual`). On success the step is committed (x_old ← x,
 * x ← x⁺); null when `maxTrials` trials all failed (rounding at a stationary point), with
 * nothing changed.
 */
export function activationStep(
  model: ConvolutionalModel, lambda: number, beta: number, step: StepSize, rule: StepSizeRule,
): ActivationStep | null {
  const k = deconvolutionKernels();
  const { geometry, count, signals } = model;
  const inertial = beta !== 0;
  let fHat = 0;
  for (let j = 0; j < signals; j++) {
    const hatTerms: Term[] = [];
    const grads: number[] = [];
    for (let i = 0; i < count; i++) {
      const a = model.at(j, i);
      hatTerms.push(inertial
        ? { u: model.X[a].ptr, u2: model.XOld[a].ptr, v: model.A[i].ptr, c1: 1 + beta, c2: -beta }
        : { u: model.X[a].ptr, v: model.A[i].ptr });
      grads.push(model.G[a].ptr);
    }
    fHat += model.residual(j, hatTerms, grads);
  }
  model.evaluations.gradient++;
  for (let i = 0; i < model.x.length; i++) geometry.inverse(model.g[i].ptr, model.G[i].ptr);
  const nextTerms = (j: number): Term[] => model.A.map((A, i) => ({ u: model.XNext[model.at(j, i)].ptr, v: A.ptr }));
  let t = step.next;
  const stats = model.stats;
  // Room for rounding in the test: f(x⁺) and f(x̂) come from residual spectra R = ΣA·X − Yb whose
  // entries err by ~ε|Yb|, so f errs by ~ε·‖r‖·‖y − b‖ (Parseval), well above ε·f when f ≪ ‖y‖².
  const slack = 16 * Number.EPSILON * (Math.sqrt(2 * fHat * model.dataNorm2) + fHat);
  for (let trial = 0; trial < rule.maxTrials; trial++) {
    stats.view.fill(0);
    for (let i = 0; i < model.x.length; i++) {
      const x = model.x[i];
      k.inertialProxStep(
        model.xNext[i].ptr, x.ptr, inertial ? model.xOld[i].ptr : x.ptr, model.g[i].ptr, beta, t, t * lambda, x.length, stats.ptr,
      );
    }
    for (let i = 0; i < model.x.length; i++) geometry.forward(model.XNext[i].ptr, model.xNext[i].ptr);
    let fit = 0;
    for (let j = 0; j < signals; j++) fit += model.residual(j, nextTerms(j));
    model.evaluations.cost++;
    const [gd, dd, l1, dx] = stats.view;
    const excess = fit - fHat - gd; // ½‖Σ a_k ⊛ d_k‖²
    const local = excess > 0 ? dd / (2 * excess) : Infinity;
    if (dd === 0 || fit <= fHat + gd + dd / (2 * t) + slack) {
      step.t = t;
      step.next = Math.min(rule.growth * t, Math.max(t, 0.95 * local));
      model.commitActivation();
      return { fit, l1, mapping: Math.sqrt(dd) / t, change: Math.sqrt(dx) };
    }
    t = Math.min(0.95 * t, Math.max(t / 10, 0.95 * local));
  }
  return null;
}
