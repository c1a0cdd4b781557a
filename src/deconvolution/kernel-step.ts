// The kernel update of iADM: an inertial Riemannian gradient step on the sphere with an Armijo
// search whose trial costs come from a Gram matrix, with no transform per trial.
import type { ConvolutionalModel } from "./model.js";
import { geodesicExtrapolation } from "./sphere-extrapolation.js";
import type { Term } from "./spectra.js";

/** The Armijo search of the kernel step. */
export interface ArmijoRule {
  /** Sufficient decrease constant c ∈ (0, 1): accept f(τ) ≤ f(0) − c·τ·‖grad‖². */
  readonly decrease: number;
  /** At most this many halvings of τ; then the step is τ = 0 (ẑ itself). */
  readonly maxHalvings: number;
}

/** What the kernel step reports. */
export interface KernelStep {
  /** f at the new kernels (the Gram-matrix value, exact to rounding). */
  readonly fit: number;
  /** ‖grad f(ẑ)‖, the Riemannian gradient at the extrapolated kernels (all kernels). */
  readonly gradientNorm: number;
  /** ‖a⁺ − a‖ (all kernels). */
  readonly change: number;
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}

/**
 * One inertial Riemannian gradient step on the kernels (each on its unit sphere) with the
 * activations and bias fixed (Lau et al. 2020, Alg. 1, a-update), for f(a) = ½Σ_j‖M_j(Σ_k a_k ⊛ x_jk + b_j − y_j)‖²:
 * 1. ẑ_k = the geodesic extrapolation of (a_k^old, a_k) by β ({@link geodesicExtrapolation}),
 *    its spectrum c1·A_k + c2·A_k^old formed inside the residual pass;
 * 2. the Euclidean gradient of f at ẑ restricted to the window, ∇_k = P_window(Σ_j x_jk ⋆ r_j) (one
 *    inverse transform of Σ_j conj(X_jk)·R_j per kernel, only the window's rows in 2-D), its tangent
 *    part grad_k = ∇_k − ⟨ẑ_k, ∇_k⟩ẑ_k and the spectrum S_k of grad_k (one forward transform);
 * 3. the retraction a_k(τ) = (ẑ_k − τ·grad_k)/s_k, s_k = ‖ẑ_k − τ·grad_k‖, with τ by Armijo
 *    backtracking (halving) from τ₀ = ‖grad‖²/‖Σ_k grad_k ⊛ x_k‖², the minimizer of f along the
 *    tangent line. The residual at a(τ) is R(τ) = R₀ + Σ_k (1/s_k − 1)·U_k − τ·Σ_k V_k/s_k with
 *    R₀ = Σ_k U_k − Yb the residual at ẑ, U_k = Ẑ_k·X_k and V_k = S_k·X_k, so
 *    f(τ) = ½·cᵀΓc for the Gram matrix Γ of (R₀, U_1…U_K, V_1…V_K) and c = (1, 1/s_k − 1, −τ/s_k)
 *    (one kernel: of (R₀, Yb, V), as U = R₀ + Yb): one pass over the spectra, then every trial is
 *    free. (The coefficients of all but R₀ are small for small τ, so f(τ) is as accurate as f(ẑ):
 *    a Gram matrix of (U, V, Yb) would lose ‖y‖²/f digits to cancellation, enough to blur the
 *    last steps of a solve.)
 * 4. the new spectra (c1·A_k + c2·A_k^old − τ·S_k)/s_k, the new windows likewise; committed.
 * Three passes over the spectra and two transforms per kernel in all.
 */
export function kernelStep(model: ConvolutionalModel, beta: number, rule: ArmijoRule): KernelStep {
  const { ops, count, signals } = model;
  const z: Float64Array[] = [];
  const coefs: { c1: number; c2: number }[] = [];
  for (let k = 0; k < count; k++) {
    const c = geodesicExtrapolation(model.a[k], model.aOld[k], beta);
    coefs.push(c);
    const a = model.a[k], aOld = model.aOld[k];
    const zk = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) zk[i] = c.c1 * a[i] + c.c2 * aOld[i];
    z.push(zk);
  }
  /** The terms Ẑ_k·X_jk of signal j, Ẑ_k = c1·A_k + c2·A_k^old (scaled by `scale[k]`). */
  const termsAt = (j: number, scale?: readonly number[]): Term[] => coefs.map(({ c1, c2 }, k) => {
    const s = scale?.[k] ?? 1;
    const v = model.X[model.at(j, k)].ptr;
    return c2 !== 0 ? { u: model.A[k].ptr, u2: model.AOld[k].ptr, v, c1: s * c1, c2: s * c2 } : { u: model.A[k].ptr, v, c1: s * c1 };
  });
  let f0 = 0;
  for (let j = 0; j < signals; j++) f0 += model.residual(j, termsAt(j), undefined, model.R[j].ptr);
  model.evaluations.cost++;
  model.evaluations.gradient++;
  const grads: Float64Array[] = [];
  const gg: number[] = [], zg: number[] = [], zz: number[] = [];
  let gnorm2 = 0;
  for (let k = 0; k < count; k++) {
    // The gradient spectrum Σ_j conj(X_jk)·R_j, in G of activation (0, k).
    const G = model.G[model.at(0, k)].ptr;
    for (let j = 0; j < signals; j++) ops.product(G, model.X[model.at(j, k)].ptr, model.R[j].ptr, true, j > 0);
    const g = new Float64Array(z[k].length);
    model.windowOfSpectrum(g, G);
    const zk = z[k];
    const proj = dot(zk, g) / dot(zk, zk);
    for (let i = 0; i < g.length; i++) g[i] -= proj * zk[i];
    model.spectrumOfWindow(model.S[k].ptr, g);
    grads.push(g);
    gg.push(dot(g, g));
    zg.push(dot(zk, g));
    zz.push(dot(zk, zk));
    gnorm2 += gg[k];
  }
  const norms = (tau: number): number[] => zz.map((v, k) => Math.sqrt(v - 2 * tau * zg[k] + tau * tau * gg[k]));
  const search = model.masked ? maskedSearch(model, termsAt, norms) : gramSearch(model, termsAt, norms);
  let tau = gnorm2 > 0 && search.curvature > 0 ? gnorm2 / search.curvature : 0;
  let fit = f0;
  if (tau > 0) {
    let accepted = false;
    for (let h = 0; h <= rule.maxHalvings; h++, tau /= 2) {
      model.evaluations.cost++;
      fit = search.fitAt(tau);
      if (fit <= f0 - rule.decrease * tau * gnorm2) {
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      tau = 0;
      fit = search.fitAt(0);
    }
  } else {
    fit = search.fitAt(0);
  }
  const next: Float64Array[] = [];
  let change2 = 0;
  for (let k = 0; k < count; k++) {
    // Normalized by the computed norm, so that ‖a⁺_k‖ = 1 to rounding whatever τ.
    const w = new Float64Array(z[k].length);
    for (let i = 0; i < w.length; i++) w[i] = z[k][i] - tau * grads[k][i];
    const s = Math.sqrt(dot(w, w));
    for (let i = 0; i < w.length; i++) {
      w[i] /= s;
      change2 += (w[i] - model.a[k][i]) ** 2;
    }
    next.push(w);
    const { c1, c2 } = coefs[k];
    const A = model.A[k].ptr, AOld = model.AOld[k].ptr;
    ops.combine(AOld, c1 / s, A, c2 / s, c2 !== 0 ? AOld : 0, -tau / s, model.S[k].ptr);
  }
  model.commitKernels(next);
  return { fit, gradientNorm: Math.sqrt(gnorm2), change: Math.sqrt(change2) };
}

