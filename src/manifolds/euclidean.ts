// euclidean(shape): the Euclidean space ℝⁿ (Float64Array points) or ℝ^{m×n} (Matrix points).
import type { Matrix } from "../matrix.js";
import { dot } from "../kernels/blas/dot.js";
import { nrm2 } from "../kernels/blas/nrm2.js";
import { checkInteger, checkVector, describe } from "../validate.js";
import { allFinite, checkLincomb, checkRng, checkMat, checkStep, combine, containsFrom, mat, normalizeInPlace, type Manifold } from "./manifold.js";

/**
 * The Euclidean space ℝⁿ (`euclidean(n)`, points are Float64Array of length n) or ℝ^{m×n}
 * (`euclidean([m, n])`, points are m×n matrices), with the metric ⟨u, v⟩ = Σ uᵢvᵢ (Frobenius for
 * matrices). Every tangent space is the whole space: proj is the identity, the retraction is
 * R_x(t·u) = x + t·u (the exponential map), the Riemannian gradient and Hessian are the Euclidean
 * ones, dist(x, y) = ‖x − y‖, and transport is the identity. `random` draws i.i.d. N(0, 1)
 * entries; `typicalDistance` is √dimension (as Manopt's euclideanfactory). Every finite point
 * belongs to it: `residual` is 0, or NaN for a non-finite entry.
 * See Boumal 2023, §3.1; Absil, Mahony & Sepulchre 2008, §3.1.
 *
 * @param shape a length n ≥ 0, or [rows, cols] with integers ≥ 0.
 * @throws TypeError if `shape` is neither an integer nor a pair of integers.
 * @throws RangeError if a size is negative.
 */
export function euclidean(shape: number): Manifold<Float64Array>;
export function euclidean(shape: readonly [number, number]): Manifold<Matrix>;
export function euclidean(shape: number | readonly [number, number]): Manifold<Float64Array> | Manifold<Matrix> {
  if (typeof shape === "number") return euclideanVector(checkInteger("shape", shape));
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new TypeError(`invalid shape: expected a length or [rows, cols], got ${describe(shape)}`);
  }
  return euclideanMatrix(checkInteger("shape[0]", shape[0]), checkInteger("shape[1]", shape[1]));
}

function euclideanVector(n: number): Manifold<Float64Array> {
  const check = (name: string, v: unknown): Float64Array => checkVector(name, v, n);
  const residual = (x: Float64Array): number => (allFinite(check("x", x)) ? 0 : NaN);
  const self: Manifold<Float64Array> = {
    name: `Euclidean(${n})`,
    dimension: n,
    typicalDistance: Math.sqrt(n),
    constraint: "0",
    residual,
    contains: containsFrom(residual),
    inner: (x, u, v) => (check("x", x), dot(check("u", u), check("v", v))),
    norm: (x, u) => (check("x", x), nrm2(check("u", u))),
    proj: (x, u) => (check("x", x), check("u", u).slice()),
    retract: (x, u, t = 1) => (checkStep(t), combine(1, check("x", x), t, check("u", u))),
    egradToRgrad: (x, g) => (check("x", x), check("egrad", g).slice()),
    ehessToRhess: (x, g, h, u) => (check("x", x), check("egrad", g), check("u", u), check("ehess", h).slice()),
    random: (rng) => checkRng(rng).normalArray(n),
    randomTangent: (x, rng) => {
      check("x", x);
      const u = checkRng(rng).normalArray(n);
      return normalizeInPlace(u, nrm2(u));
    },
    zeroTangent: (x) => (check("x", x), new Float64Array(n)),
    lincomb: (x, a, u, b = 1, v) => {
      check("x", x);
      checkLincomb(a, b, v !== undefined);
      return combine(a, check("u", u), b, v === undefined ? undefined : check("v", v));
    },
    dist: (x, y) => nrm2(combine(1, check("x", x), -1, check("y", y))),
    transport: (x, y, u) => (check("x", x), check("y", y), check("u", u).slice()),
  };
  return self;
}

function euclideanMatrix(m: number, n: number): Manifold<Matrix> {
  const check = (name: string, v: unknown): Float64Array => checkMat(name, v, m, n).data;
  const wrap = (d: Float64Array): Matrix => mat(m, n, d);
  const residual = (x: Matrix): number => (allFinite(check("x", x)) ? 0 : NaN);
  return {
    name: `Euclidean(${m}×${n})`,
    dimension: m * n,
    typicalDistance: Math.sqrt(m * n),
    constraint: "0",
    residual,
    contains: containsFrom(residual),
    inner: (x, u, v) => (check("x", x), dot(check("u", u), check("v", v))),
    norm: (x, u) => (check("x", x), nrm2(check("u", u))),
    proj: (x, u) => (check("x", x), wrap(check("u", u).slice())),
    retract: (x, u, t = 1) => (checkStep(t), wrap(combine(1, check("x", x), t, check("u", u)))),
    egradToRgrad: (x, g) => (check("x", x), wrap(check("egrad", g).slice())),
    ehessToRhess: (x, g, h, u) => (check("x", x), check("egrad", g), check("u", u), wrap(check("ehess", h).slice())),
    random: (rng) => wrap(checkRng(rng).normalArray(m * n)),
    randomTangent: (x, rng) => {
      check("x", x);
      const u = checkRng(rng).normalArray(m * n);
      return wrap(normalizeInPlace(u, nrm2(u)));
    },
    zeroTangent: (x) => (check("x", x), wrap(new Float64Array(m * n))),
    lincomb: (x, a, u, b = 1, v) => {
      check("x", x);
      checkLincomb(a, b, v !== undefined);
      return wrap(combine(a, check("u", u), b, v === undefined ? undefined : check("v", v)));
    },
    dist: (x, y) => nrm2(combine(1, check("x", x), -1, check("y", y))),
    transport: (x, y, u) => (check("x", x), check("y", y), wrap(check("u", u).slice())),
  };
}
