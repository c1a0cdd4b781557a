// proximalGradient: ISTA / FISTA with backtracking and adaptive restart for f + g, f smooth, g with a cheap prox.
import { Rng } from "../data/rng.js";
import { checkProblem, PointCache } from "../problems/cache.js";
import { checkedValue } from "../problems/non-finite.js";
import { retainProblem, type Problem } from "../problems/problem.js";
import { checkBoolean, checkChoice, checkFinite, checkInteger, describe } from "../validate.js";
import { copyPoint } from "./copy-point.js";
import { resolveCommonOptions, type SolverOptions } from "./options.js";
import type { Regularizer } from "./regularizers.js";
import type { SolverResult, StopReason } from "./result.js";
import { SolverRun } from "./run.js";
import { startPoint } from "./start.js";

/**
 * The quadratic upper bound is tested on cost values while its curvature term (L/2)‖d‖² is at
 * least this fraction of |f(y)| — so rounding errors of f (a few 1e-16·|f|) cannot decide it; below,
 * the test compares gradients instead (see {@link proximalGradient}).
 */
const RELIABLE = 1e-10;

/**
 * A composite objective F(x) = f(x) + g(x) on a Euclidean space.
 *
 * The smooth part is an ordinary {@link Problem} on `euclidean(n)` or `euclidean([m, n])`: so it
 * gets the solvers' per-point cache (a `costAndGrad` sharing the residual is used), their
 * evaluation counts, the manifold's shape checks and vector arithmetic, and every existing
 * Euclidean problem can be regularized as it is. The nonsmooth part only needs its value and its
 * proximal operator.
 */
export interface CompositeProblem<P> {
  /** f: cost and Euclidean gradient (Lipschitz-continuous) on a Euclidean manifold. */
  readonly smooth: Problem<P>;
  /** g: closed, convex, with a cheap prox (see `l1`, `nonnegativeL1`, `nonnegative`, `box`, `zero`). */
  readonly regularizer: Regularizer<NoInfer<P>>;
}

/** How FISTA resets its momentum (O'Donoghue & Candès 2015, §3.2). */
export type RestartScheme = "gradient" | "function" | "none";

/** Options of {@link proximalGradient}. */
export interface ProximalGradientOptions<P> extends SolverOptions<P> {
  /**
   * FISTA (Nesterov momentum) when true, ISTA (plain proximal gradient) when false.
   * @defaultValue true
   */
  accelerated?: boolean;
  /**
   * Adaptive restart of the momentum (FISTA only): `"gradient"` restarts when the step from x_{k−1}
   * to x_k points uphill along the gradient mapping, ⟨y_k − x_k, x_k − x_{k−1}⟩ > 0;
   * `"function"` when F(x_k) > F(x_{k−1}); `"none"` never (Beck & Teboulle's FISTA).
   * @defaultValue "gradient"
   */
  restart?: RestartScheme;
  /**
   * The first trial step t = 1/L (L the Lipschitz estimate of ∇f). Backtracking corrects it:
   * a good guess saves evaluations in the first iteration only.
   * @defaultValue 1
   */
  initialStepSize?: number;
  /**
   * The factor η > 1 by which L grows while the quadratic upper bound fails.
   * @defaultValue 2
   */
  lipschitzIncrease?: number;
  /**
   * Each iteration first tries L·ρ^s (ρ in (0, 1]) before backtracking, s being the number of
   * consecutive iterations, this one's predecessor included, whose first trial passed: so the
   * estimate falls again where f is flatter, and a far too large L₀ falls geometrically fast
   * (by 10⁴ in ≈ 13 iterations with ρ = 0.9). ρ = 1 keeps L nondecreasing (Beck & Teboulle's
   * backtracking).
   * @defaultValue 0.9
   */
  lipschitzDecrease?: number;
  /**
   * Increases of L allowed in one iteration; when the bound still fails at L·η^maxBacktracks
   * (the cap on L for that iteration) the run stops with `"step-too-small"`.
   * @defaultValue 60
   */
  maxBacktracks?: number;
}

/** A proximal gradient step from y: x = prox_{g/L}(y − ∇f(y)/L) with the quadratic bound holding at L. */
interface Step<P> {
  y: P;
  x: P;
  L: number;
  /** FISTA's t_k for this step. */
  momentum: number;
  /** ‖G_{1/L}(y)‖ = L·‖y − x‖. */
  mappingNorm: number;
  /** How many times L was increased. */
  backtracks: number;
  /** False when no L up to the cap satisfied the bound. */
  ok: boolean;
}

