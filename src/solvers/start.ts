// The start of a solve: the caller's point, checked against the manifold, or a seeded random one; its record.
import type { Rng } from "../data/rng.js";
import { checkPoint } from "../manifolds/manifold.js";
import type { PointCache } from "../problems/cache.js";
import type { Problem } from "../problems/problem.js";
import type { StopReason } from "./result.js";
import type { SolverRun } from "./run.js";

/**
 * Returns `x0` if given — after checking that it is a point of the manifold (its type, shape and
 * `residual` ≤ `POINT_TOLERANCE`; a RangeError names x0 and the residual otherwise) — or else a
 * random point of the manifold drawn from `rng`.
 */
export function startPoint<P>(problem: Problem<P>, x0: P | undefined | null, rng: Rng): P {
  if (x0 === undefined || x0 === null) return problem.manifold.random(rng);
  return checkPoint("x0", problem.manifold, x0);
}

/**
 * Records the start point x (iteration 0) of `run`: its gradient is evaluated first, so that a
 * problem with `costAndGrad` gives the cost with it in one call.
 */
export async function beginAt<P>(run: SolverRun<P>, cache: PointCache<P>, x: P): Promise<StopReason | undefined> {
  const gradientNorm = cache.gradientNorm(x);
  return run.begin(x, cache.cost(x), gradientNorm);
}
