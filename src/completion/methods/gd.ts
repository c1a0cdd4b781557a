// Method "gd": gradient descent on the factors (U, V) of the matrix completion cost, with the
// optional balancing term.
import { gradientDescent } from "../../solvers/gradient-descent.js";
import type { FactorPoint } from "../../problems/matrix-completion.js";
import { checkFinite } from "../../validate.js";
import type { Observed } from "../observed.js";
import { fitFactors, resolveFactorOptions, type FactorFit, type FactorMethodOptions } from "./fit.js";

/** Options of {@link completeGd}. */
export interface GdCompletionOptions extends FactorMethodOptions {
  /**
   * β ≥ 0, the weight of the balancing term (β/8)‖UᵀU − VᵀV‖²_F (see `matrixCompletion`); 0 turns
   * it off. The default p = |Ω|/(mn) matches the term to the sampled data term ≈ p·½‖UVᵀ − Y‖².
   * @defaultValue |Ω|/(m·n), the sampling rate
   */
  balance?: number;
}

/** ‖A‖²_F. */
function squaredNorm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/**
 * The first trial step 1/L̂ of the line search, from an upper estimate of the curvature of F at
 * the start: the data term's Hessian is about p·(‖U‖²₂ + ‖V‖²₂) on incoherent data (p the
 * sampling rate), the ridge adds λ and the balancing term about (β/2)(‖U‖²₂ + ‖V‖²₂); Frobenius
 * norms bound the spectral ones, so 1/L̂ errs on the short side and the step memory of
 * `gradientDescent` doubles it while it is accepted at once. Without a scale (zero start, λ = 0),
 * 1.
 */
function initialStep(start: FactorPoint, p: number, lambda: number, balance: number): number {
  const s = squaredNorm(start[0].data) + squaredNorm(start[1].data);
  const L = (p + balance / 2) * s + lambda;
  return L > 0 && Number.isFinite(1 / L) ? 1 / L : 1;
}

/**
 * Matrix completion by gradient descent on the factors: min over U (m×r), V (n×r) of
 * F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F) + (β/8)‖UᵀU − VᵀV‖²_F (see
 * `matrixCompletion`), by the library's `gradientDescent` (Armijo backtracking with step-size
 * memory), started at (U0, V0) with a first trial step from the curvature estimate
 * p·(‖U0‖²_F + ‖V0‖²_F) + λ. From a spectral start, gradient descent on the factored problem
 * converges linearly to the low-rank matrix under incoherence and enough samples (Sun & Luo,
 * "Guaranteed matrix completion via non-convex factorization", 2016; Zheng & Lafferty 2016;
 * Ma, Wang, Chi & Chen, "Implicit regularization in nonconvex statistical estimation", 2020).
 *
 * The balancing term: GD's iterates keep UᵀU − VᵀV nearly constant when λ = 0 (it is conserved
 * by the gradient flow of the data term), so a balanced (spectral) start stays balanced; the term
 * guards unbalanced starts and removes the GL(r) flat directions up to rotations. See
 * `balance` for its default.
 *
 * The problem's wasm memory is freed when the run ends, also on throw or abort. The common
 * options (`maxIterations` default 1000, `maxTime`, `gradientTolerance` on ‖∇F‖_F, `onIteration`
 * with points [U, V], `signal`, `seed`, `yieldInterval`) pass through to `gradientDescent`.
 *
 * @throws TypeError / RangeError for bad observed entries, options or start factors, before any work.
 */
export async function completeGd(observed: Observed, options: GdCompletionOptions): Promise<FactorFit> {
  const { observed: obs, rank, lambda, start, solverOptions } = resolveFactorOptions(observed, options, ["balance"]);
  // The sampling rate (an invalid `observed` is rejected by matrixCompletion, before any work).
  const p = (ArrayBuffer.isView(obs.value) ? obs.value.length : 0) / (obs.rows * obs.cols);
  const balance = checkFinite("balance", options.balance ?? p, 0);
  return fitFactors(obs, { rank, lambda, balance }, (problem) =>
    gradientDescent(problem, start, { ...solverOptions, initialStepSize: initialStep(start, p, lambda, balance) }));
}
