// Second-order checks shared by the saddle-escaping solvers: the most negative curvature at a point.
import type { Rng } from "../data/rng.js";
import { lanczosInterruptible } from "../landscape/lanczos.js";
import type { PointCache } from "../problems/cache.js";
import { checkBoolean, checkFinite, checkInteger } from "../validate.js";

/** Options of the saddle-escaping solvers (trust regions, curvilinear search, perturbed GD). */
export interface SecondOrderOptions {
  /**
   * Only stop at a point with ‖grad‖ ≤ gradientTolerance if it is also second-order stationary:
   * λ_min(Hess f(x)) ≥ −curvatureTolerance (estimated by Lanczos). Otherwise the solver escapes
   * along the negative-curvature direction. With false, a first-order point stops the run.
   * @defaultValue true
   */
  secondOrder?: boolean;
  /**
   * Curvature below −curvatureTolerance counts as negative.
   * @defaultValue 1e-6
   */
  curvatureTolerance?: number;
  /**
   * Lanczos steps per curvature estimate (capped at the manifold dimension).
   * @defaultValue 30
   */
  lanczosSteps?: number;
}

export const SECOND_ORDER_KEYS = ["secondOrder", "curvatureTolerance", "lanczosSteps"] as const;

export interface ResolvedSecondOrder {
  secondOrder: boolean;
  curvatureTolerance: number;
  lanczosSteps: number;
}

export function resolveSecondOrder(options: SecondOrderOptions): ResolvedSecondOrder {
  return {
    secondOrder: checkBoolean("secondOrder", options.secondOrder ?? true),
    curvatureTolerance: checkFinite("curvatureTolerance", options.curvatureTolerance ?? 1e-6, 0),
    lanczosSteps: checkInteger("lanczosSteps", options.lanczosSteps ?? 30, 1),
  };
}

/** A unit tangent direction d at x with ⟨d, Hess f(x)[d]⟩ = curvature < 0. */
export interface NegativeCurvature<P> {
  direction: P;
  curvature: number;
}

/**
 * The most negative curvature direction of the Riemannian Hessian at x found by `steps` Lanczos
 * steps from a random start, or undefined when the smallest Ritz value is ≥ −tolerance (x is then
 * approximately second-order stationary, as far as the Krylov space can tell: a random start
 * has a nonzero component along the bottom eigenvector almost surely, and Lanczos converges to
 * the extreme eigenvalues first). Returns undefined also on a 0-dimensional manifold. Awaits
 * `checkpoint` after every Lanczos step (Hessian-vector product).
 *
 * @throws Error if the problem has no `ehessVec`; whatever `checkpoint` and the cache throw.
 */
export async function negativeCurvature<P>(
  cache: PointCache<P>,
  x: P,
  steps: number,
  tolerance: number,
  rng: Rng,
  checkpoint: () => Promise<void>,
): Promise<NegativeCurvature<P> | undefined> {
  const M = cache.problem.manifold;
  if (M.dimension === 0) return undefined;
  const { smallest } = await lanczosInterruptible(M, x, (u) => cache.hessVec(x, u), { steps, rng }, checkpoint);
  return smallest.value < -tolerance ? { direction: smallest.vector, curvature: smallest.value } : undefined;
}
