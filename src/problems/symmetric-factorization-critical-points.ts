// The critical points of ¼‖X − UUᵀ‖²_F (rank r) and ¼‖X − uuᵀ‖²_F in closed form, from eigh(X).
import type { Matrix } from "../matrix.js";
import { eigh } from "../kernels/linalg/eigh.js";
import { CURVATURE_TOLERANCE, kindFromCurvature, type CriticalPointKind } from "../landscape/classify.js";
import { checkChoice, checkFinite, checkInteger, checkOptions } from "../validate.js";
import { checkSymmetricMatrix } from "./symmetric.js";

/** A critical point of `symmetricFactorization(X, r)` with its closed-form data. */
export interface SymmetricFactorizationCriticalPoint {
  /** U = [√λ_{s₁}·v_{s₁}, …, √λ_{s_k}·v_{s_k}, 0, …, 0] (n×r); every U·Q, Q ∈ O(r), is critical too. */
  point: Matrix;
  /** The subset S = [s₁, …, s_k] (k ≤ r) as positions in eigh(X).values (ascending order), by decreasing λ. */
  indices: number[];
  /** λ_S: the eigenvalues of the subset, in the same order. */
  eigenvalues: Float64Array;
  /** f(U) = ¼·Σ_{j∉S} λⱼ². */
  cost: number;
  /** All n·r eigenvalues of the Hessian at U, ascending (see {@link symmetricFactorizationCriticalPoints}). */
  hessianEigenvalues: Float64Array;
  /** The second-order class of the Hessian eigenvalues, by the rule of `classifyCriticalPoint`. */
  kind: Exclude<CriticalPointKind, "not-critical">;
  /** Whether f(U) is the global minimum (UUᵀ is a best rank-r PSD approximation of X). */
  globalMinimizer: boolean;
}

/** A critical point of `rankOneFactorization(X)` with its closed-form data. */
export interface RankOneCriticalPoint {
  /** u = sign·√λᵢ·vᵢ, or u = 0. */
  point: Float64Array;
  /** i: the position of λᵢ in eigh(X).values (ascending), or −1 for u = 0. */
  index: number;
  /** λᵢ (0 for u = 0). */
  eigenvalue: number;
  /** +1 or −1 (0 for u = 0); vᵢ is signed as `eigh` returns it. */
  sign: number;
  /** f(u) = ¼·Σ_{j≠i} λⱼ² = ¼(‖X‖²_F − λᵢ²) (¼‖X‖²_F at u = 0). */
  cost: number;
  /** The n Hessian eigenvalues, ascending: {λᵢ − λⱼ : j ≠ i} ∪ {2λᵢ}; at u = 0, {−λⱼ}. */
  hessianEigenvalues: Float64Array;
  /** The second-order class, by the rule of `classifyCriticalPoint`. */
  kind: Exclude<CriticalPointKind, "not-critical">;
  /** Whether f(u) is the global minimum. */
  globalMinimizer: boolean;
}

/** Options of {@link symmetricFactorizationCriticalPoints}. */
export interface SymmetricFactorizationCriticalPointsOptions {
  /**
   * The relative curvature tolerance of the class (as in `classifyCriticalPoint`).
   * @defaultValue 1e-6
   */
  curvatureTolerance?: number;
  /**
   * The most critical points to enumerate (Σ_{k≤r} C(p, k) for p positive eigenvalues); more is a RangeError.
   * @defaultValue 10000
   */
  limit?: number;
}

/** Options of {@link rankOneCriticalPoints}. */
export interface RankOneCriticalPointsOptions {
  /**
   * The relative curvature tolerance of the class (as in `classifyCriticalPoint`).
   * @defaultValue 1e-6
   */
  curvatureTolerance?: number;
  /**
   * `"both"`: list u and −u (f is even, so they share cost, spectrum and class); `"positive"`: u only.
   * @defaultValue "both"
   */
  signs?: "both" | "positive";
}

/** Eigenvalues at most n·ε·max|λ| (eigh's rounding level) count as zero: no critical point. */
function positiveIndices(values: Float64Array): number[] {
  const n = values.length;
  let scale = 0;
  for (const v of values) scale = Math.max(scale, Math.abs(v));
  const out: number[] = [];
  for (let i = n - 1; i >= 0 && values[i] > n * Number.EPSILON * scale; i--) out.push(i);
  return out;
}

/** Σ_{k ≤ r} C(p, k). */
function countSubsets(p: number, r: number): number {
  let total = 0, c = 1;
  for (let k = 0; k <= Math.min(p, r); k++) {
    total += c;
    c = (c * (p - k)) / (k + 1);
  }
  return total;
}

