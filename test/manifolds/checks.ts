// Shared property checks run on every manifold: the tests call `checkManifold` with a case.
import { expect } from "vitest";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import type { Manifold } from "../../src/manifolds/manifold.js";

/** A manifold under test with its own membership and tangency residuals. */
export interface Case<P> {
  M: Manifold<P>;
  /** How far x is from the manifold (e.g. ‖XᵀX − I‖_F); ~1e-15 for a point on it. */
  offManifold(x: P): number;
  /** How far u is from T_x (e.g. ‖Xᵀξ + ξᵀX‖_F); ~1e-15·‖u‖ for a tangent u. */
  offTangent(x: P, u: P): number;
  /** Whether the retraction is second order (then f(R(x, t·u)) has the Hessian as t² term). */
  secondOrder: boolean;
}

/** The entries of a point (or tangent vector) in a fixed order, concatenated. */
export function flat(p: unknown): Float64Array {
  if (p instanceof Float64Array) return p;
  if (Array.isArray(p)) {
    const parts = p.map(flat);
    const out = new Float64Array(parts.reduce((s, q) => s + q.length, 0));
    let o = 0;
    for (const q of parts) (out.set(q, o), (o += q.length));
    return out;
  }
  return (p as Matrix).data;
}

/** The inverse of `flat` for the shape of `template`. */
export function unflat<P>(template: P, z: Float64Array): P {
  let o = 0;
  const go = (t: unknown): unknown => {
    if (t instanceof Float64Array) return z.slice(o, (o += t.length));
    if (Array.isArray(t)) return t.map(go);
    const m = t as Matrix;
    return { rows: m.rows, cols: m.cols, data: z.slice(o, (o += m.data.length)) };
  };
  return go(template) as P;
}

export function norm(z: Float64Array): number {
  let s = 0;
  for (const v of z) s += v * v;
  return Math.sqrt(s);
}

export function diff(a: unknown, b: unknown): number {
  const x = flat(a), y = flat(b);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - y[i]) ** 2;
  return Math.sqrt(s);
}

/** An ambient (not tangent) Gaussian vector shaped like x. */
export function ambient<P>(x: P, rng: Rng): P {
  return unflat(x, rng.normalArray(flat(x).length));
}

/** ‖AᵀB + BᵀA‖_F for n×k matrices (A = B gives ‖2AᵀA‖, used with the identity subtracted). */
export function symResidual(a: Matrix, b: Matrix): number {
  const { rows: n, cols: k } = a;
  let s = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let v = 0;
      for (let r = 0; r < n; r++) v += a.data[r * k + i] * b.data[r * k + j] + b.data[r * k + i] * a.data[r * k + j];
      s += v * v;
    }
  }
  return Math.sqrt(s);
}

/** ‖XᵀX − I‖_F. */
export function orthoResidual(x: Matrix): number {
  const { rows: n, cols: k } = x;
  let s = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let v = i === j ? -1 : 0;
      for (let r = 0; r < n; r++) v += x.data[r * k + i] * x.data[r * k + j];
      s += v * v;
    }
  }
  return Math.sqrt(s);
}

/** A smooth test cost on the flattened ambient vector z (length N):
 *  f(z) = ½zᵀSz + cᵀz + ¼Σzᵢ⁴, ∇f = Sz + c + z³, ∇²f[u] = Su + 3z²∘u, S symmetric. */
export function testCost(N: number, rng: Rng) {
  const S = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j <= i; j++) S[i * N + j] = S[j * N + i] = rng.normal();
  const c = rng.normalArray(N);
  const Sz = (z: Float64Array): Float64Array => {
    const out = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let v = 0;
      for (let j = 0; j < N; j++) v += S[i * N + j] * z[j];
      out[i] = v;
    }
    return out;
  };
  return {
    f(p: unknown): number {
      const z = flat(p);
      const s = Sz(z);
      let v = 0;
      for (let i = 0; i < N; i++) v += 0.5 * z[i] * s[i] + c[i] * z[i] + 0.25 * z[i] ** 4;
      return v;
    },
    egrad<P>(p: P): P {
      const z = flat(p);
      const g = Sz(z);
      for (let i = 0; i < N; i++) g[i] += c[i] + z[i] ** 3;
      return unflat(p, g);
    },
    ehess<P>(p: P, u: P): P {
      const z = flat(p), w = flat(u);
      const h = Sz(w);
      for (let i = 0; i < N; i++) h[i] += 3 * z[i] * z[i] * w[i];
      return unflat(p, h);
    },
  };
}

