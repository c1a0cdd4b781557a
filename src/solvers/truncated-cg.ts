// truncatedCG: the Steihaug–Toint truncated conjugate gradient method for the trust-region subproblem.
import type { Manifold } from "../manifolds/manifold.js";

/** Why {@link truncatedCG} stopped. */
export type TruncatedCGExit =
  /** ⟨δ, H[δ]⟩ ≤ 0: the step went to the boundary along the direction of nonpositive curvature δ. */
  | "negative-curvature"
  /** The next CG iterate would have left the trust region: the step stops on the boundary. */
  | "boundary"
  /** ‖r‖ ≤ ‖r₀‖·min(‖r₀‖^θ, κ): the model's critical point is approximated well enough. */
  | "residual"
  /** The inner iteration cap was reached. */
  | "max-iterations"
  /** The next CG step would not decrease the model (lost descent through rounding): the previous iterate is kept. */
  | "model-increased";

/** The inner solver's parameters (validated by the caller). */
export interface TruncatedCGOptions {
  /** κ in the residual test ‖r‖ ≤ ‖r₀‖·min(‖r₀‖^θ, κ) (linear convergence factor), in (0, 1). */
  kappa: number;
  /** θ in the residual test (the local convergence order of RTR is min(1 + θ, 2)), ≥ 0. */
  theta: number;
  /** The maximum number of CG iterations (Hessian-vector products), ≥ 1. */
  maxIterations: number;
}

/** The approximate minimizer η of the model and what it cost. */
export interface TruncatedCGResult<P> {
  /** The step η (tangent at x), ‖η‖ ≤ radius up to rounding. */
  eta: P;
  /** H[η], accumulated alongside η (no extra Hessian-vector product), for the predicted decrease. */
  hessEta: P;
  /** ‖η‖. */
  norm: number;
  /** True when η lies on the trust-region boundary (negative-curvature and boundary exits). */
  boundary: boolean;
  exit: TruncatedCGExit;
  /** The number of CG iterations (= Hessian-vector products) performed. */
  iterations: number;
}

/**
 * Approximately minimizes the quadratic model m(η) = ⟨g, η⟩ + ½⟨η, H[η]⟩ over the tangent
 * vectors at x with ‖η‖ ≤ radius, by conjugate gradients started at η = 0 (Steihaug 1983; Toint
 * 1981; Absil, Baker & Gallivan, "Trust-region methods on Riemannian manifolds", FoCM 2007,
 * Algorithm 2; Boumal 2023, §6.5). The iterates' norms grow monotonically, so CG stops:
 * - on negative curvature ⟨δ, H[δ]⟩ ≤ 0, moving along δ to the boundary (the model decreases there);
 * - when the next iterate would leave the trust region, stopping on the boundary instead;
 * - when the residual r = g + H[η] satisfies ‖r‖ ≤ ‖r₀‖·min(‖r₀‖^θ, κ), which gives RTR local
 *   convergence of order min(1 + θ, 2) (ABG 2007, Theorem 4.13);
 * - after `maxIterations` steps, or when the next step would not decrease the model (only through
 *   rounding; Manopt's `tCG.m` has the same safeguard and keeps the previous iterate).
 * ‖η‖² and ⟨η, δ⟩ are updated by recurrences (ABG 2007, eq. (17)); the gradient and each search
 * direction are re-projected onto the tangent space so rounding does not drift out of it.
 * With g = 0 the method cannot move (η = 0 is the only Krylov iterate): it returns η = 0 with
 * exit "residual"; the caller handles negative curvature at such points separately.
 *
 * @param manifold the manifold; all vectors are tangent at x with its metric.
 * @param x the point whose tangent space the model lives in.
 * @param grad the Riemannian gradient g at x.
 * @param hessVec u ↦ H[u], the (self-adjoint) Riemannian Hessian at x.
 * @param radius the trust-region radius Δ > 0.
 * @param options κ, θ and the iteration cap.
 * @param checkpoint awaited before every Hessian-vector product (the caller yields there, and
 *   stops the solve by throwing).
 */
export async function truncatedCG<P>(
  manifold: Manifold<P>,
  x: P,
  grad: P,
  hessVec: (u: P) => P,
  radius: number,
  options: TruncatedCGOptions,
  checkpoint: () => Promise<void> = () => Promise.resolve(),
): Promise<TruncatedCGResult<P>> {
  const M = manifold;
  const radius2 = radius * radius;
  let eta = M.zeroTangent(x);
  let hessEta = M.zeroTangent(x);
  // g is tangent only up to the rounding of its ambient computation (relative to ‖∇f̄‖, not to ‖g‖):
  // near a critical point that normal part can rival g itself, and the Riemannian Hessian (e.g. the
  // sphere's −⟨x, ∇f̄⟩·u term) would turn it into spurious negative curvature. Project it away.
  let r = M.proj(x, grad);
  let rr = M.inner(x, r, r);
  const r0 = Math.sqrt(rr);
  const target = r0 * Math.min(r0 ** options.theta, options.kappa);
  let delta = M.lincomb(x, -1, r);
  let etaEta = 0; // ‖η‖² (by recurrence)
  let etaDelta = 0; // ⟨η, δ⟩
  let deltaDelta = rr; // ‖δ‖²
  const result = (exit: TruncatedCGExit, iterations: number): TruncatedCGResult<P> => ({
    eta, hessEta, norm: M.norm(x, eta), boundary: exit === "negative-curvature" || exit === "boundary", exit, iterations,
  });
  if (r0 === 0) return result("residual", 0);
  for (let j = 1; j <= options.maxIterations; j++) {
    await checkpoint();
    const hessDelta = hessVec(delta);
    const curvature = M.inner(x, delta, hessDelta);
    const alpha = rr / curvature;
    const nextEtaEta = etaEta + 2 * alpha * etaDelta + alpha * alpha * deltaDelta;
    if (curvature <= 0 || nextEtaEta >= radius2) {
      // τ ≥ 0 with ‖η + τδ‖ = Δ (the positive root; Δ² − ‖η‖² ≥ 0 as η is inside, up to rounding).
      const room = Math.max(0, radius2 - etaEta);
      const tau = (-etaDelta + Math.sqrt(etaDelta * etaDelta + deltaDelta * room)) / deltaDelta;
      eta = M.lincomb(x, 1, eta, tau, delta);
      hessEta = M.lincomb(x, 1, hessEta, tau, hessDelta);
      return result(curvature <= 0 ? "negative-curvature" : "boundary", j);
    }
    // m(η + αδ) − m(η) = α⟨r, δ⟩ + ½α²⟨δ, H[δ]⟩ (= −½α‖r‖² in exact arithmetic), computed from
    // these small terms rather than as a difference of model values, which cancels to noise once
    // the decrease is below ε·|m(η)| and would cap the accuracy of η at √ε.
    if (!(alpha * M.inner(x, r, delta) + 0.5 * alpha * alpha * curvature < 0)) return result("model-increased", j);
    eta = M.lincomb(x, 1, eta, alpha, delta);
    hessEta = M.lincomb(x, 1, hessEta, alpha, hessDelta);
    etaEta = nextEtaEta;
    r = M.lincomb(x, 1, r, alpha, hessDelta);
    const rrOld = rr;
    rr = M.inner(x, r, r);
    if (Math.sqrt(rr) <= target) return result("residual", j);
    const beta = rr / rrOld;
    delta = M.proj(x, M.lincomb(x, -1, r, beta, delta));
    etaDelta = beta * (etaDelta + alpha * deltaDelta);
    deltaDelta = rr + beta * beta * deltaDelta;
  }
  return result("max-iterations", options.maxIterations);
}