/**
 * Proximal gradient for min F(x) = f(x) + g(x): ISTA, or FISTA with backtracking (Beck &
 * Teboulle, "A fast iterative shrinkage-thresholding algorithm for linear inverse problems", SIAM
 * J. Imaging Sci. 2009, §3–4: ISTA/FISTA with backtracking) and adaptive restart (O'Donoghue &
 * Candès, "Adaptive restart for accelerated gradient schemes", Found. Comput. Math. 2015, §3.2).
 *
 * Each iteration takes x_k = prox_{g/L}(y_k − ∇f(y_k)/L) (y_k = x_{k−1} for ISTA, the momentum
 * point for FISTA) with the smallest L = L_{k−1}·ρ^s·η^i, i ≥ 0, for which the quadratic upper
 * bound f(x_k) ≤ f(y_k) + ⟨∇f(y_k), x_k − y_k⟩ + (L/2)‖x_k − y_k‖² holds. Near a minimizer that
 * test drowns in the rounding errors of f (both sides agree to ~1e-16·|f| while the curvature term
 * is smaller still), which would let L drift at random; there (once (L/2)‖d‖² < 1e-10·|f(y)|,
 * d = x_k − y_k) the equivalent-to-first-order test on gradients ⟨∇f(x_k) − ∇f(y_k), d⟩ ≤ L‖d‖²
 * is used instead (exact for quadratic f; the idea of TFOCS's backtracking, Becker, Candès &
 * Grant 2011), at the price of ∇f(x_k), which ISTA needs next anyway. Because L may decrease
 * (ρ < 1), FISTA's momentum uses the step-size-aware update of Scheinberg, Goldfarb & Bai (Found.
 * Comput. Math. 2014, FISTA-BKTR):
 * t_k = (1 + √(1 + 4(L_k/L_{k−1})·t_{k−1}²))/2 and y_k = x_{k−1} + ((t_{k−1} − 1)/t_k)(x_{k−1} − x_{k−2}),
 * recomputed at each trial L, which keeps the O(1/k²) rate; with ρ = 1 it is Beck & Teboulle's
 * FISTA, with F(x_k) − F* ≤ 2ηL_f‖x₀ − x*‖²/(k+1)² (their Theorem 4.4). A restart sets t = 1, so
 * the next step starts from x_k without momentum.
 *
 * `gradientNorm` (tested against `gradientTolerance`) is the norm of the gradient mapping
 * G_t(y) = (y − prox_{tg}(y − t∇f(y)))/t = L·(y_k − x_k) at the point y_k the step to x_k was
 * taken from (for ISTA y_k = x_{k−1}; entry 0 is the exact ‖G_t(x₀)‖ of the start, the same
 * value as entry 1 since y_1 = x₀). G_t(y) = 0 exactly when y minimizes F (and then x_k = y),
 * and x_k has the subgradient ∇f(x_k) − ∇f(y_k) + L(y_k − x_k) ∈ ∂F(x_k) of norm
 * ≤ (1 + L_f/L)·‖G‖ (≤ 2‖G‖ when L ≥ L_f) — the residual sporco's PGM reports too. It costs
 * nothing extra, where the exact G_t(x_k) would cost FISTA a gradient per iteration.
 * `step` is ‖x_k − x_{k−1}‖; `history.cost` is F = f + g. The event loop gets a turn between the
 * evaluations of a backtracking trial and between trials (see `yieldInterval`). Defaults:
 * `maxIterations` 1000, plus {@link SolverOptions}.
 *
 * NaN/Inf: a non-finite value of f (also at a trial point: f must be finite everywhere; put
 * constraints in g), an entry of ∇f, g's value at a prox output, or an entry of a prox output
 * stops the run with reason `"non-finite"` at the last recorded iterate, `nonFinite.function`
 * being `"cost"`, `"egrad"`, `"regularizer.value"` or `"regularizer.prox"`. Before the start is
 * recorded — which needs the first step, for the gradient mapping of entry 0 — it is a
 * RangeError naming x0.
 *
 * @param problem the smooth part on a Euclidean manifold and the regularizer.
 * @param x0 the start; a random point of the manifold from `seed` if omitted. A start where
 *   g = +Infinity (outside the set of an indicator) is replaced by prox_{g/L₀}(x0), its projection.
 * @returns a promise of the {@link SolverResult} (the point is the last iterate x_k);
 *   `"step-too-small"` when no L up to the cap satisfies the quadratic bound (∇f not Lipschitz
 *   there).
 * @throws TypeError / RangeError for a bad problem, bad options, a start of the wrong shape or
 *   with non-finite entries, or a non-finite value in the first step; errors of the problem's
 *   functions and `onIteration` propagate.
 */
