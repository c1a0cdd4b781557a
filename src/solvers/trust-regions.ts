// trustRegions: the Riemannian trust-region method (RTR) with truncated CG and negative-curvature escapes.
import { Rng } from "../data/rng.js";
import { derivedRng } from "../data/derived-rng.js";
import type { Manifold } from "../manifolds/manifold.js";
import { PointCache } from "../problems/cache.js";
import { retainProblem, type Problem } from "../problems/problem.js";
import { checkFinite, checkInteger, describe } from "../validate.js";
import { copyPoint } from "./copy-point.js";
import { negativeCurvature, resolveSecondOrder, SECOND_ORDER_KEYS, type SecondOrderOptions } from "./curvature.js";
import { resolveCommonOptions, type SolverOptions } from "./options.js";
import type { SolverResult, StopReason } from "./result.js";
import { SolverRun } from "./run.js";
import { beginAt, startPoint } from "./start.js";
import { truncatedCG, type TruncatedCGOptions } from "./truncated-cg.js";

/**
 * ρ regularization (Manopt's `rho_regularization`): max(1, |f(x)|)·ε·1e3 is added to both the
 * actual and the predicted reduction, so that near a minimizer, where both fall to the rounding
 * level of f, ρ tends to 1 instead of being rounding noise that would shrink the radius for nothing.
 */
const RHO_REGULARIZATION = 1e3 * Number.EPSILON;

/** The run stops with "step-too-small" when the radius falls below this fraction of maxRadius. */
const MIN_RADIUS_RATIO = 1e-14;

/** Options of {@link trustRegions}. */
export interface TrustRegionsOptions<P> extends SolverOptions<P>, SecondOrderOptions {
  /**
   * The maximum trust-region radius Δ̄ (> 0).
   * @defaultValue the manifold's `typicalDistance`
   */
  maxRadius?: number;
  /**
   * The initial radius Δ₀, in (0, maxRadius].
   * @defaultValue maxRadius / 8
   */
  initialRadius?: number;
  /**
   * The acceptance threshold ρ′ ∈ [0, ¼): a step is accepted when ρ > ρ′.
   * @defaultValue 0.1
   */
  acceptanceRatio?: number;
  /**
   * κ ∈ (0, 1) in the inner stopping test ‖r‖ ≤ ‖r₀‖·min(‖r₀‖^θ, κ).
   * @defaultValue 0.1
   */
  kappa?: number;
  /**
   * θ ≥ 0 in the inner stopping test; the local convergence order is min(1 + θ, 2).
   * @defaultValue 1
   */
  theta?: number;
  /**
   * The maximum number of truncated-CG iterations (Hessian-vector products) per outer iteration.
   * @defaultValue the manifold's dimension (at least 1)
   */
  maxInnerIterations?: number;
}

const TR_KEYS = ["maxRadius", "initialRadius", "acceptanceRatio", "kappa", "theta", "maxInnerIterations", ...SECOND_ORDER_KEYS];

interface TrustRegionSettings extends TruncatedCGOptions {
  maxRadius: number;
  initialRadius: number;
  acceptanceRatio: number;
}

/** A finite number > 0. */
function checkPositive(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v > 0)) throw new RangeError(`invalid ${name}: expected a finite number > 0, got ${describe(v)}`);
  return v;
}

function resolveSettings<P>(options: TrustRegionsOptions<P>, M: Manifold<P>): TrustRegionSettings {
  const maxRadius = checkPositive("maxRadius", options.maxRadius ?? M.typicalDistance);
  const initialRadius = checkPositive("initialRadius", options.initialRadius ?? maxRadius / 8);
  if (initialRadius > maxRadius) {
    throw new RangeError(`invalid initialRadius: expected a number in (0, maxRadius = ${maxRadius}], got ${initialRadius}`);
  }
  const acceptanceRatio = checkFinite("acceptanceRatio", options.acceptanceRatio ?? 0.1, 0);
  if (acceptanceRatio >= 0.25) throw new RangeError(`invalid acceptanceRatio: expected a number in [0, 0.25), got ${acceptanceRatio}`);
  const kappa = checkPositive("kappa", options.kappa ?? 0.1);
  if (kappa >= 1) throw new RangeError(`invalid kappa: expected a number in (0, 1), got ${kappa}`);
  return {
    maxRadius,
    initialRadius,
    acceptanceRatio,
    kappa,
    theta: checkFinite("theta", options.theta ?? 1, 0),
    maxIterations: checkInteger("maxInnerIterations", options.maxInnerIterations ?? Math.max(1, M.dimension), 1),
  };
}

