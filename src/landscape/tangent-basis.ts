// tangentBasis(manifold, x): an orthonormal basis of the tangent space at x, in ambient coordinates.
import { checkManifold, type Manifold } from "../manifolds/manifold.js";
import { describe } from "../validate.js";

/** Candidates whose remaining squared norm is below this fraction of the largest are dependent. */
const DEPENDENT = 1e-12;

/**
 * Ambient coordinates of tangent vectors shaped like a template (a Float64Array, a Matrix, or an
 * array of those for a product): `size` coordinates in storage order (a Float64Array's entries,
 * a Matrix's row-major data, a product's factors one after another).
 */
export interface AmbientCoordinates<P> {
  size: number;
  /** The coordinates of v as a new Float64Array. */
  flatten(v: P): Float64Array;
  /** The tangent vector with coordinates data[offset … offset + size). */
  unflatten(data: Float64Array, offset?: number): P;
}

function sizeOf(t: unknown): number {
  if (t instanceof Float64Array) return t.length;
  if (Array.isArray(t)) return t.reduce((s: number, f: unknown) => s + sizeOf(f), 0);
  const m = t as { data?: unknown } | null;
  if (m !== null && typeof m === "object" && m.data instanceof Float64Array) return m.data.length;
  throw new TypeError(`unsupported tangent vector ${describe(t)}: expected a Float64Array, a Matrix, or an array of those`);
}

/** The {@link AmbientCoordinates} of tangent vectors shaped like `template`. */
export function ambientCoordinates<P>(template: P): AmbientCoordinates<P> {
  const size = sizeOf(template);
  const write = (v: unknown, out: Float64Array, offset: number): number => {
    if (v instanceof Float64Array) {
      out.set(v, offset);
      return offset + v.length;
    }
    if (Array.isArray(v)) return v.reduce((o: number, f: unknown) => write(f, out, o), offset);
    const d = (v as { data: Float64Array }).data;
    out.set(d, offset);
    return offset + d.length;
  };
  const read = (shape: unknown, data: Float64Array, offset: number): [unknown, number] => {
    if (shape instanceof Float64Array) return [data.slice(offset, offset + shape.length), offset + shape.length];
    if (Array.isArray(shape)) {
      let o = offset;
      const parts = shape.map((f: unknown) => {
        const [part, next] = read(f, data, o);
        o = next;
        return part;
      });
      return [parts, o];
    }
    const m = shape as { rows: number; cols: number; data: Float64Array };
    return [{ rows: m.rows, cols: m.cols, data: data.slice(offset, offset + m.data.length) }, offset + m.data.length];
  };
  return {
    size,
    flatten: (v) => {
      const out = new Float64Array(size);
      if (write(v, out, 0) !== size) throw new RangeError(`invalid tangent vector: expected ${size} coordinates`);
      return out;
    },
    unflatten: (data, offset = 0) => read(template, data, offset)[0] as P,
  };
}

/** The result of {@link tangentBasis}. */
export interface TangentBasis<P> {
  /** b₁ … b_d as tangent vectors at x. */
  vectors: P[];
  /** The same, row-major d×N: row i holds the ambient coordinates of bᵢ. */
  coordinates: Float64Array;
  /** The ambient coordinate map (N = `ambient.size`). */
  ambient: AmbientCoordinates<P>;
}

/**
 * An orthonormal basis b₁ … b_d of the tangent space T_xM, d = `manifold.dimension`, in the
 * manifold's metric — the embedded (ambient Euclidean) metric the `Manifold` interface specifies,
 * so that ⟨u, v⟩ₓ is the dot product of ambient coordinates (checked, see below).
 *
 * Algorithm: the ambient unit vectors e₁ … e_N are projected, cₖ = proj(x, eₖ) (the columns of the
 * orthogonal projector onto T_xM), and orthonormalized by modified Gram–Schmidt WITH column
 * pivoting — the pivoted QR factorization of the projector (Golub & Van Loan, *Matrix
 * Computations*, 4th ed., §5.4.2), left-looking with downdated norms as LAPACK's dgeqp3: each
 * step takes the candidate with the largest remaining norm, orthogonalizes it (twice) against the
 * basis and normalizes it. Pivoting makes this robust: after s steps the remaining candidates are the
 * columns of a projector of rank d − s, whose largest column has squared norm ≥ (d − s)/N, so
 * every pivot is ≥ 1/√N while dependent candidates are at rounding level. (The library's `qr` has
 * no pivoting, so it is not used.) Cost: N projections and ≈ N²·d + 4N·d² flops in plain JavaScript.
 * The metric is then checked on one combination: ‖Σ aᵢbᵢ‖ₓ (by `manifold.norm`) must equal ‖a‖.
 *
 * @throws TypeError for an unsupported tangent-vector type; Error if the projections do not span
 *   exactly `manifold.dimension` dimensions (a pivot below 10⁻⁶ of the largest projected norm
 *   before d vectors were found, or a candidate above it after) or the metric is not the embedded one.
 */