/** The subsets of `items` of size ≤ r, by size, then lexicographically. */
function subsets(items: number[], r: number): number[][] {
  const out: number[][] = [];
  const grow = (start: number, current: number[], size: number): void => {
    if (current.length === size) {
      out.push(current.slice());
      return;
    }
    for (let i = start; i < items.length; i++) {
      current.push(items[i]);
      grow(i + 1, current, size);
      current.pop();
    }
  };
  for (let size = 0; size <= Math.min(r, items.length); size++) grow(0, [], size);
  return out;
}

/**
 * The Hessian eigenvalues of ¼‖X − UUᵀ‖² at U = [V_S·diag(√λ_S), 0] (k = |S| nonzero columns).
 * In X's eigenbasis, a direction V = [A, B] (A: the k columns paired with S) has the quadratic
 * form −Σ_{j∉S} λⱼ‖Vⱼ,:‖² + ½‖UVᵀ + VUᵀ‖², which splits into: B's rows in S, 0 (k(r − k) times);
 * B's rows j ∉ S, −λⱼ (r − k times each); A's entries (j ∉ S, s ∈ S), λ_s − λⱼ; A's diagonal
 * entries (s, s), 2λ_s; and each pair (A_ab, A_ba), a < b in S, the 2×2 form with eigenvalues
 * λₐ + λ_b and 0 (the rotation U ↦ U·exp(tΩ)). Total n·r.
 */
function hessianEigenvalues(values: Float64Array, subset: number[], r: number): Float64Array {
  const n = values.length, k = subset.length;
  const inS = new Uint8Array(n);
  for (const s of subset) inS[s] = 1;
  const out: number[] = [];
  for (let i = 0; i < k * (r - k); i++) out.push(0);
  for (let j = 0; j < n; j++) {
    if (inS[j]) continue;
    for (let i = 0; i < r - k; i++) out.push(-values[j]);
    for (const s of subset) out.push(values[s] - values[j]);
  }
  for (let a = 0; a < k; a++) {
    out.push(2 * values[subset[a]]);
    for (let b = a + 1; b < k; b++) out.push(values[subset[a]] + values[subset[b]], 0);
  }
  return Float64Array.from(out).sort();
}

/**
 * Every critical point of `symmetricFactorization(X, r)`, f(U) = ¼‖X − UUᵀ‖²_F, up to the O(r)
 * symmetry U ↦ UQ, in closed form from X = Σⱼ λⱼvⱼvⱼᵀ (`eigh`). ∇f(U) = (UUᵀ − X)U = 0 iff the
 * columns of U span an X-invariant subspace on which UUᵀ = X, i.e. U = V_S·diag(√λ_S)·[I 0]·Q for
 * a subset S of at most r POSITIVE eigenvalues (zero columns padding U to r) and Q ∈ O(r)
 * (Ge, Jin & Zheng 2017; Chi, Lu & Chen 2019, §5). One representative (Q = I) per subset is
 * listed, subsets by size then by decreasing eigenvalues; cost ¼Σ_{j∉S} λⱼ² and the Hessian
 * eigenvalues (derivation at `hessianEigenvalues` in the source):
 *   {0}^{k(r−k)} ∪ {−λⱼ : j ∉ S}^{(r−k)} ∪ {λ_s − λⱼ : s ∈ S, j ∉ S} ∪ {2λ_s : s ∈ S}
 *   ∪ {λₐ + λ_b, 0 : a < b ∈ S}, k = |S|.
 * So for r ≥ 2 every minimizer is "degenerate" for the second-order test (the rotations are flat
 * directions); `globalMinimizer` says which are global (S = the r largest positive eigenvalues,
 * or all of them when fewer than r are positive; ties compared to n·ε·‖X‖²_F).
 *
 * Coverage: complete when the positive eigenvalues are distinct. A repeated positive eigenvalue
 * makes a continuum of critical points (any orthonormal basis of its eigenspace), of which one
 * basis is listed. Eigenvalues within n·ε·max|λ| of 0 are treated as 0.
 *
 * @param X a finite symmetric n×n matrix.
 * @param rank r, 1 ≤ r ≤ n.
 * @throws TypeError / RangeError for a bad X, rank or option, or more than `limit` points.
 */