/** A trial step η at x with H[η] and whether it lies on the trust-region boundary. */
interface Trial<P> {
  eta: P;
  hessEta: P;
  norm: number;
  boundary: boolean;
}

/**
 * The escape step from a point where the solver vetoed convergence: along the unit direction d
 * of negative curvature λ = ⟨d, H[d]⟩ < 0, signed so that ⟨g, d⟩ ≤ 0. The model
 * m(τd) = f + τ⟨g, d⟩ + ½τ²λ then decreases for all τ > 0, so its minimizer in the trust region
 * is on the boundary, τ = Δ (Sun, Qu & Wright, "Complete dictionary recovery over the sphere II",
 * 2017, §3; "A geometric analysis of phase retrieval", 2018, §4; Boumal 2023, §6.6).
 */
function escapeStep<P>(cache: PointCache<P>, x: P, g: P, d: P, radius: number): Trial<P> {
  const M = cache.problem.manifold;
  const sign = M.inner(x, g, d) > 0 ? -1 : 1;
  const eta = M.lincomb(x, sign * radius, d);
  return { eta, hessEta: cache.hessVec(x, eta), norm: radius, boundary: true };
}

/**
 * The Riemannian trust-region method (RTR) of Absil, Baker & Gallivan, "Trust-region methods on
 * Riemannian manifolds", FoCM 2007, Algorithm 1 (also Absil, Mahony & Sepulchre 2008, ch. 7;
 * Boumal 2023, §6.4), with Manopt's `trustregions.m` as the design reference. Each iteration:
 * 1. minimizes the model m(η) = f(x) + ⟨g, η⟩ + ½⟨η, Hess f(x)[η]⟩ over ‖η‖ ≤ Δ approximately by
 *    truncated CG (Steihaug–Toint, `truncatedCG` in truncated-cg.ts, at most `maxInnerIterations`
 *    Hessian-vector products);
 * 2. computes ρ = (f(x) − f(R_x(η)) + δ) / (m(0) − m(η) + δ), with Manopt's rounding offset
 *    δ = max(1, |f(x)|)·1e3·ε, so that cancellation near a minimizer does not block convergence;
 * 3. shrinks Δ ← Δ/4 when ρ < ¼ (or the model did not decrease, or ρ is NaN), expands
 *    Δ ← min(2Δ, maxRadius) when ρ > ¾ and η reached the boundary;
 * 4. accepts x ← R_x(η) when the model decreased and ρ > ρ′ (`acceptanceRatio`).
 * Locally it converges superlinearly, with order min(1 + θ, 2) (ABG 2007, Theorem 4.13).
 *
 * Second order (`secondOrder: true`, the default): at a point with ‖grad‖ ≤ gradientTolerance,
 * Lanczos (`negativeCurvature`) looks for curvature below −curvatureTolerance. If there is some,
 * convergence is vetoed and the next iterations try the step Δ·(±d) along that direction (sign
 * making ⟨g, d⟩ ≤ 0), which minimizes the model on that line, under the same ρ test and radius
 * updates — truncated CG started at η = 0 cannot leave a point where g = 0. This is the
 * second-order RTR analysed by Sun, Qu & Wright (dictionary recovery, 2017; phase retrieval, 2018):
 * it escapes strict saddles even when started exactly at one. With `secondOrder: false` such a
 * point stops the run ("gradient-tolerance"), as in plain RTR.
 *
 * Iterations: every outer iteration is recorded, accepted or not (as Manopt counts them): a
 * rejected one repeats the current point and cost with `step` 0; an accepted one has
 * `step` = ‖η‖. Defaults: `maxIterations` 1000, plus {@link SolverOptions} and
 * {@link SecondOrderOptions}. Stops with `"step-too-small"` when the radius falls below
 * 1e-14·maxRadius (steps that short are at the rounding level of typical points; the model and
 * the cost keep disagreeing there, e.g. because the gradient or Hessian is wrong).
 * Truncated CG, the Lanczos run and the trial point's evaluation get a checkpoint after every
 * evaluation: the event loop gets a turn (see `yieldInterval`), and an abort or `maxTime` takes
 * effect there, abandoning the outer iteration in progress. The Lanczos start vectors come from
 * `derivedRng(seed, "trust-regions")`, not from the stream of the random start point.
 *
 * NaN/Inf: a non-finite cost, gradient entry or Hessian-vector product entry stops the run with
 * reason `"non-finite"` at the last recorded iterate, `nonFinite` naming the function; at the
 * start point (cost or gradient) it is a RangeError naming x0.
 *
 * @param problem the cost, Euclidean gradient and Euclidean Hessian-vector product (required).
 * @param x0 the start point, a point of the manifold (`manifold.contains(x0)`); a random point
 *   from `seed` if omitted.
 * @returns a promise of the {@link SolverResult}; the point is the last accepted iterate.
 * @throws Error if the problem has no `ehessVec`; TypeError / RangeError for bad options or a
 *   start point of the wrong shape, off the manifold (the message gives its residual) or with a
 *   non-finite cost or gradient — all before any iteration. Errors from the problem's functions
 *   and `onIteration` propagate.
 *
 * @example
 * ```js
 * import { init, trustRegions, rankOneFactorization, fromRows } from "benign";
 * await init();
 * const problem = rankOneFactorization(fromRows([[2, 1], [1, 2]]));   // ¼‖X − uuᵀ‖², λ = 3, 1
 * const saddle = new Float64Array([Math.SQRT1_2, -Math.SQRT1_2]);      // √λ₂·v₂: gradient 0
 * const result = await trustRegions(problem, saddle, { gradientTolerance: 1e-10 });
 * console.log(result.reason, result.point);  // "gradient-tolerance", ±[1.2247…, 1.2247…] = ±√3·v₁
 * ```
 */
