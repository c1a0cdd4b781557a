// tangentBasis(manifold, x): an orthonormal basis of the tangent space at x, in the manifold's metric.
import type { Manifold } from "../manifolds/manifold.js";
import { describe } from "../validate.js";

/** Candidates whose remaining squared norm is below this fraction of the largest are dependent. */
const DEPENDENT = 1e-12;

/** The number of ambient coordinates of a tangent vector (Float64Array, Matrix, or array of those). */
function ambientSize(t: unknown): number {
  if (t instanceof Float64Array) return t.length;
  if (Array.isArray(t)) return t.reduce((s: number, f: unknown) => s + ambientSize(f), 0);
  const m = t as { rows?: unknown; cols?: unknown; data?: unknown } | null;
  if (m !== null && typeof m === "object" && m.data instanceof Float64Array) return m.data.length;
  throw new TypeError(
    `tangentBasis: unsupported tangent vector ${describe(t)} (expected a Float64Array, a Matrix, or an array of those)`,
  );
}

/**
 * A zero tangent vector shaped like `t` with ambient coordinate k set to 1 (coordinates in storage
 * order: a Float64Array's entries, a Matrix's row-major data, a product's factors one after another).
 */
function ambientUnit<P>(t: P, k: number): P {
  const build = (s: unknown, offset: number): unknown => {
    if (s instanceof Float64Array) {
      const out = new Float64Array(s.length);
      if (k >= offset && k < offset + s.length) out[k - offset] = 1;
      return out;
    }
    if (Array.isArray(s)) {
      let o = offset;
      return s.map((f: unknown) => {
        const part = build(f, o);
        o += ambientSize(f);
        return part;
      });
    }
    const m = s as { rows: number; cols: number; data: Float64Array };
    return { rows: m.rows, cols: m.cols, data: build(m.data, offset) };
  };
  return build(t, 0) as P;
}

/**
 * An orthonormal basis b₁ … b_d of the tangent space T_xM in the manifold's metric
 * (⟨bᵢ, bⱼ⟩ₓ = δᵢⱼ), d = `manifold.dimension`.
 *
 * Algorithm: the ambient unit vectors e₁ … e_N (N ambient coordinates: entries of a
 * Float64Array, of a Matrix's row-major data, of each factor of a product in turn) are projected,
 * cₖ = proj(x, eₖ), and orthonormalized by modified Gram–Schmidt WITH column pivoting in the metric
 * ⟨·,·⟩ₓ — the pivoted QR factorization of the projector's columns (Golub & Van Loan, *Matrix
 * Computations*, 4th ed., §5.4.2). Each step takes the candidate with the largest remaining norm,
 * reorthogonalizes it once more against the basis, normalizes it, and removes its component from
 * every other candidate. Pivoting is what makes this robust: the columns of an orthogonal projector
 * of rank d leave, after s steps, a projector of rank d − s whose largest column has squared norm
 * ≥ (d − s)/N, so every pivot is ≥ 1/√N while dependent candidates are at rounding level. (The
 * library's `qr` has no pivoting and works in the Euclidean metric only, so it is not used.)
 * Cost: N projections and O(N²·d) metric operations — meant for dimensions up to a few hundred.
 *
 * @throws TypeError for an unsupported point type; Error if the projections do not span a space of
 *   exactly `manifold.dimension` (a pivot below 10⁻⁶ of the largest projected norm before d vectors
 *   were found, or a remaining candidate above it after), i.e. `proj` and `dimension` disagree.
 */
export function tangentBasis<P>(manifold: Manifold<P>, x: P): P[] {
  const M = manifold;
  const d = M.dimension;
  const template = M.zeroTangent(x);
  const n = ambientSize(template);
  const candidates: P[] = [];
  const norms2: number[] = [];
  let largest = 0;
  for (let k = 0; k < n; k++) {
    const c = M.proj(x, ambientUnit(template, k));
    candidates.push(c);
    norms2.push(M.inner(x, c, c));
    largest = Math.max(largest, norms2[k]);
  }
  const threshold = DEPENDENT * largest;
  const basis: P[] = [];
  const used = new Uint8Array(n);
  for (let step = 0; step < d; step++) {
    let p = -1;
    for (let k = 0; k < n; k++) if (!used[k] && (p < 0 || norms2[k] > norms2[p])) p = k;
    if (p < 0 || !(norms2[p] > threshold)) {
      throw new Error(`tangentBasis: the projections onto the tangent space of ${M.name} span only ${step} dimensions, expected ${d}`);
    }
    used[p] = 1;
    let q = candidates[p];
    for (const b of basis) q = M.lincomb(x, 1, q, -M.inner(x, b, q), b);
    q = M.lincomb(x, 1 / M.norm(x, q), q);
    basis.push(q);
    for (let k = 0; k < n; k++) {
      if (used[k]) continue;
      candidates[k] = M.lincomb(x, 1, candidates[k], -M.inner(x, q, candidates[k]), q);
      norms2[k] = M.inner(x, candidates[k], candidates[k]);
    }
  }
  for (let k = 0; k < n; k++) {
    if (!used[k] && norms2[k] > threshold) {
      throw new Error(`tangentBasis: the projections onto the tangent space of ${M.name} span more than its dimension ${d}`);
    }
  }
  return basis;
}
