// sphere(n): the unit sphere S^{n−1} = { x ∈ ℝⁿ : ‖x‖ = 1 }, points are Float64Array.
import { dot } from "../kernels/blas/dot.js";
import { nrm2 } from "../kernels/blas/nrm2.js";
import { checkInteger, checkVector } from "../validate.js";
import { allFinite, checkLincomb, checkRng, checkStep, combine, containsFrom, normalizeInPlace, unitTangentFromDraws, type Manifold } from "./manifold.js";

/** Projection u − ⟨x, u⟩x onto the tangent space {ξ : ⟨x, ξ⟩ = 0}. */
function projSphere(x: Float64Array, u: Float64Array): Float64Array {
  return combine(1, u, -dot(x, u), x);
}

/** The great-circle distance 2·asin(‖x − y‖/2), accurate also for nearby points. */
function sphereDist(x: Float64Array, y: Float64Array): number {
  return 2 * Math.asin(Math.min(1, nrm2(combine(1, x, -1, y)) / 2));
}

/**
 * The unit sphere S^{n−1} = { x ∈ ℝⁿ : xᵀx = 1 } (dimension n − 1) as a Riemannian submanifold of
 * ℝⁿ (Boumal 2023, §3.5, §5.5, §7.2; Absil, Mahony & Sepulchre 2008, §3.6.1, §4.1.1, §5.3.3):
 * - tangent space T_x = { ξ : xᵀξ = 0 }, metric ⟨u, v⟩ = uᵀv, projection P_x(u) = u − (xᵀu)·x;
 * - retraction by normalization R_x(t·u) = (x + t·u) / ‖x + t·u‖ (a second-order retraction);
 * - grad f(x) = P_x(∇f̄(x)), Hess f(x)[u] = P_x(∇²f̄(x)[u]) − (xᵀ∇f̄(x))·u;
 * - dist(x, y) = arccos(xᵀy), computed as 2·asin(‖x − y‖/2) for accuracy near 0;
 * - random points are uniform (a normalized Gaussian); typicalDistance = π;
 * - residual(x) = |‖x‖ − 1| (NaN for a non-finite entry);
 * - transport(x, y, u) = P_y(u).
 *
 * @param n the ambient dimension, an integer ≥ 1 (S⁰ = {±1} has dimension 0).
 * @throws TypeError / RangeError if `n` is not an integer ≥ 1.
 */
export function sphere(n: number): Manifold<Float64Array> {
  checkInteger("n", n, 1);
  const check = (name: string, v: unknown): Float64Array => checkVector(name, v, n);
  const residual = (x: Float64Array): number => (allFinite(check("x", x)) ? Math.abs(nrm2(x) - 1) : NaN);
  return {
    name: `Sphere(${n})`,
    dimension: n - 1,
    typicalDistance: Math.PI,
    constraint: "|‖x‖ − 1|",
    residual,
    contains: containsFrom(residual),
    inner: (x, u, v) => (check("x", x), dot(check("u", u), check("v", v))),
    norm: (x, u) => (check("x", x), nrm2(check("u", u))),
    proj: (x, u) => projSphere(check("x", x), check("u", u)),
    retract: (x, u, t = 1) => {
      checkStep(t);
      const y = combine(1, check("x", x), t, check("u", u));
      return normalizeInPlace(y, nrm2(y));
    },
    egradToRgrad: (x, g) => projSphere(check("x", x), check("egrad", g)),
    ehessToRhess: (x, g, h, u) => {
      check("x", x);
      const hx = projSphere(x, check("ehess", h));
      const c = dot(x, check("egrad", g));
      const uu = check("u", u);
      for (let i = 0; i < n; i++) hx[i] -= c * uu[i];
      return hx;
    },
    random: (rng) => {
      const r = checkRng(rng);
      for (;;) {
        const x = r.normalArray(n);
        const s = nrm2(x);
        if (s > 0) return normalizeInPlace(x, s);
      }
    },
    randomTangent: (x, rng) => {
      check("x", x);
      checkRng(rng);
      return unitTangentFromDraws(n - 1, () => rng.normalArray(n), (g) => projSphere(x, g));
    },
    zeroTangent: (x) => (check("x", x), new Float64Array(n)),
    lincomb: (x, a, u, b = 1, v) => {
      check("x", x);
      checkLincomb(a, b, v !== undefined);
      return combine(a, check("u", u), b, v === undefined ? undefined : check("v", v));
    },
    dist: (x, y) => sphereDist(check("x", x), check("y", y)),
    transport: (x, y, u) => (check("x", x), projSphere(check("y", y), check("u", u))),
  };
}
