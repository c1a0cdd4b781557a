// PointCache: evaluates a problem's cost, gradients and their norms once per point.
import type { Problem } from "./problem.js";
import { checkManifold } from "../manifolds/manifold.js";
import { describe } from "../validate.js";
import { checkedValue } from "./non-finite.js";

interface Entry<P> {
  cost?: number;
  egrad?: P;
  rgrad?: P;
  gradientNorm?: number;
}

/** How many times a {@link PointCache} called each function of its problem. */
export interface EvaluationCounts {
  cost: number;
  gradient: number;
  hessian: number;
}

/**
 * Memoizes a problem's cost f(x), Euclidean gradient, Riemannian gradient and its norm per point.
 *
 * Points are keyed by object identity (a WeakMap), which is sound because points are immutable by
 * the library's convention: manifold methods and solvers always return new data and never write
 * into a point. Entries disappear with their points. Do not mutate a point after it was evaluated.
 *
 * When the problem has `costAndGrad`, asking for the gradient of a point whose gradient is not yet
 * known fills in both the gradient and the cost; asking for the cost alone (as a line search does)
 * calls only `cost`.
 *
 * NaN/Inf: every value the problem returns is checked — the cost, each entry of the Euclidean
 * gradient and of each Hessian-vector product — and a non-finite one throws a
 * {@link NonFiniteValueError} naming the function (`"cost"`, `"egrad"`, `"ehessVec"`); nothing is
 * cached for it.
 */
export class PointCache<P> {
  readonly problem: Problem<P>;
  readonly counts: EvaluationCounts = { cost: 0, gradient: 0, hessian: 0 };
  private entries = new WeakMap<object, Entry<P>>();

  constructor(problem: Problem<P>) {
    checkProblem("problem", problem);
    this.problem = problem;
  }

  /** The cost f(x). */
  cost(x: P): number {
    const e = this.entry(x);
    if (e.cost === undefined) {
      this.counts.cost++;
      e.cost = checkedValue("cost", this.problem.cost(x));
    }
    return e.cost;
  }

  /** The Euclidean gradient ∇f̄(x). */
  egrad(x: P): P {
    const e = this.entry(x);
    if (e.egrad === undefined) {
      this.counts.gradient++;
      if (this.problem.costAndGrad !== undefined) {
        const both = this.problem.costAndGrad(x);
        e.egrad = checkedValue("egrad", both.egrad);
        e.cost ??= checkedValue("cost", both.cost);
      } else {
        e.egrad = checkedValue("egrad", this.problem.egrad(x));
      }
    }
    return e.egrad;
  }

  /** The Riemannian gradient grad f(x). */
  rgrad(x: P): P {
    const e = this.entry(x);
    e.rgrad ??= this.problem.manifold.egradToRgrad(x, this.egrad(x));
    return e.rgrad;
  }

  /** ‖grad f(x)‖ in the metric at x. */
  gradientNorm(x: P): number {
    const e = this.entry(x);
    e.gradientNorm ??= this.problem.manifold.norm(x, this.rgrad(x));
    return e.gradientNorm;
  }

  /** Whether the problem has a Euclidean Hessian-vector product. */
  get hasHessian(): boolean {
    return typeof this.problem.ehessVec === "function";
  }

  /**
   * The Riemannian Hessian-vector product Hess f(x)[u] (u tangent at x), reusing the cached
   * Euclidean gradient at x.
   *
   * @throws Error if the problem has no `ehessVec`; NonFiniteValueError for a non-finite product.
   */
  hessVec(x: P, u: P): P {
    const ehessVec = this.problem.ehessVec;
    if (typeof ehessVec !== "function") {
      throw new Error("the problem has no ehessVec (Euclidean Hessian-vector product), which this method needs");
    }
    this.counts.hessian++;
    const ehess = checkedValue("ehessVec", ehessVec.call(this.problem, x, u));
    return this.problem.manifold.ehessToRhess(x, this.egrad(x), ehess, u);
  }

  private entry(x: P): Entry<P> {
    if (x === null || typeof x !== "object") throw new TypeError(`invalid point: expected an object, got ${describe(x)}`);
    let e = this.entries.get(x);
    if (e === undefined) {
      e = {};
      this.entries.set(x, e);
    }
    return e;
  }
}

/** Checks that `problem` looks like a {@link Problem} (functions present, a manifold object). */
export function checkProblem(name: string, problem: unknown): void {
  const p = problem as Partial<Problem<unknown>> | null;
  if (p === null || typeof p !== "object" || typeof p.cost !== "function" || typeof p.egrad !== "function" ||
    p.manifold === null || typeof p.manifold !== "object") {
    throw new TypeError(`invalid ${name}: expected a Problem { manifold, cost, egrad }, got ${describe(problem)}`);
  }
  checkManifold(`${name}.manifold`, p.manifold);
  if (p.costAndGrad !== undefined && typeof p.costAndGrad !== "function") {
    throw new TypeError(`invalid ${name}.costAndGrad: expected a function, got ${describe(p.costAndGrad)}`);
  }
  if (p.ehessVec !== undefined && typeof p.ehessVec !== "function") {
    throw new TypeError(`invalid ${name}.ehessVec: expected a function, got ${describe(p.ehessVec)}`);
  }
  if (p.retain !== undefined && typeof p.retain !== "function") {
    throw new TypeError(`invalid ${name}.retain: expected a function, got ${describe(p.retain)}`);
  }
}
