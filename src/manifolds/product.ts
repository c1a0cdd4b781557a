// product([M₁, …, M_m]): the product manifold M₁ × … × M_m, points are arrays of factor points.
import type { Rng } from "../data/rng.js";
import { describe } from "../validate.js";
import { checkLincomb, checkRng, checkStep, containsFrom, type Manifold } from "./manifold.js";

/** The point type of a product of the manifolds in `T`. */
export type ProductPoint<T extends readonly Manifold<unknown>[]> = {
  [K in keyof T]: T[K] extends Manifold<infer P> ? P : never;
};

function isManifold(m: unknown): m is Manifold<unknown> {
  if (m === null || typeof m !== "object") return false;
  const r = m as Record<string, unknown>;
  return typeof r.dimension === "number" && typeof r.proj === "function" && typeof r.retract === "function" &&
    typeof r.residual === "function";
}

/**
 * The product manifold M₁ × … × M_m with the product metric ⟨u, v⟩ = Σᵢ ⟨uᵢ, vᵢ⟩ (Boumal 2023,
 * §3.7, §5.8; Absil, Mahony & Sepulchre 2008, §3.1.6). A point (and a tangent vector) is an
 * array of m factor points (tangent vectors); every operation — projection, retraction, gradient
 * and Hessian conversion, transport, lincomb — acts factor by factor. The dimension is the sum
 * of the factors'; dist(x, y) = √(Σᵢ distᵢ(xᵢ, yᵢ)²) when every factor has a `dist` (absent
 * otherwise); typicalDistance = √(Σᵢ typicalDistanceᵢ²). `randomTangent` is uniform on the unit
 * sphere of the tangent space: each factor's uniform unit direction times an independent χ
 * radius with dimᵢ degrees of freedom gives a standard Gaussian tangent vector, then normalized.
 * residual(x) = maxᵢ residualᵢ(xᵢ) (NaN if any is). The factors' arrays are not copied; a factor
 * may itself be a product.
 *
 * @param factors a non-empty array of manifolds.
 * @throws TypeError if `factors` is not an array of manifolds; RangeError if it is empty.
 */
export function product<const T extends readonly Manifold<any>[]>(factors: T): Manifold<ProductPoint<T>> {
  if (!Array.isArray(factors)) {
    throw new TypeError(`invalid factors: expected an array of manifolds, got ${describe(factors)}`);
  }
  if (factors.length === 0) throw new RangeError("invalid factors: expected at least one manifold, got Array(0)");
  factors.forEach((f, i) => {
    if (!isManifold(f)) throw new TypeError(`invalid factors[${i}]: expected a manifold, got ${describe(f)}`);
  });
  const ms = factors.slice() as Manifold<unknown>[];
  const m = ms.length;
  type P = unknown[];
  const check = (name: string, v: unknown): P => {
    if (!Array.isArray(v)) throw new TypeError(`invalid ${name}: expected an array of ${m} factor points, got ${describe(v)}`);
    if (v.length !== m) throw new RangeError(`invalid ${name}: expected ${m} factors, got Array(${v.length})`);
    return v;
  };
  const map = (f: (mi: Manifold<unknown>, i: number) => unknown): P => ms.map(f);
  const sum = (f: (mi: Manifold<unknown>, i: number) => number): number => ms.reduce((s, mi, i) => s + f(mi, i), 0);
  const hasDist = ms.every((mi) => typeof mi.dist === "function");
  const residual = (x: P): number => {
    const xs = check("x", x);
    // Math.max propagates NaN: one non-finite factor makes the residual NaN.
    return ms.reduce((worst, mi, i) => Math.max(worst, mi.residual(xs[i])), 0);
  };
  // The factors' formulas, Euclidean ones ("0") left out.
  const constraints = ms.map((mi) => mi.constraint).filter((c) => c !== "0");
  const self: Manifold<P> = {
    name: `Product(${ms.map((mi) => mi.name).join(" × ")})`,
    dimension: sum((mi) => mi.dimension),
    typicalDistance: Math.sqrt(sum((mi) => mi.typicalDistance ** 2)),
    constraint: constraints.length === 0 ? "0" : constraints.length === 1 ? constraints[0] : `max(${constraints.join(", ")})`,
    residual,
    contains: containsFrom(residual),
    inner: (x, u, v) => {
      const [xs, us, vs] = [check("x", x), check("u", u), check("v", v)];
      return sum((mi, i) => mi.inner(xs[i], us[i], vs[i]));
    },
    norm: (x, u) => Math.sqrt(self.inner(x, u, u)),
    proj: (x, u) => {
      const [xs, us] = [check("x", x), check("u", u)];
      return map((mi, i) => mi.proj(xs[i], us[i]));
    },
    retract: (x, u, t = 1) => {
      checkStep(t);
      const [xs, us] = [check("x", x), check("u", u)];
      return map((mi, i) => mi.retract(xs[i], us[i], t));
    },
    egradToRgrad: (x, g) => {
      const [xs, gs] = [check("x", x), check("egrad", g)];
      return map((mi, i) => mi.egradToRgrad(xs[i], gs[i]));
    },
    ehessToRhess: (x, g, h, u) => {
      const [xs, gs, hs, us] = [check("x", x), check("egrad", g), check("ehess", h), check("u", u)];
      return map((mi, i) => mi.ehessToRhess(xs[i], gs[i], hs[i], us[i]));
    },
    random: (rng: Rng) => {
      checkRng(rng);
      return map((mi) => mi.random(rng));
    },
    randomTangent: (x, rng) => {
      const xs = check("x", x);
      checkRng(rng);
      const parts = map((mi, i) => {
        let r2 = 0;
        for (let j = 0; j < mi.dimension; j++) r2 += rng.normal() ** 2;
        return mi.lincomb(xs[i], Math.sqrt(r2), mi.randomTangent(xs[i], rng));
      });
      const s = self.norm(xs, parts);
      return s > 0 ? self.lincomb(xs, 1 / s, parts) : parts;
    },
    zeroTangent: (x) => {
      const xs = check("x", x);
      return map((mi, i) => mi.zeroTangent(xs[i]));
    },
    lincomb: (x, a, u, b = 1, v) => {
      const [xs, us] = [check("x", x), check("u", u)];
      checkLincomb(a, b, v !== undefined);
      if (v === undefined) return map((mi, i) => mi.lincomb(xs[i], a, us[i]));
      const vs = check("v", v);
      return map((mi, i) => mi.lincomb(xs[i], a, us[i], b, vs[i]));
    },
    transport: (x, y, u) => {
      const [xs, ys, us] = [check("x", x), check("y", y), check("u", u)];
      return map((mi, i) => mi.transport(xs[i], ys[i], us[i]));
    },
  };
  if (hasDist) {
    self.dist = (x, y) => {
      const [xs, ys] = [check("x", x), check("y", y)];
      return Math.sqrt(sum((mi, i) => (mi.dist as (a: unknown, b: unknown) => number)(xs[i], ys[i]) ** 2));
    };
  }
  return self as unknown as Manifold<ProductPoint<T>>;
}