export function tangentBasis<P>(manifold: Manifold<P>, x: P): TangentBasis<P> {
  checkManifold("manifold", manifold);
  const M = manifold;
  const d = M.dimension;
  const ambient = ambientCoordinates(M.zeroTangent(x));
  const n = ambient.size;
  // Row k of c: the candidate proj(x, eₖ).
  const c = new Float64Array(n * n);
  const unit = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    unit.fill(0);
    unit[k] = 1;
    c.set(ambient.flatten(M.proj(x, ambient.unflatten(unit))), k * n);
  }
  // Left-looking pivoted Gram–Schmidt with norm downdating (as LAPACK's dgeqp3): the candidates
  // keep their original values; since bₛ ⊥ b₁ … bₛ₋₁, ⟨bₛ, residual of cₖ⟩ = ⟨bₛ, cₖ⟩, so the
  // remaining squared norms are downdated by ⟨bₛ, cₖ⟩² and recomputed exactly when cancellation
  // has eaten 4 of their 16 digits (unless already negligible). Only the chosen pivot is
  // orthogonalized explicitly (twice).
  const norms2 = new Float64Array(n);
  const reference = new Float64Array(n);
  let largest = 0;
  for (let k = 0; k < n; k++) {
    norms2[k] = reference[k] = dotRows(c, k, c, k, n);
    largest = Math.max(largest, norms2[k]);
  }
  const threshold = DEPENDENT * largest;
  const b = new Float64Array(d * n);
  const used = new Uint8Array(n);
  const residual = (k: number, steps: number): Float64Array => {
    const r = c.slice(k * n, (k + 1) * n);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < steps; i++) {
        const s = dotRows(b, i, r, 0, n);
        for (let j = 0; j < n; j++) r[j] -= s * b[i * n + j];
      }
    }
    return r;
  };
  for (let step = 0; step < d; step++) {
    let p = -1;
    for (let k = 0; k < n; k++) if (!used[k] && (p < 0 || norms2[k] > norms2[p])) p = k;
    const q = p < 0 ? undefined : residual(p, step);
    const q2 = q === undefined ? 0 : dotRows(q, 0, q, 0, n);
    if (q === undefined || !(q2 > threshold)) {
      throw new RangeError(`invalid x: the projections onto the tangent space of ${M.name} at x span only ${step} dimensions, expected ${d} (x off the manifold or not finite?)`);
    }
    used[p] = 1;
    const norm = Math.sqrt(q2);
    for (let j = 0; j < n; j++) b[step * n + j] = q[j] / norm;
    for (let k = 0; k < n; k++) {
      if (used[k]) continue;
      norms2[k] -= dotRows(b, step, c, k, n) ** 2;
      if (norms2[k] < 1e-4 * reference[k] && norms2[k] > threshold) {
        const r = residual(k, step + 1);
        norms2[k] = reference[k] = dotRows(r, 0, r, 0, n);
      }
    }
  }
  for (let k = 0; k < n; k++) {
    if (!used[k] && norms2[k] > threshold) {
      throw new Error(`tangentBasis: the projections onto the tangent space of ${M.name} span more than its dimension ${d}`);
    }
  }
  const vectors = Array.from({ length: d }, (_, i) => ambient.unflatten(b, i * n));
  checkMetric(M, x, b, d, n, ambient);
  return { vectors, coordinates: b, ambient };
}

/** Σⱼ a[ia·n + j]·b[ib·n + j]. */
function dotRows(a: Float64Array, ia: number, b: Float64Array, ib: number, n: number): number {
  let s = 0;
  for (let j = 0; j < n; j++) s += a[ia * n + j] * b[ib * n + j];
  return s;
}

/** Checks ‖Σ aᵢbᵢ‖ₓ = ‖a‖ for aᵢ = (−1)ⁱ/(i + 1): the metric is the ambient dot product. */
function checkMetric<P>(M: Manifold<P>, x: P, b: Float64Array, d: number, n: number, ambient: AmbientCoordinates<P>): void {
  if (d === 0) return;
  const v = new Float64Array(n);
  let expected = 0;
  for (let i = 0; i < d; i++) {
    const a = (i % 2 === 0 ? 1 : -1) / (i + 1);
    expected += a * a;
    for (let j = 0; j < n; j++) v[j] += a * b[i * n + j];
  }
  const got = M.norm(x, ambient.unflatten(v)) ** 2;
  if (!(Math.abs(got - expected) <= 1e-8 * expected)) {
    throw new Error(`tangentBasis: the metric of ${M.name} is not the embedded (ambient dot product) one: ‖v‖² = ${got}, expected ${expected}`);
  }
}
