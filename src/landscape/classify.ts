// classifyCriticalPoint(problem, x): minimizer / saddle / maximizer / degenerate by the second-order test.
import { checkPoint } from "../manifolds/manifold.js";
import { riemannianGradient, retainProblem, type Problem } from "../problems/problem.js";
import { checkFinite, checkOptions, describe } from "../validate.js";
import { checkProblem } from "./common.js";
import { hessianSpectrum, type HessianSpectrum, type HessianSpectrumOptions } from "./hessian-spectrum.js";

/**
 * The type of a point by the second-order test (λ = eigenvalues of the Riemannian Hessian,
 * τ = the absolute curvature tolerance):
 * - `"minimizer"`: λ_min > τ — a strict local minimizer;
 * - `"maximizer"`: λ_max < −τ — a strict local maximizer;
 * - `"saddle"`: λ_min < −τ and λ_max > τ — a strict saddle (descent along negative curvature);
 * - `"degenerate"`: otherwise — some |λ| ≤ τ and the test is inconclusive: with no negative
 *   eigenvalue it may be a (non-strict) minimizer or a saddle; with negative ones but no positive
 *   one, a maximizer or a saddle. Either way negative curvature, when present, is still reported;
 * - `"not-critical"`: ‖grad f(x)‖ > gradientTolerance.
 */
export type CriticalPointKind = "minimizer" | "saddle" | "maximizer" | "degenerate" | "not-critical";

/** Default relative curvature tolerance of {@link classifyCriticalPoint} (and the closed forms). */
export const CURVATURE_TOLERANCE = 1e-6;

/**
 * The second-order class from the extreme eigenvalues and the absolute tolerance τ (see
 * {@link CriticalPointKind}). An empty spectrum (dimension 0: an isolated point) is a minimizer.
 */
export function kindFromCurvature(min: number, max: number, tau: number): Exclude<CriticalPointKind, "not-critical"> {
  for (const [name, value] of [["min", min], ["max", max], ["tau", tau]] as const) {
    if (typeof value !== "number") throw new TypeError(`invalid ${name}: expected a number, got ${describe(value)}`);
  }
  if (min > tau) return "minimizer";
  if (max < -tau) return "maximizer";
  if (min < -tau && max > tau) return "saddle";
  return "degenerate";
}

/** Options of {@link classifyCriticalPoint}. */
export interface ClassifyOptions extends Omit<HessianSpectrumOptions, "eigenvectors"> {
  /**
   * x is critical when ‖grad f(x)‖ ≤ gradientTolerance (absolute: in the units of f per unit
   * distance, so choose it for your problem's scale).
   * @defaultValue 1e-6
   */
  gradientTolerance?: number;
  /**
   * Relative: eigenvalues with |λ| ≤ curvatureTolerance·max|λ| count as zero. The default absorbs
   * rounding (≈ ε·√d·max|λ|) and the eigenvalue shift of a point that is critical only to a
   * small gradient norm (≈ ‖Hess′‖·‖grad‖/|λ|).
   * @defaultValue 1e-6
   */
  curvatureTolerance?: number;
}

/** The result of {@link classifyCriticalPoint}. */
export interface CriticalPointClassification<P> {
  kind: CriticalPointKind;
  /** f(x). */
  cost: number;
  /** ‖grad f(x)‖. */
  gradientNorm: number;
  /** The smallest (Lanczos: the smallest Ritz) eigenvalue; NaN when not critical. */
  minEigenvalue: number;
  /** The largest (Lanczos: the largest Ritz) eigenvalue; NaN when not critical. */
  maxEigenvalue: number;
  /** The absolute curvature tolerance τ = curvatureTolerance·max|λ| used; NaN when not critical. */
  tolerance: number;
  /**
   * The eigenvalues below −τ, ascending, and their unit eigenvectors (tangent vectors at x): the
   * escape directions. Dense: all of them; Lanczos: at most the smallest Ritz pair. Empty when none.
   */
  negativeCurvature: { values: Float64Array; directions: P[] };
  /** The Hessian spectrum (with eigenvectors) the class was read from; absent when not critical. */
  spectrum?: HessianSpectrum<P>;
}

/**
 * Classifies x by the first- and second-order optimality conditions on a manifold (Boumal 2023,
 * §4.2 and §6.1): x is critical when ‖grad f(x)‖ ≤ gradientTolerance;
 * then the eigenvalues of Hess f(x) (from {@link hessianSpectrum}, dense or Lanczos as its
 * options say) give the class of {@link CriticalPointKind}, with eigenvalues within
 * τ = curvatureTolerance·max|λ| of 0 treated as 0. With the Lanczos path, λ_min/λ_max are Ritz
 * values, inside the spectrum (θ_min ≥ λ_min, θ_max ≤ λ_max): a reported "saddle" and reported
 * negative curvature are certain, but "minimizer", "maximizer" and "degenerate" are only as
 * reliable as the Ritz residuals (in `spectrum.residuals`) are small — use enough steps.
 *
 * NaN/Inf: a NaN gradient norm counts as "not-critical"; a non-finite Hessian is a RangeError.
 *
 * @throws TypeError / RangeError for a bad problem or option, or an x off the manifold (the message
 *   gives its residual, see `Manifold.contains`); Error if the problem has no `ehessVec`.
 */
export function classifyCriticalPoint<P>(problem: Problem<P>, x: P, options: ClassifyOptions = {}): CriticalPointClassification<P> {
  checkProblem("problem", problem);
  checkPoint("x", problem.manifold, x);
  checkOptions("options", options, ["gradientTolerance", "curvatureTolerance", "method", "denseThreshold", "steps", "seed"]);
  const { gradientTolerance: gt, curvatureTolerance: ct, ...spectrumOptions } = options;
  const gradientTolerance = checkFinite("gradientTolerance", gt ?? 1e-6, 0);
  const curvatureTolerance = checkFinite("curvatureTolerance", ct ?? CURVATURE_TOLERANCE, 0);
  const M = problem.manifold;
  const release = retainProblem(problem);
  try {
    const cost = problem.cost(x);
    const gradientNorm = M.norm(x, riemannianGradient(problem, x));
    const none = { values: new Float64Array(0), directions: [] as P[] };
    if (!(gradientNorm <= gradientTolerance)) {
      return { kind: "not-critical", cost, gradientNorm, minEigenvalue: NaN, maxEigenvalue: NaN, tolerance: NaN, negativeCurvature: none };
    }
    const spectrum = hessianSpectrum(problem, x, { ...spectrumOptions, eigenvectors: true });
    const { values } = spectrum;
    const min = values.length > 0 ? values[0] : Infinity;
    const max = values.length > 0 ? values[values.length - 1] : -Infinity;
    const tolerance = curvatureTolerance * (values.length > 0 ? Math.max(Math.abs(min), Math.abs(max)) : 0);
    let count = 0;
    while (count < values.length && values[count] < -tolerance) count++;
    return {
      kind: kindFromCurvature(min, max, tolerance),
      cost,
      gradientNorm,
      minEigenvalue: values.length > 0 ? min : NaN,
      maxEigenvalue: values.length > 0 ? max : NaN,
      tolerance,
      negativeCurvature: { values: values.slice(0, count), directions: spectrum.vectors!.slice(0, count) },
      spectrum,
    };
  } finally {
    release();
  }
}
