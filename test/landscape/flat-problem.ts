// A smooth test problem on any manifold, through the flattened ambient coordinates z of a point:
// f(x) = ½⟨z, Az⟩ + ⟨b, z⟩ + ¼Σ zᵢ⁴, with deliberately wrong variants of its derivatives.
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import type { Manifold } from "../../src/manifolds/manifold.js";
import type { Problem } from "../../src/problems/problem.js";

type Point = Float64Array | Matrix | Point[];

/** The ambient coordinates of a point (or tangent vector), concatenated. */
export function flatten(p: unknown): Float64Array {
  if (p instanceof Float64Array) return p;
  if (Array.isArray(p)) {
    const parts = p.map(flatten);
    const out = new Float64Array(parts.reduce((s, q) => s + q.length, 0));
    let at = 0;
    for (const q of parts) { out.set(q, at); at += q.length; }
    return out;
  }
  return (p as Matrix).data;
}

/** A point shaped like `like` holding `flat` (the inverse of `flatten`). */
export function unflatten(like: unknown, flat: Float64Array, at = 0): Point {
  if (like instanceof Float64Array) return flat.slice(at, at + like.length);
  if (Array.isArray(like)) {
    const out: Point[] = [];
    for (const q of like) { out.push(unflatten(q, flat, at)); at += flatten(q).length; }
    return out;
  }
  const m = like as Matrix;
  return { rows: m.rows, cols: m.cols, data: flat.slice(at, at + m.data.length) };
}

/**
 * `"right"`: the exact derivatives. Wrong gradients: `"scaled"` (×2), `"sign"` (the sign of its
 * largest entry flipped), `"relative"` (plus 1e-3·‖∇f‖ along a fixed unit vector); `"half-hessian"`:
 * the right gradient with the Hessian-vector product halved.
 */
export function flatProblem<P>(
  M: Manifold<P>, seed: number, variant: "right" | "scaled" | "sign" | "relative" | "half-hessian",
): Problem<P> {
  const rng = new Rng(1000 + seed);
  const x0 = M.random(rng);
  const N = flatten(x0).length;
  const A = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j <= i; j++) A[i * N + j] = A[j * N + i] = rng.normal();
  const b = rng.normalArray(N);
  const w = rng.normalArray(N);
  const wn = Math.hypot(...w);
  const times = (z: Float64Array): Float64Array => {
    const out = new Float64Array(N);
    for (let i = 0; i < N; i++) { let s = 0; for (let j = 0; j < N; j++) s += A[i * N + j] * z[j]; out[i] = s; }
    return out;
  };
  const grad = (z: Float64Array): Float64Array => {
    const g = times(z);
    for (let i = 0; i < N; i++) g[i] += b[i] + z[i] ** 3;
    return g;
  };
  const wrongGrad = (g: Float64Array): Float64Array => {
    if (variant === "scaled") return g.map((v) => 2 * v);
    if (variant === "sign") {
      let k = 0;
      for (let i = 1; i < N; i++) if (Math.abs(g[i]) > Math.abs(g[k])) k = i;
      const out = g.slice();
      out[k] = -out[k];
      return out;
    }
    if (variant === "relative") {
      const s = (1e-3 * Math.hypot(...g)) / wn;
      return g.map((v, i) => v + s * w[i]);
    }
    return g;
  };
  return {
    manifold: M,
    cost: (x) => {
      const z = flatten(x);
      const Az = times(z);
      let f = 0;
      for (let i = 0; i < N; i++) f += 0.5 * z[i] * Az[i] + b[i] * z[i] + 0.25 * z[i] ** 4;
      return f;
    },
    egrad: (x) => unflatten(x, wrongGrad(grad(flatten(x)))) as P,
    ehessVec: (x, u) => {
      const z = flatten(x), v = flatten(u);
      const h = times(v);
      const scale = variant === "half-hessian" ? 0.5 : 1;
      for (let i = 0; i < N; i++) h[i] = scale * (h[i] + 3 * z[i] * z[i] * v[i]);
      return unflatten(x, h) as P;
    },
  };
}
