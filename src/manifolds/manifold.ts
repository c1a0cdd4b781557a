// The Manifold interface every manifold factory returns, and the small helpers they share.
import type { Matrix } from "../matrix.js";
import { Rng } from "../data/rng.js";
import { nrm2 } from "../kernels/blas/nrm2.js";
import { checkFinite, checkMatrix, checkVector, describe } from "../validate.js";

/**
 * A Riemannian manifold M embedded in a Euclidean space, with the embedded (Euclidean) metric.
 * Points and tangent vectors are plain data of type `P` (a Float64Array, a Matrix, or an array of
 * factor points for a product); every method returns new data and never modifies its inputs.
 * Tangent vectors are represented in the ambient space (as in Manopt's embedded manifolds).
 *
 * References: P.-A. Absil, R. Mahony, R. Sepulchre, "Optimization Algorithms on Matrix
 * Manifolds", Princeton 2008; N. Boumal, "An Introduction to Optimization on Smooth Manifolds",
 * Cambridge 2023 (chapter 7 for the formulas used here).
 *
 * NaN/Inf policy: values propagate through every method except the QR and polar retractions,
 * which reject non-finite input with a RangeError (as `qr` and `polar` do), and `residual`, which
 * is NaN for a point with a non-finite entry (so `contains` is false).
 */
export interface Manifold<P> {
  /** A readable name, e.g. `"Stiefel(5, 2)"`. */
  readonly name: string;
  /** The dimension of the manifold (of each tangent space). */
  readonly dimension: number;
  /** The typical distance between two points: a scale for trust-region radii and step sizes. */
  readonly typicalDistance: number;
  /**
   * The formula of {@link residual}, for messages: e.g. `"|‖x‖ − 1|"` for the sphere,
   * `"‖XᵀX − I‖_F"` for Stiefel, `"0"` for a Euclidean space.
   */
  readonly constraint: string;
  /**
   * How far x is from satisfying the manifold's defining equations (the formula is
   * {@link constraint}): 0 exactly on the manifold, and of the order of the distance to it nearby
   * (|‖x‖ − 1| on the sphere, ‖XᵀX − I‖_F on Stiefel, …; see each factory). NaN when x has a
   * non-finite entry. Points the library makes have residuals of a few ulps.
   *
   * @throws TypeError / RangeError if x has the wrong type or shape.
   */
  residual(x: P): number;
  /**
   * Whether x is a point of the manifold: `residual(x) ≤ tolerance` (false for non-finite entries).
   * The solvers and landscape tools reject a given point that this calls false at the default.
   *
   * @param tolerance the largest residual accepted, ≥ 0 (default {@link POINT_TOLERANCE} = 1e-8).
   * @throws TypeError / RangeError if x has the wrong type or shape, or for a bad tolerance.
   */
  contains(x: P, tolerance?: number): boolean;
  /** The Riemannian metric ⟨u, v⟩ₓ of two tangent vectors at x. */
  inner(x: P, u: P, v: P): number;
  /** The norm √⟨u, u⟩ₓ of a tangent vector at x. */
  norm(x: P, u: P): number;
  /** The orthogonal projection of an ambient vector u onto the tangent space at x. */
  proj(x: P, u: P): P;
  /** The retraction R_x(t·u) of the tangent vector t·u at x: a point of M. */
  retract(x: P, u: P, t?: number): P;
  /** The Riemannian gradient at x from the Euclidean gradient of a smooth extension of f. */
  egradToRgrad(x: P, egrad: P): P;
  /**
   * The Riemannian Hessian at x applied to a tangent vector u, from the Euclidean gradient and
   * the Euclidean Hessian-vector product ehess = D²f̄(x)[u] of a smooth extension f̄ of f.
   */
  ehessToRhess(x: P, egrad: P, ehess: P, u: P): P;
  /** A random point from the seeded generator (uniform where a uniform measure exists). */
  random(rng: Rng): P;
  /** A random unit-norm tangent vector at x (the zero vector when the dimension is 0). */
  randomTangent(x: P, rng: Rng): P;
  /** The zero tangent vector at x. */
  zeroTangent(x: P): P;
  /** The linear combination a·u + b·v of tangent vectors at x (b·v omitted when v is). */
  lincomb(x: P, a: number, u: P, b?: number, v?: P): P;
  /** The Riemannian distance, where a closed form is available (absent otherwise). */
  dist?(x: P, y: P): number;
  /** The vector transport of a tangent vector u at x to the tangent space at y: proj(y, u). */
  transport(x: P, y: P, u: P): P;
}

/**
 * The default tolerance of {@link Manifold.contains}: the residual the solvers and landscape tools
 * accept in a given point. It is far above the rounding of points the library computes (a few
 * ulps) and far below any error that changes a cost meaningfully; map a nearby point onto the
 * manifold with `M.retract(x, M.zeroTangent(x))` (normalization, qf or polar factor).
 */
export const POINT_TOLERANCE = 1e-8;

/** `contains` from a residual: residual(x) ≤ tolerance. */
export function containsFrom<P>(residual: (x: P) => number): (x: P, tolerance?: number) => boolean {
  return (x, tolerance = POINT_TOLERANCE) => residual(x) <= checkFinite("tolerance", tolerance, 0);
}

/**
 * Returns `x` if it is a point of `manifold` within {@link POINT_TOLERANCE}; otherwise throws a
 * RangeError naming the argument, the manifold and the residual, e.g.
 * `invalid x0: expected a point of Sphere(3) (|‖x‖ − 1| ≤ 1e-8), got |‖x‖ − 1| = 4`.
 *
 * @throws TypeError / RangeError for the wrong type or shape (from the manifold) or a point off it.
 */