export function symmetricFactorizationCriticalPoints(
  X: Matrix, rank: number, options: SymmetricFactorizationCriticalPointsOptions = {},
): SymmetricFactorizationCriticalPoint[] {
  const x = checkSymmetricMatrix("X", X);
  const n = x.rows;
  const r = checkInteger("rank", rank, 1, n);
  checkOptions("options", options, ["curvatureTolerance", "limit"]);
  const tolerance = checkFinite("curvatureTolerance", options.curvatureTolerance ?? CURVATURE_TOLERANCE, 0);
  const limit = checkInteger("limit", options.limit ?? 10000, 1);
  const { values, vectors } = eigh(x);
  const positive = positiveIndices(values);
  const count = countSubsets(positive.length, r);
  if (count > limit) {
    throw new RangeError(`invalid rank: X has ${positive.length} positive eigenvalues, giving ${count} critical points for rank ${r}, more than limit = ${limit}`);
  }
  let total = 0;
  for (const v of values) total += v * v;
  let best = 0;
  for (const s of positive.slice(0, r)) best += values[s] * values[s];
  return subsets(positive, r).map((subset) => {
    const data = new Float64Array(n * r);
    subset.forEach((s, c) => {
      const scale = Math.sqrt(values[s]);
      for (let i = 0; i < n; i++) data[i * r + c] = scale * vectors.data[i * n + s];
    });
    const inS = new Set(subset);
    let cost = 0, kept = 0;
    values.forEach((v, j) => (inS.has(j) ? (kept += v * v) : (cost += v * v)));
    const h = hessianEigenvalues(values, subset, r);
    const min = h[0], max = h[h.length - 1];
    return {
      point: { rows: n, cols: r, data },
      indices: subset,
      eigenvalues: Float64Array.from(subset, (s) => values[s]),
      cost: cost / 4,
      hessianEigenvalues: h,
      kind: kindFromCurvature(min, max, tolerance * Math.max(Math.abs(min), Math.abs(max))),
      globalMinimizer: kept >= best - n * Number.EPSILON * total,
    };
  });
}

/**
 * Every critical point of `rankOneFactorization(X)`, φ(u) = ¼‖X − uuᵀ‖²_F, in closed form from
 * X = Σⱼ λⱼvⱼvⱼᵀ: u = 0 and u = ±√λᵢ·vᵢ for each λᵢ > 0 (the rank-1 case of
 * {@link symmetricFactorizationCriticalPoints}). At u = √λᵢvᵢ, ∇²φ(u) = ‖u‖²I − X + 2uuᵀ =
 * λᵢI − X + 2λᵢvᵢvᵢᵀ has eigenvalues λᵢ − λⱼ along vⱼ (j ≠ i) and 2λᵢ along vᵢ, and
 * φ(u) = ¼‖Σ_{j≠i} λⱼvⱼvⱼᵀ‖² = ¼(‖X‖²_F − λᵢ²); at u = 0 it is −X, with φ = ¼‖X‖²_F. Hence with
 * a simple largest eigenvalue λ₁ > 0, ±√λ₁v₁ are the only minimizers, every other ±√λᵢvᵢ is a
 * strict saddle (λᵢ − λ₁ < 0 < 2λᵢ), and u = 0 is a maximizer when X ≻ 0, a saddle when X is
 * indefinite, degenerate when X ⪰ 0 is singular. Listed: u = 0, then by decreasing λᵢ (u before −u).
 *
 * @param X a finite symmetric n×n matrix.
 * @throws TypeError / RangeError for a bad X or option.
 */
export function rankOneCriticalPoints(X: Matrix, options: RankOneCriticalPointsOptions = {}): RankOneCriticalPoint[] {
  checkOptions("options", options, ["curvatureTolerance", "signs"]);
  const signs = checkChoice("signs", options.signs ?? "both", ["both", "positive"] as const);
  const points = symmetricFactorizationCriticalPoints(
    X, 1, options.curvatureTolerance === undefined ? {} : { curvatureTolerance: options.curvatureTolerance },
  );
  const out: RankOneCriticalPoint[] = [];
  for (const p of points) {
    const index = p.indices.length === 0 ? -1 : p.indices[0];
    const common = {
      index,
      eigenvalue: index < 0 ? 0 : p.eigenvalues[0],
      cost: p.cost,
      hessianEigenvalues: p.hessianEigenvalues,
      kind: p.kind,
      globalMinimizer: p.globalMinimizer,
    };
    out.push({ point: p.point.data, sign: index < 0 ? 0 : 1, ...common });
    if (index >= 0 && signs === "both") out.push({ point: p.point.data.map((v) => -v), sign: -1, ...common });
  }
  return out;
}
