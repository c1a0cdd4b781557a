// The Problem<P> type (a cost on a manifold with its Euclidean derivatives) and its Riemannian derivatives.
import { checkLike, type Manifold } from "../manifolds/manifold.js";
import { checkProblem, type PointCache } from "./cache.js";
import { describe } from "../validate.js";

/**
 * An optimization problem min f(x) over a manifold, given by a smooth extension f̄ of f to the
 * ambient space: its value, its Euclidean gradient ∇f̄(x), and optionally its Euclidean
 * Hessian-vector product ∇²f̄(x)[u]. The Riemannian gradient and Hessian follow from the manifold
 * (see {@link riemannianGradient}, {@link riemannianHessianVec}).
 *
 * Plain data: the problem itself caches nothing. Solvers wrap it in a {@link PointCache}, which
 * evaluates each quantity once per point; a problem whose cost and gradient share an expensive
 * intermediate (a residual) should also supply `costAndGrad`, so that one evaluation yields both.
 * A problem with large constant data (a matrix) may supply `retain`, so that a solve does not copy
 * that data into wasm memory on every evaluation.
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
  /**
   * Keeps the problem's constant data in wasm memory until the returned function is called
   * (optional); solvers call it for the duration of a solve. Calls nest (the data is freed when
   * every returned function was called; calling one twice is a no-op). Evaluations give the same
   * values, to rounding, retained or not; a problem not retained holds no wasm memory.
   */
  retain?(): () => void;
}

/**
 * Retains `problem` (see {@link Problem.retain}) and returns the release function (a no-op for a
 * problem without `retain`). Use as `const release = retainProblem(p); try { … } finally { release(); }`.
 */
export function retainProblem<P>(problem: Problem<P>): () => void {
  checkProblem("problem", problem);
  if (problem.retain === undefined) return noRelease;
  const release: unknown = problem.retain();
  if (typeof release !== "function") {
    throw new TypeError(`invalid problem.retain: expected it to return a release function, got ${describe(release)}`);
  }
  return release as () => void;
}

function noRelease(): void {}

/** The Riemannian gradient grad f(x) = manifold.egradToRgrad(x, ∇f̄(x)). */
export function riemannianGradient<P>(problem: Problem<P>, x: P): P {
  checkProblem("problem", problem);
  return problem.manifold.egradToRgrad(x, problem.egrad(x));
}

/**
 * The Riemannian Hessian-vector product Hess f(x)[u] =
 * manifold.ehessToRhess(x, ∇f̄(x), ∇²f̄(x)[u], u), for a tangent vector u at x.
 *
 * @throws TypeError if the problem has no `ehessVec`, or u has not the type and shape of x.
 */
export function riemannianHessianVec<P>(problem: Problem<P>, x: P, u: P): P {
  checkProblem("problem", problem);
  problem.manifold.residual(x); // the type and shape of x (a TypeError / RangeError naming x)
  checkLike("u", u, x);
  if (typeof problem.ehessVec !== "function") {
    throw new TypeError("invalid problem: it has no ehessVec (Euclidean Hessian-vector product), which riemannianHessianVec needs");
  }
  return problem.manifold.ehessToRhess(x, problem.egrad(x), problem.ehessVec(x, u), u);
}