/** The data fit along the retraction, f(τ), and the curvature ‖Σ_k grad_k ⊛ x_k‖² of its first trial. */
interface LineSearch {
  readonly curvature: number;
  fitAt(tau: number): number;
}

type TermsAt = (j: number, scale?: readonly number[]) => Term[];

/**
 * No mask: f(τ) = ½·cᵀ(Σ_j Γ_j)c from the Gram matrices Γ_j of (R_j, U_j1…U_jK, V_j1…V_jK)
 * (one kernel: (R_j, Yb_j, V_j)), one pass over the spectra per signal, then every trial free.
 */
function gramSearch(model: ConvolutionalModel, termsAt: TermsAt, norms: (tau: number) => number[]): LineSearch {
  const { ops, count, signals } = model;
  const single = count === 1;
  const n = 2 * count + 1;
  const gram = new Float64Array(n * n);
  for (let j = 0; j < signals; j++) {
    const V = model.S.map((S, k) => ({ u: S.ptr, v: model.X[model.at(j, k)].ptr }));
    const gramTerms: Term[] = single ? [{ u: model.R[j].ptr }, { u: model.Yb[j].ptr }, V[0]] : [{ u: model.R[j].ptr }, ...termsAt(j), ...V];
    const g = ops.gram(gramTerms);
    for (let i = 0; i < n * n; i++) gram[i] += g[i];
  }
  let curvature = 0;
  for (let j = 1 + count; j < n; j++) for (let l = 1 + count; l < n; l++) curvature += gram[j * n + l];
  const c = new Float64Array(n);
  return {
    curvature,
    fitAt(tau) {
      const s = norms(tau);
      if (single) {
        c[0] = 1 / s[0];
        c[1] = 1 / s[0] - 1;
        c[2] = -tau / s[0];
      } else {
        c[0] = 1;
        for (let k = 0; k < count; k++) {
          c[1 + k] = 1 / s[k] - 1;
          c[1 + count + k] = -tau / s[k];
        }
      }
      let f = 0;
      for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) f += c[j] * c[l] * gram[j * n + l];
      return 0.5 * f;
    },
  };
}

/**
 * With masks: each trial evaluates f(τ) = ½Σ_j‖M_j(Σ_k (Ẑ_k − τS_k)/s_k·X_jk − Yb_j)‖² directly
 * (one inverse transform per signal); the first trial's curvature ‖M(Σ_k grad_k ⊛ x_jk)‖² takes
 * one more evaluation.
 */
function maskedSearch(model: ConvolutionalModel, termsAt: TermsAt, norms: (tau: number) => number[]): LineSearch {
  const { count, signals } = model;
  const direction = (j: number, weights: readonly number[]): Term[] =>
    model.S.map((S, k) => ({ u: S.ptr, v: model.X[model.at(j, k)].ptr, c1: weights[k] }));
  const fitOf = (scale: readonly number[], weights: readonly number[], withData: boolean): number => {
    let f = 0;
    for (let j = 0; j < signals; j++) {
      const terms = [...(withData ? termsAt(j, scale) : []), ...direction(j, weights)];
      if (!withData) {
        // ½‖M Σ_k S_k X_jk‖²: the data enters as a zero term's residual against −Yb, removed by
        // adding Yb back as a term.
        terms.push({ u: model.Yb[j].ptr });
      }
      f += model.residual(j, terms);
    }
    return f;
  };
  const ones = new Array<number>(count).fill(1);
  return {
    curvature: 2 * fitOf(ones, ones, false),
    fitAt(tau) {
      const s = norms(tau);
      return fitOf(s.map((v) => 1 / v), s.map((v) => -tau / v), true);
    },
  };
}
