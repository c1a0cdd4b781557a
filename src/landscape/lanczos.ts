// lanczos: extreme eigenpairs of a self-adjoint operator on a tangent space (the Riemannian Hessian).
import { Rng } from "../data/rng.js";
import { derivedRng } from "../data/derived-rng.js";
import { eigh } from "../kernels/linalg/eigh.js";
import { checkManifold, type Manifold } from "../manifolds/manifold.js";
import { checkFinite, checkInteger, checkOptions, describe } from "../validate.js";

/** Options of {@link lanczos}. */
export interface LanczosOptions<P> {
  /**
   * The number of Lanczos steps (Krylov dimension); capped at the manifold's dimension.
   * @defaultValue 20
   */
  steps?: number;
  /**
   * The start vector (a nonzero tangent vector at x).
   * @defaultValue a random unit tangent vector
   */
  start?: P;
  /**
   * Seed of the random start vector (ignored when `start` or `rng` is given). The start is drawn
   * from a stream derived from the seed (`derivedRng`), not from `new Rng(seed)`, so it never
   * repeats the draw that made a point the caller drew with the same seed.
   * @defaultValue 1
   */
  seed?: number;
  /**
   * A generator for the random start vector (takes precedence over `seed`).
   * @defaultValue none (a stream derived from `seed`)
   */
  rng?: Rng;
  /**
   * The recurrence stops early (an invariant subspace was found) when βⱼ ≤ tolerance·‖T‖.
   * @defaultValue 1e-12
   */
  tolerance?: number;
}

/** A Ritz pair: Hess[v] ≈ value·v with ‖v‖ = 1 and ‖Hess[v] − value·v‖ ≤ residual. */
export interface RitzPair<P> {
  value: number;
  vector: P;
  /** The residual norm |β_m·s_m| (exact for the Lanczos recurrence, up to rounding). */
  residual: number;
}

/** The result of {@link lanczos}. */
export interface LanczosResult<P> {
  /** All Ritz values (eigenvalues of the m×m tridiagonal matrix), ascending. */
  ritzValues: Float64Array;
  /** The Ritz pair of the smallest Ritz value (the most negative curvature found). */
  smallest: RitzPair<P>;
  /** The Ritz pair of the largest Ritz value. */
  largest: RitzPair<P>;
  /** The number of steps m performed (fewer than asked when an invariant subspace was found). */
  steps: number;
}

/**
 * The Lanczos method with full reorthogonalization for a linear operator H on the tangent space at
 * x that is self-adjoint in the manifold's metric (the Riemannian Hessian): it builds an orthonormal
 * Krylov basis q₀…q_{m−1} and the tridiagonal T = QᵀHQ, whose eigenvalues (Ritz values) approximate
 * the extreme eigenvalues of H from inside: θ_min ≥ λ_min(H) and θ_max ≤ λ_max(H)
 * (Golub & Van Loan, *Matrix Computations*, §10.1; Parlett, *The Symmetric Eigenvalue Problem*, ch. 13).
 * Full reorthogonalization (twice, modified Gram–Schmidt), followed by a projection onto the
 * tangent space, keeps the basis orthonormal and tangent to rounding, so no spurious copies of
 * converged Ritz values appear; its cost O(m²) vector operations is small
 * for the m ≤ a few dozen used here. Each step costs one call of `hessVec`.
 *
 * @param manifold the manifold; `hessVec` maps tangent vectors at x to tangent vectors at x.
 * @param x the point whose tangent space the operator acts on.
 * @param hessVec the operator u ↦ H[u] (its output is projected onto the tangent space).
 * @throws TypeError / RangeError for bad options or a zero/non-finite start vector; Error if the
 *   manifold has dimension 0.
 */