export function checkPoint<P>(name: string, manifold: Manifold<P>, x: P): P {
  const r = renamed(name, () => manifold.residual(x));
  if (r <= POINT_TOLERANCE) return x;
  if (Number.isNaN(r)) throw new RangeError(`invalid ${name}: expected a point of ${manifold.name}, got one with a non-finite entry`);
  const { constraint } = manifold;
  throw new RangeError(
    `invalid ${name}: expected a point of ${manifold.name} (${constraint} ≤ ${POINT_TOLERANCE}), got ${constraint} = ${Number(r.toPrecision(3))}`,
  );
}

/**
 * Runs a manifold method on the caller's argument `name`: the methods check their point as `x`,
 * so a TypeError / RangeError about `x` (or a part of it, `x.data`, `x[0]`) is re-thrown naming
 * `name`.
 */
function renamed<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if ((error instanceof TypeError || error instanceof RangeError) && /^invalid x[\s:.[]/.test(error.message)) {
      const Kind = error instanceof TypeError ? TypeError : RangeError;
      throw new Kind(`invalid ${name}${error.message.slice("invalid x".length)}`);
    }
    throw error;
  }
}

/**
 * Checks that `manifold` looks like a {@link Manifold}: an object with a name, a dimension and the
 * methods the landscape tools call.
 */
export function checkManifold(name: string, manifold: unknown): void {
  const M = manifold as Partial<Manifold<unknown>> | null;
  if (
    M === null || typeof M !== "object" || typeof M.dimension !== "number" || typeof M.name !== "string" ||
    typeof M.proj !== "function" || typeof M.zeroTangent !== "function" || typeof M.randomTangent !== "function" ||
    typeof M.lincomb !== "function" || typeof M.inner !== "function"
  ) {
    throw new TypeError(`invalid ${name}: expected a Manifold (sphere(n), euclidean(n), …), got ${describe(manifold)}`);
  }
}

/**
 * Checks that `value` has the type and shape of the point `like` (a tangent vector at it, e.g.):
 * a Float64Array of its length, a matrix of its shape, or for product points an array of as many
 * parts, each like the corresponding part.
 */
export function checkLike(name: string, value: unknown, like: unknown): void {
  if (like instanceof Float64Array) {
    checkVector(name, value, like.length);
  } else if (Array.isArray(like)) {
    if (!Array.isArray(value) || value.length !== like.length) {
      throw new TypeError(`invalid ${name}: expected an array of ${like.length} parts, got ${describe(value)}`);
    }
    like.forEach((part, i) => checkLike(`${name}[${i}]`, value[i], part));
  } else {
    const m = like as Matrix;
    checkMat(name, value, m.rows, m.cols);
  }
}

/** Whether every entry is finite. */
export function allFinite(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}

/** Checks a matrix argument of a manifold method (type and exact shape). */
export function checkMat(name: string, value: unknown, rows: number, cols: number): Matrix {
  const m = checkMatrix(name, value);
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(`invalid ${name}: expected a ${rows}×${cols} matrix, got ${describe(m)}`);
  }
  return m;
}

/** The step size t of a retraction: a finite number, 1 by default. */
export function checkStep(t: unknown): number {
  return checkFinite("t", t);
}

/** The coefficients of a lincomb: finite a, and b only together with v. */
export function checkLincomb(a: unknown, b: unknown, hasV: boolean): void {
  checkFinite("a", a);
  if (hasV) checkFinite("b", b);
}

/** a·u + b·v on raw arrays (b·v skipped when v is undefined). */
export function combine(a: number, u: Float64Array, b: number, v: Float64Array | undefined): Float64Array {
  const out = new Float64Array(u.length);
  if (v === undefined) for (let i = 0; i < u.length; i++) out[i] = a * u[i];
  else for (let i = 0; i < u.length; i++) out[i] = a * u[i] + b * v[i];
  return out;
}

/** Scales u to unit Euclidean norm in place (leaves a zero vector unchanged). */
export function normalizeInPlace(u: Float64Array, norm: number): Float64Array {
  if (norm > 0) for (let i = 0; i < u.length; i++) u[i] /= norm;
  return u;
}

/** A Matrix record around `data` (no copy). */
export function mat(rows: number, cols: number, data: Float64Array): Matrix {
  return { rows, cols, data };
}

/**
 * A random unit tangent vector: `project(draw())` for a Gaussian ambient draw, normalized. A draw
 * that lies almost in the normal space projects to a tiny vector made of rounding errors (the
 * extreme case: the same Gaussian draw that made x on the sphere projects to zero), which would
 * not be tangent once normalized; such draws (projection below 1e-3 of the draw) are redrawn, so
 * the result is tangent to working precision. Zero when the tangent space has dimension 0.
 */
export function unitTangentFromDraws(
  dimension: number, draw: () => Float64Array, project: (g: Float64Array) => Float64Array,
): Float64Array {
  for (let attempt = 0; ; attempt++) {
    const g = draw();
    const drawn = nrm2(g);
    const u = project(g); // may overwrite g
    if (dimension === 0) return u.fill(0);
    const s = nrm2(u);
    if (s > 1e-3 * drawn) return normalizeInPlace(u, s);
    if (attempt === 63) throw new Error("randomTangent: 64 Gaussian draws all fell (almost) in the normal space");
  }
}

/** Checks the generator argument of `random` / `randomTangent`. */
export function checkRng(rng: unknown): Rng {
  if (!(rng instanceof Rng)) throw new TypeError(`invalid rng: expected an Rng, got ${describe(rng)}`);
  return rng;
}
