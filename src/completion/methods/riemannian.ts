// Method "riemannian": the trust-region method (or Riemannian gradient descent) of the optimization
// core on the factor space ℝ^{m×r} × ℝ^{n×r} of the matrix completion cost.
import { gradientDescent } from "../../solvers/gradient-descent.js";
import { trustRegions } from "../../solvers/trust-regions.js";
import type { ObservedMatrix } from "../observed-matrix.js";
import { samplingRate, fitFactors, initialStep, type FactorFit } from "./fit.js";
import type { GdRun } from "./gd.js";

/** The solvers of method "riemannian". */
export const RIEMANNIAN_SOLVERS = ["trust-regions", "gradient-descent"] as const;

/** What {@link completeRiemannian} is given: a factor run, the balancing weight and the solver. */
export interface RiemannianRun extends GdRun {
  /**
   * The Riemannian trust-region method (second order, uses the Hessian-vector product) or
   * Riemannian gradient descent.
   */
  solver: (typeof RIEMANNIAN_SOLVERS)[number];
}

/**
 * Matrix completion by the optimization core's solvers on the factor manifold
 * ℝ^{m×r} × ℝ^{n×r} (the Euclidean product; points [U, V]) with the cost
 * F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F) + (β/8)‖UᵀU − VᵀV‖²_F
 * (`matrixCompletion`): `trustRegions` (Absil, Baker & Gallivan 2007; truncated CG on the exact
 * Hessian-vector product, superlinear local convergence, second-order escape of saddles), or
 * `gradientDescent` (first trial step from the curvature estimate, as method "gd"), with the
 * common options passed through (`maxIterations` default 1000, `gradientTolerance` on ‖∇F‖_F).
 *
 * Geometry. No quotient manifold: on the Euclidean product the Riemannian and Euclidean
 * derivatives coincide. The balancing term plays the part of the quotient by GL(r) (the
 * "balanced" geometry): it removes the flat directions (U, V) → (UG, VG⁻ᵀ) of the λ = 0 cost
 * except the rotations G ∈ O(r), which leaves the Hessian at the solution better conditioned.
 * Measured on 500×500, rank 5, 20% observed, from a spectral start: both weights reach relative
 * error 1e-6 in 4 outer iterations (≈ 25 Hessian-vector products), but driving the gradient
 * to 1e-9 took 5 iterations and ≈ 80 products with β = p against 13 and ≈ 360 with β = 0 (the
 * flat directions stall truncated CG near the solution) — hence the default β = p.
 *
 * The problem's wasm memory is freed when the run ends, also on throw or abort.
 *
 * Everything is validated by `completeMatrix`, which runs it on the shared observations.
 */
export async function completeRiemannian(matrix: ObservedMatrix, run: RiemannianRun): Promise<FactorFit> {
  const { rank, lambda, balance, start, solverOptions, solver } = run;
  return fitFactors(matrix, { rank, lambda, balance }, (problem) =>
    solver === "trust-regions"
      ? trustRegions(problem, start, solverOptions)
      : gradientDescent(problem, start, { ...solverOptions, initialStepSize: initialStep(samplingRate(matrix), problem, start) }));
}
