// Method "riemannian": the trust-region method (or Riemannian gradient descent) of the optimization
// core on the factor space ℝ^{m×r} × ℝ^{n×r} of the matrix completion cost.
import { gradientDescent } from "../../solvers/gradient-descent.js";
import { trustRegions } from "../../solvers/trust-regions.js";
import { checkChoice } from "../../validate.js";
import type { Observed } from "../observed.js";
import { fitFactors, resolveFactorOptions, type FactorFit, type FactorMethodOptions } from "./fit.js";

/** Options of {@link completeRiemannian}. */
export interface RiemannianCompletionOptions extends FactorMethodOptions {
  /**
   * The solver: the Riemannian trust-region method (second order, uses the Hessian-vector
   * product) or Riemannian gradient descent.
   * @defaultValue "trust-regions"
   */
  solver?: "trust-regions" | "gradient-descent";
}

/**
 * Matrix completion by the optimization core's solvers on the factor manifold
 * ℝ^{m×r} × ℝ^{n×r} (the Euclidean product; points [U, V]) with the cost
 * F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F) (`matrixCompletion`, no balancing term):
 * `trustRegions` (Absil, Baker & Gallivan 2007, truncated CG on the exact Hessian-vector product,
 * superlinear local convergence; the flat GL(r) directions of the λ = 0 cost are harmless to
 * truncated CG, whose iterates stay in the range of the Hessian), or `gradientDescent`, with
 * each solver's defaults and the common options passed through (`maxIterations` default 1000).
 * No quotient geometry is used: on the Euclidean product the Riemannian and Euclidean
 * derivatives coincide. The problem's wasm memory is freed when the run ends, also on throw or
 * abort.
 *
 * @throws TypeError / RangeError for bad observed entries, options or start factors, before any work.
 */
export async function completeRiemannian(observed: Observed, options: RiemannianCompletionOptions): Promise<FactorFit> {
  const { observed: obs, rank, lambda, start, solverOptions } = resolveFactorOptions(observed, options, ["solver"]);
  const solver = checkChoice("solver", options.solver ?? "trust-regions", ["trust-regions", "gradient-descent"] as const);
  return fitFactors(obs, { rank, lambda }, (problem) =>
    solver === "trust-regions" ? trustRegions(problem, start, solverOptions) : gradientDescent(problem, start, solverOptions));
}
