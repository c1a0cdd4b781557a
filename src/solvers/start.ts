// The start point of a solve: the caller's, checked against the manifold, or a seeded random one.
import type { Rng } from "../data/rng.js";
import type { Problem } from "../problems/problem.js";

/**
 * Returns `x0` if given (after the manifold checked its type and shape — it must also lie on the
 * manifold, which is not re-checked), otherwise a random point of the manifold drawn from `rng`.
 */
export function startPoint<P>(problem: Problem<P>, x0: P | undefined | null, rng: Rng): P {
  if (x0 === undefined || x0 === null) return problem.manifold.random(rng);
  problem.manifold.zeroTangent(x0);
  return x0;
}