export function lanczos<P>(
  manifold: Manifold<P>,
  x: P,
  hessVec: (u: P) => P,
  options: LanczosOptions<P> = {},
): LanczosResult<P> {
  const steps = lanczosSteps(manifold, x, hessVec, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * {@link lanczos} for a solver: it awaits `checkpoint` after every step (one `hessVec` call), so
 * the solver can yield to the event loop and stop there (by throwing from `checkpoint`).
 */
export async function lanczosInterruptible<P>(
  manifold: Manifold<P>,
  x: P,
  hessVec: (u: P) => P,
  options: LanczosOptions<P>,
  checkpoint: () => Promise<void>,
): Promise<LanczosResult<P>> {
  const steps = lanczosSteps(manifold, x, hessVec, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await checkpoint();
  }
}

/** The Lanczos iteration of {@link lanczos}, suspended after each step; returns the result. */
function* lanczosSteps<P>(
  manifold: Manifold<P>,
  x: P,
  hessVec: (u: P) => P,
  options: LanczosOptions<P>,
): Generator<void, LanczosResult<P>> {
  checkManifold("manifold", manifold);
  checkOptions("options", options, ["steps", "start", "seed", "rng", "tolerance"]);
  if (typeof hessVec !== "function") throw new TypeError(`invalid hessVec: expected a function, got ${describe(hessVec)}`);
  const M = manifold;
  if (M.dimension === 0) throw new RangeError(`invalid manifold: the tangent space of ${M.name} has dimension 0; lanczos needs at least 1`);
  const steps = Math.min(checkInteger("steps", options.steps ?? 20, 1), M.dimension);
  const tolerance = checkFinite("tolerance", options.tolerance ?? 1e-12, 0);
  const seed = checkInteger("seed", options.seed ?? 1, 0);
  if (options.rng !== undefined && !(options.rng instanceof Rng)) {
    throw new TypeError(`invalid rng: expected an Rng, got ${describe(options.rng)}`);
  }
  let q: P;
  if (options.start !== undefined) {
    const s = M.proj(x, options.start);
    const norm = M.norm(x, s);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      throw new RangeError(`invalid start: expected a nonzero finite tangent vector, got norm ${norm}`);
    }
    q = M.lincomb(x, 1 / norm, s);
  } else {
    q = M.randomTangent(x, options.rng ?? derivedRng(seed, "lanczos"));
  }

  const basis: P[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let scale = 0;
  for (let j = 0; j < steps; j++) {
    basis.push(q);
    let w = M.proj(x, hessVec(q));
    const a = M.inner(x, q, w);
    alpha.push(a);
    // Full reorthogonalization against the whole basis, twice ("twice is enough", Parlett §6.9);
    // it subsumes the three-term recurrence w − αⱼqⱼ − βⱼ₋₁qⱼ₋₁.
    for (let pass = 0; pass < 2; pass++) {
      for (const qi of basis) w = M.lincomb(x, 1, w, -M.inner(x, qi, w), qi);
    }
    // Back onto the tangent space: each qᵢ carries an O(ε) normal component from rounding, which
    // the subtractions above copy into w and the division by βⱼ amplifies by ‖H‖/βⱼ per step;
    // unchecked it grows geometrically (on O(10), to a non-tangent basis vector and a spurious
    // Ritz value below λ_min after 45 steps). The projection keeps every qⱼ tangent to O(ε).
    w = M.proj(x, w);
    const b = M.norm(x, w);
    scale = Math.max(scale, Math.abs(a) + b + (j > 0 ? beta[j - 1] : 0));
    beta.push(b);
    yield;
    if (j === steps - 1 || b <= tolerance * scale) break;
    q = M.lincomb(x, 1 / b, w);
  }

  const m = alpha.length;
  const t = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    t[i * m + i] = alpha[i];
    if (i + 1 < m) t[i * m + i + 1] = t[(i + 1) * m + i] = beta[i];
  }
  const { values, vectors } = eigh({ rows: m, cols: m, data: t });
  const ritz = (col: number): RitzPair<P> => {
    let v = M.zeroTangent(x);
    for (let i = 0; i < m; i++) v = M.lincomb(x, 1, v, vectors.data[i * m + col], basis[i]);
    const norm = M.norm(x, v);
    return { value: values[col], vector: M.lincomb(x, 1 / norm, v), residual: Math.abs(beta[m - 1] * vectors.data[(m - 1) * m + col]) };
  };
  return { ritzValues: values, smallest: ritz(0), largest: ritz(m - 1), steps: m };
}
