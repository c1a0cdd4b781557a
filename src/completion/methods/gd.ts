// Method "gd": gradient descent on the factors (U, V) of the matrix completion cost, with the
// optional balancing term.
import { gradientDescent } from "../../solvers/gradient-descent.js";
import type { ObservedMatrix } from "../observed-matrix.js";
import { samplingRate, fitFactors, initialStep, type FactorFit, type FactorRun } from "./fit.js";

/** What {@link completeGd} is given: a factor run and the balancing weight. */
export interface GdRun extends FactorRun {
  /**
   * β ≥ 0, the weight of the balancing term (β/8)‖UᵀU − VᵀV‖²_F (see `matrixCompletion`); 0 turns
   * it off. `completeMatrix`'s default p = |Ω|/(mn) matches the term to the sampled data term
   * ≈ p·½‖UVᵀ − Y‖².
   */
  balance: number;
}

/**
 * Matrix completion by gradient descent on the factors: min over U (m×r), V (n×r) of
 * F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F) + (β/8)‖UᵀU − VᵀV‖²_F (see
 * `matrixCompletion`), by the library's `gradientDescent` (Armijo backtracking with step-size
 * memory), started at (U0, V0) with a first trial step 1/L̂ from the curvature estimate
 * L̂ = (p + β/2)(‖U0‖²_F + ‖V0‖²_F) + λ (see `initialStep`). From a spectral start, gradient
 * descent on the factored problem converges linearly to the low-rank matrix under incoherence
 * and enough samples (Sun & Luo,
 * "Guaranteed matrix completion via non-convex factorization", 2016; Zheng & Lafferty 2016;
 * Ma, Wang, Chi & Chen, "Implicit regularization in nonconvex statistical estimation", 2020).
 *
 * The balancing term: the gradient flow of the data term conserves UᵀU − VᵀV, so without the
 * term GD keeps whatever imbalance it starts with, and an unbalanced start crawls (tested: from
 * (5·U0, V0/5) on 100×80, rank 3, 35% observed, β = p converges in ≈ 200 iterations while β = 0
 * is still at relative error > 1e-3 after 1000); from a balanced spectral start β = p also took
 * fewer iterations than β = 0 or β = 1 in our runs (100×80: ≈ 60 vs 90 vs 180). Hence the default
 * β = p; `balance: 0` gives plain GD on the objective.
 *
 * The problem's wasm memory is freed when the run ends, also on throw or abort. The common
 * options (`maxIterations` default 1000, `maxTime`, `gradientTolerance` on ‖∇F‖_F, `onIteration`
 * with points [U, V], `signal`, `seed`, `yieldInterval`) pass through to `gradientDescent`.
 *
 * Everything is validated by `completeMatrix`, which runs it on the shared observations.
 */
export async function completeGd(matrix: ObservedMatrix, run: GdRun): Promise<FactorFit> {
  const { rank, lambda, balance, start, solverOptions } = run;
  return fitFactors(matrix, { rank, lambda, balance }, (problem) =>
    gradientDescent(problem, start, { ...solverOptions, initialStepSize: initialStep(samplingRate(matrix), problem, start) }));
}