export async function trustRegions<P>(
  problem: Problem<P>,
  x0?: P | null,
  options: TrustRegionsOptions<P> = {},
): Promise<SolverResult<P>> {
  const cache = new PointCache(problem);
  if (!cache.hasHessian) {
    throw new Error("trustRegions: the problem has no ehessVec (Euclidean Hessian-vector product), which the trust-region model needs");
  }
  const common = resolveCommonOptions(options, { maxIterations: 1000 }, TR_KEYS);
  const second = resolveSecondOrder(options);
  const M = problem.manifold;
  const settings = resolveSettings(options, M);
  let x = startPoint(problem, x0, new Rng(common.seed));
  const rng = derivedRng(common.seed, "trust-regions");
  // The point where convergence was vetoed and its direction of negative curvature.
  let escape: { point: P; direction: P } | undefined;
  const confirmConvergence = async (point: P): Promise<boolean> => {
    if (!second.secondOrder) return true;
    if (escape?.point === point) return false;
    const found = await negativeCurvature(cache, point, second.lanczosSteps, second.curvatureTolerance, rng, checkpoint);
    if (found === undefined) return true;
    escape = { point, direction: found.direction };
    return false;
  };
  const run = new SolverRun(common, confirmConvergence, copyPoint);
  const checkpoint = (): Promise<void> => run.checkpoint();
  const minRadius = MIN_RADIUS_RATIO * settings.maxRadius;
  const release = retainProblem(problem);
  try {
    let radius = settings.initialRadius;
    let reason: StopReason | undefined = await beginAt(run, cache, x);
    while (reason === undefined) {
      const fx = cache.cost(x);
      const g = cache.rgrad(x);
      const trial = escape?.point === x
        ? escapeStep(cache, x, g, escape.direction, radius)
        : await truncatedCG(M, x, g, (u) => cache.hessVec(x, u), radius, settings, checkpoint);
      await checkpoint();
      const y = M.retract(x, trial.eta);
      const offset = Math.max(1, Math.abs(fx)) * RHO_REGULARIZATION;
      const actual = fx - cache.cost(y) + offset;
      const predicted = -(M.inner(x, g, trial.eta) + 0.5 * M.inner(x, trial.eta, trial.hessEta)) + offset;
      const modelDecreased = predicted >= 0;
      const rho = actual / predicted;
      if (!(rho >= 0.25) || !modelDecreased) radius /= 4;
      else if (rho > 0.75 && trial.boundary) radius = Math.min(2 * radius, settings.maxRadius);
      let step = 0;
      if (modelDecreased && rho > settings.acceptanceRatio) {
        await checkpoint();
        x = y;
        step = trial.norm;
      }
      reason = await run.record(x, cache.cost(x), cache.gradientNorm(x), step);
      if (reason === undefined && radius < minRadius) reason = "step-too-small";
    }
    return run.finish(x, reason, cache.counts);
  } catch (error) {
    return run.interrupted(error, cache.counts);
  } finally {
    release();
  }
}