/** All the shared checks on one manifold, for a few seeds. */
export function checkManifold<P>(c: Case<P>, seeds: readonly number[] = [1, 2, 3]): void {
  const { M } = c;
  for (const seed of seeds) {
    const rng = new Rng(seed);
    const x = M.random(rng);
    const N = flat(x).length;
    // Points from random / retract are made by an orthonormalization of O(N) flops: residuals are
    // a small multiple of ε·√N; 1e-14 leaves a factor ~20 of margin at these sizes.
    expect(c.offManifold(x)).toBeLessThan(1e-14);

    // residual / contains: the case's own membership residual (an independent formula), on the
    // manifold and at an ambient point off it; NaN and false for a non-finite entry.
    expect(M.residual(x)).toBeLessThan(1e-14);
    expect(M.contains(x)).toBe(true);
    const off = unflat(x, flat(x).map((v, i) => v + 0.3 * Math.sin(i + seed)));
    expect(Math.abs(M.residual(off) - c.offManifold(off))).toBeLessThan(1e-13 * (1 + c.offManifold(off)));
    expect(M.contains(off)).toBe(c.offManifold(off) <= 1e-8);
    expect(M.contains(off, 2 * c.offManifold(off))).toBe(true);
    const broken = unflat(x, flat(x).map((v, i) => (i === N - 1 ? NaN : v)));
    expect(M.residual(broken)).toBeNaN();
    expect(M.contains(broken)).toBe(false);

    // Projection: tangent, idempotent, self-adjoint (an orthogonal projector).
    const u = ambient(x, rng), v = ambient(x, rng);
    const pu = M.proj(x, u), pv = M.proj(x, v);
    const scale = norm(flat(u));
    expect(c.offTangent(x, pu)).toBeLessThan(1e-14 * scale);
    expect(diff(M.proj(x, pu), pu)).toBeLessThan(1e-14 * scale);
    expect(Math.abs(M.inner(x, pu, v) - M.inner(x, u, pv))).toBeLessThan(1e-13 * scale * scale);
    // The residual u − P(u) is normal: orthogonal to every tangent vector.
    expect(Math.abs(M.inner(x, M.lincomb(x, 1, u, -1, pu), pv))).toBeLessThan(1e-13 * scale * scale);

    // randomTangent: unit norm and tangent; norm = √inner.
    const t = M.randomTangent(x, rng);
    expect(Math.abs(M.norm(x, t) - 1)).toBeLessThan(1e-14);
    expect(Math.abs(M.inner(x, t, t) - 1)).toBeLessThan(1e-14);
    expect(c.offTangent(x, t)).toBeLessThan(1e-14);
    expect(norm(flat(M.zeroTangent(x)))).toBe(0);

    // lincomb: a·u + b·v entrywise (each entry one or two roundings).
    const lc = flat(M.lincomb(x, 2, t, -3, pu));
    const want = flat(t).map((ti, i) => 2 * ti - 3 * flat(pu)[i]);
    expect(diff(lc, want)).toBeLessThan(1e-14 * (1 + norm(want)));
    expect(diff(M.lincomb(x, 0.5, t), flat(t).map((ti) => 0.5 * ti))).toBe(0);

    // Retraction: R_x(0) = x, stays on the manifold, and R_x(t·u) = x + t·u + O(t²).
    expect(diff(M.retract(x, t, 0), x)).toBeLessThan(1e-14 * Math.sqrt(N));
    expect(diff(M.retract(x, M.zeroTangent(x)), x)).toBeLessThan(1e-14 * Math.sqrt(N));
    for (const step of [0.3, 1, 5]) expect(c.offManifold(M.retract(x, t, step))).toBeLessThan(1e-14);
    const err = (s: number): number => diff(M.retract(x, t, s), M.lincomb(x, 1, x, s, t));
    if (M.name.startsWith("Euclidean")) {
      expect(err(0.1)).toBeLessThan(1e-15);
    } else {
      // log-log slope between t = 1e-2 and 1e-3: exactly 2 for an O(t²) error with a non-zero
      // t² coefficient (−½·(normal part) here); the O(t³) term moves it by ~1e-2.
      const slope = Math.log10(err(1e-2) / err(1e-3));
      expect(slope).toBeGreaterThan(1.9);
      expect(slope).toBeLessThan(2.1);
    }
    // The retraction with t·u equals the retraction of the scaled vector.
    expect(diff(M.retract(x, t, 0.7), M.retract(x, M.lincomb(x, 0.7, t)))).toBeLessThan(1e-14 * Math.sqrt(N));

    // dist: 0 at x, and dist(x, R_x(s·u)) = s·‖u‖ + O(s²) for a unit u: with s = 1e-4 a relative
    // error ≤ 10·s for a first-order retraction (QR), and O(s²) (≤ 1e-6 with margin) for the
    // second-order ones (a geodesic up to third order).
    if (M.dist) {
      expect(M.dist(x, x)).toBeLessThan(1e-15);
      const s = 1e-4;
      expect(Math.abs(M.dist(x, M.retract(x, t, s)) / s - 1)).toBeLessThan(c.secondOrder ? 1e-6 : 10 * s);
      const y = M.random(rng);
      const dxy = M.dist(x, y), dyx = M.dist(y, x);
      // +Infinity between components (O(n)); otherwise symmetric up to rounding.
      if (Number.isFinite(dxy)) expect(Math.abs(dxy - dyx)).toBeLessThan(1e-14 * (1 + dxy));
      else expect(dyx).toBe(dxy);
    }

    // Transport is the projection at the target: tangent there, identity on T_x when y = x.
    const y = M.retract(x, t, 0.5);
    const tr = M.transport(x, y, pu);
    expect(c.offTangent(y, tr)).toBeLessThan(1e-14 * scale);
    expect(diff(M.transport(x, x, pu), pu)).toBeLessThan(1e-14 * scale);

    // Gradient against a central difference along the retraction curve: error O(h²)·|f'''| ≈ 1e-10
    // plus rounding ε·|f|/h ≈ 1e-11 (h = 1e-5), well below the 1e-7 tolerance.
    const cost = testCost(N, rng);
    const rgrad = M.egradToRgrad(x, cost.egrad(x));
    expect(c.offTangent(x, rgrad)).toBeLessThan(1e-13 * (1 + norm(flat(rgrad))));
    for (const w of [t, pv]) {
      const h = 1e-5;
      const fd = (cost.f(M.retract(x, w, h)) - cost.f(M.retract(x, w, -h))) / (2 * h);
      const an = M.inner(x, rgrad, w);
      expect(Math.abs(fd - an)).toBeLessThan(1e-7 * (1 + Math.abs(an) + Math.abs(cost.f(x))));
    }

    // Hessian: tangent, symmetric, and Hess f(x)[u] = P_x(d/dt grad f(c(t))|₀) along any curve c
    // with c'(0) = u (Boumal 2023, Cor. 5.16), here c(t) = R_x(t·u) and a central difference
    // (error O(h²) ≈ 1e-8·(third derivative) with h = 1e-4, rounding ε/h ≈ 1e-12).
    const hess = (w: P): P => M.ehessToRhess(x, cost.egrad(x), cost.ehess(x, w), w);
    const rg = (p: P): P => M.egradToRgrad(p, cost.egrad(p));
    const w2 = M.randomTangent(x, rng);
    const Ht = hess(t), Hw = hess(w2);
    const hs = 1 + norm(flat(Ht)) + norm(flat(Hw));
    expect(c.offTangent(x, Ht)).toBeLessThan(1e-13 * hs);
    expect(Math.abs(M.inner(x, Ht, w2) - M.inner(x, t, Hw))).toBeLessThan(1e-13 * hs);
    {
      const h = 1e-4;
      const fd = M.proj(x, M.lincomb(x, 1 / (2 * h), rg(M.retract(x, t, h)), -1 / (2 * h), rg(M.retract(x, t, -h))));
      expect(diff(fd, Ht)).toBeLessThan(1e-6 * hs);
    }
    if (c.secondOrder) {
      // For a second-order retraction f(R_x(h·u)) = f + h⟨g, u⟩ + h²/2·⟨Hu, u⟩ + O(h³) at any x,
      // so the second central difference is ⟨Hu, u⟩ + O(h²) (h = 1e-3: error ~1e-6, rounding
      // 4ε|f|/h² ≈ 1e-9·|f|).
      const h = 1e-3;
      const f0 = cost.f(x);
      const fd2 = (cost.f(M.retract(x, t, h)) - 2 * f0 + cost.f(M.retract(x, t, -h))) / (h * h);
      expect(Math.abs(fd2 - M.inner(x, Ht, t))).toBeLessThan(1e-4 * (1 + Math.abs(f0)));
    }
  }
}
