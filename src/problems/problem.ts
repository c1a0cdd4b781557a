// The Problem<P> type (a cost on a manifold with its Euclidean derivatives) and its Riemannian derivatives.
import type { Manifold } from "../manifolds/manifold.js";
import type { PointCache } from "./cache.js";

/**
 * An optimization problem min f(x) over a manifold, given by a smooth extension f̄ of f to the
 * ambient space: its value, its Euclidean gradient ∇f̄(x), and optionally its Euclidean
 * Hessian-vector product ∇²f̄(x)[u]. The Riemannian gradient and Hessian follow from the manifold
 * (see {@link riemannianGradient}, {@link riemannianHessianVec}).
 *
 * Plain data: the problem itself caches nothing. Solvers wrap it in a {@link PointCache}, which
 * evaluates each quantity once per point; a problem whose cost and gradient share an expensive
 * intermediate (a residual) should also supply `costAndGrad`, so that one evaluation yields both.
 */
export interface Problem<P> {
  /** The search space. */
  readonly manifold: Manifold<P>;
  /** The cost f(x). */
  cost(x: P): number;
  /** The Euclidean gradient ∇f̄(x) of a smooth extension f̄ (an ambient vector). */
  egrad(x: P): P;
  /**
   * The cost and the Euclidean gradient together (optional): for problems where both come from a
   * shared intermediate. Must agree with `cost` and `egrad`.
   */
  costAndGrad?(x: P): { cost: number; egrad: P };
  /** The Euclidean Hessian-vector product ∇²f̄(x)[u] (optional). */
  ehessVec?(x: P, u: P): P;
}

/** The Riemannian gradient grad f(x) = manifold.egradToRgrad(x, ∇f̄(x)). */
export function riemannianGradient<P>(problem: Problem<P>, x: P): P {
  return problem.manifold.egradToRgrad(x, problem.egrad(x));
}

/**
 * The Riemannian Hessian-vector product Hess f(x)[u] =
 * manifold.ehessToRhess(x, ∇f̄(x), ∇²f̄(x)[u], u), for a tangent vector u at x.
 *
 * @throws Error if the problem has no `ehessVec`.
 */
export function riemannianHessianVec<P>(problem: Problem<P>, x: P, u: P): P {
  if (typeof problem.ehessVec !== "function") {
    throw new Error("riemannianHessianVec: the problem has no ehessVec (Euclidean Hessian-vector product)");
  }
  return problem.manifold.ehessToRhess(x, problem.egrad(x), problem.ehessVec(x, u), u);
}