export async function proximalGradient<P>(
  problem: CompositeProblem<P>,
  x0?: P | null,
  options: ProximalGradientOptions<P> = {},
): Promise<SolverResult<P>> {
  const { smooth, regularizer } = checkCompositeProblem(problem);
  const common = resolveCommonOptions(options, { maxIterations: 1000 },
    ["accelerated", "restart", "initialStepSize", "lipschitzIncrease", "lipschitzDecrease", "maxBacktracks"]);
  const accelerated = checkBoolean("accelerated", options.accelerated ?? true);
  const restart = checkChoice("restart", options.restart ?? "gradient", ["gradient", "function", "none"] as const);
  const initialStepSize = checkFinite("initialStepSize", options.initialStepSize ?? 1, Number.MIN_VALUE);
  const eta = checkFinite("lipschitzIncrease", options.lipschitzIncrease ?? 2, 1);
  if (eta === 1) throw new RangeError(`invalid lipschitzIncrease: expected a finite number > 1, got 1`);
  const rho = checkFinite("lipschitzDecrease", options.lipschitzDecrease ?? 0.9, Number.MIN_VALUE);
  if (rho > 1) throw new RangeError(`invalid lipschitzDecrease: expected a number in (0, 1], got ${rho}`);
  const maxBacktracks = checkInteger("maxBacktracks", options.maxBacktracks ?? 60, 0);

  const cache = new PointCache(smooth);
  const M = smooth.manifold;
  const value = (x: P): number => checkedValue("regularizer.value", regularizer.value(x));
  const prox = (v: P, t: number): P => checkedValue("regularizer.prox", regularizer.prox(v, t));
  const F = (x: P): number => cache.cost(x) + value(x);
  const run = new SolverRun(common, undefined, copyPoint);

  /**
   * The step from the momentum point of (x, xPrev, t) with the smallest L in L0·η^i that passes
   * the bound (Lprev: the L of the previous step, for the momentum update).
   */
  const step = async (x: P, xPrev: P, t: number, Lprev: number, L0: number): Promise<Step<P>> => {
    let L = L0;
    for (let trial = 0; ; trial++) {
      const momentum = accelerated ? (1 + Math.sqrt(1 + 4 * (L / Lprev) * t * t)) / 2 : 1;
      const beta = (t - 1) / momentum;
      const y = beta === 0 ? x : M.lincomb(x, 1 + beta, x, -beta, xPrev);
      const gy = cache.egrad(y); // first: a costAndGrad fills in f(y) with it
      const fy = cache.cost(y);
      await run.checkpoint();
      const next = prox(M.lincomb(y, 1, y, -1 / L, gy), 1 / L);
      const d = M.lincomb(y, 1, next, -1, y);
      const dd = M.inner(y, d, d);
      const ok = dd === 0 || (L / 2) * dd >= RELIABLE * Math.abs(fy)
        ? cache.cost(next) <= fy + M.inner(y, gy, d) + (L / 2) * dd
        : M.inner(y, M.lincomb(y, 1, cache.egrad(next), -1, gy), d) <= L * dd;
      if (ok || trial === maxBacktracks) {
        return { y, x: next, L, momentum, mappingNorm: L * Math.sqrt(dd), backtracks: trial, ok };
      }
      await run.checkpoint();
      L *= eta;
    }
  };

  let x = startPoint(smooth, x0, new Rng(common.seed));
  const release = retainProblem(smooth);
  try {
    if (regularizer.value(x) === Infinity) x = prox(x, initialStepSize);
    let xPrev = x;
    let fx = F(x);
    let next = await step(x, x, 1, 1 / initialStepSize, 1 / initialStepSize);
    let reason: StopReason | undefined = await run.begin(x, fx, next.mappingNorm);
    let streak = 0;
    while (reason === undefined) {
      if (!next.ok) {
        reason = "step-too-small";
        break;
      }
      const fPrev = fx;
      xPrev = x;
      x = next.x;
      fx = F(x);
      const dx = M.lincomb(x, 1, x, -1, xPrev);
      const restartNow = accelerated &&
        (restart === "gradient" ? M.inner(x, M.lincomb(x, 1, next.y, -1, x), dx) > 0 : restart === "function" && fx > fPrev);
      const t = restartNow ? 1 : next.momentum;
      reason = await run.record(x, fx, next.mappingNorm, M.norm(x, dx));
      streak = next.backtracks === 0 ? streak + 1 : 0;
      if (reason === undefined) next = await step(x, xPrev, t, next.L, next.L * rho ** streak);
    }
    return run.finish(x, reason, cache.counts);
  } catch (error) {
    return run.interrupted(error, cache.counts);
  } finally {
    release();
  }
}

function checkCompositeProblem<P>(problem: CompositeProblem<P>): CompositeProblem<P> {
  if (problem === null || typeof problem !== "object") {
    throw new TypeError(`invalid problem: expected { smooth, regularizer }, got ${describe(problem)}`);
  }
  const { smooth, regularizer } = problem;
  checkProblem("problem.smooth", smooth);
  if (!/^Euclidean\(/.test(smooth.manifold.name)) {
    throw new TypeError(`invalid problem.smooth.manifold: expected a Euclidean space (euclidean(n) or euclidean([m, n])), got ${smooth.manifold.name}`);
  }
  if (regularizer === null || typeof regularizer !== "object" || typeof regularizer.value !== "function" || typeof regularizer.prox !== "function") {
    throw new TypeError(`invalid problem.regularizer: expected { value, prox }, got ${describe(regularizer)}`);
  }
  return problem;
}
