// The finishing step of the ℓ¹ refinement of "msp": every atom recomputed as the null vector of
// the samples its code vanishes on, with a certificate that the result is exact.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { ResidentKernels } from "../../problems/resident.js";
import type { GramKernels } from "./weighted-gram.js";
import type { CholeskyKernels } from "./lp-rounding.js";

/** The kernels the step calls. */
export type VertexKernels = ResidentKernels & GramKernels & CholeskyKernels;

/**
 * An atom is certified when its residual on every selected sample is at most this, relative to
 * the sample's norm: at the exact atom they are rounding errors (≈ 1e-16–1e-15 measured at n = 50
 * and 100), while a selection with one sample off the atom's zero set leaves residuals ≥ 1e-6.
 */
const EXACT = 1e-10;

/** The outcome of one step. */
export interface VertexCandidate {
  /** n×n row-major: the recomputed atoms as unit rows (data coordinates), not re-orthogonalized. */
  readonly rows: Float64Array;
  /** The largest |qᵢᵀyⱼ|/‖yⱼ‖ over the atoms qᵢ and their selected samples yⱼ (Infinity if a selection did not span). */
  readonly residual: number;
  /** That largest residual for each atom. */
  readonly rowResiduals: Float64Array;
  /**
   * Whether the residual and max |rows·rowsᵀ − I| are both ≤ 1e-10: every row is an exact atom
   * and the rows are distinct atoms.
   */
  readonly exact: boolean;
}

/**
 * The selected samples span the atom's complement when the pivots of the Cholesky factorization
 * of their Gram matrix (in the other n − 1 coordinates) are all above this fraction of its largest
 * diagonal entry. Measured (m = 4n, from the refinement's iterates): 4e-4–0.1, median 2e-2, at
 * n = 30–50, θ = 0.3, where they span; 3e-5 at n = 20, p = 200 with m = p/2 (a coordinate with
 * a single small nonzero among the selection, still determined); at θ = 0.05 (each coordinate has
 * ≈ 0.05·m nonzero codes among m samples) a coordinate with none among them, seen only through
 * W's error, gives 1e-9 and below (1e-29–1e-14 at the exact W). The residual test then decides.
 */
const SPAN = 1e-6;

/**
 * How many samples each atom's null vector is fitted to at first: 4n (so that the (n−1)-column
 * least-squares problem below is well conditioned — for random sparse samples its Gram matrix has
 * a condition number near ((1 + √(1/4))/(1 − √(1/4)))² = 9 by Marchenko–Pastur — and overdetermined
 * enough to certify), at most p/2 (the zero set of a code row is a fraction 1 − θ of the samples).
 * Returns 0 when that leaves fewer than 2n: too few samples to certify anything.
 */
export function samplesPerAtom(n: number, p: number): number {
  const m = Math.min(4 * n, Math.floor(p / 2));
  return m >= 2 * n ? m : 0;
}

/** The sample counts tried per atom: m, 2m, 4m, 8m, capped at p/2 (see {@link VertexStep}). */
function sampleCounts(m: number, p: number): number[] {
  const counts = [m];
  while (counts.length < 4 && counts[counts.length - 1] < Math.floor(p / 2)) counts.push(Math.min(2 * counts[counts.length - 1], Math.floor(p / 2)));
  return counts;
}

/**
 * From an orthogonal W (atoms as rows) close enough to the truth, finds every atom exactly. With
 * Y = A₀X₀, the row wᵢᵀY approximates the code row xᵢᵀ, which is 0 on a fraction 1 − θ of the
 * samples; there the atom a is orthogonal to the samples, and m ≥ n − 1 of them in general
 * position determine it as their common null vector. So for each i:
 * 1. select the m samples with the smallest |wᵢᵀyⱼ|/‖yⱼ‖ (all-zero samples excluded): once W is
 *    within ≈ 1e-3 of the truth, the code entries there are the zeros of xᵢ (a nonzero code is
 *    selected only if it is as small as the selected residuals); m = 4n at first, doubled (up to
 *    32n and p/2) while the selection does not span the other n − 1 coordinates (a Cholesky pivot
 *    below 1e-6 of the largest diagonal entry: with sparse codes a few samples may all miss one);
 * 2. in the coordinates Z = W·Y, fit q with qᵢ = 1 and min ‖qᵀZ_S‖ — the least-squares problem
 *    min over u of ‖z_{i,S} + uᵀZ_{−i,S}‖, solved by the normal equations (Z_{−i,S}Z_{−i,S}ᵀ)u =
 *    −Z_{−i,S}z_{i,S}ᵀ (one syrk of the m selected samples, gathered from Zᵀ, and one
 *    (n−1)×(n−1) Cholesky factorization);
 * 3. the atom is qᵀW/‖q‖.
 * When every selected sample is a zero of xᵢ the m > n − 1 equations are consistent and the atom
 * exact; a selection that includes a nonzero code entry cannot be fitted exactly by generic data
 * (m exceeds the unknowns), which the residual shows. This is the vertex of the linear program of
 * Sun, Qu & Wright's rounding (min ‖qᵀY‖₁ s.t. rᵀq = 1, IEEE Trans. IT 63(2), 2017, §IV), found
 * by guessing its active set from the current residuals instead of by IRLS — the finishing step
 * of active-set and "support detection" methods. Cost: one n×n×m syrk and one Cholesky
 * factorization per atom, 4n⁴ + n⁴/3 flops in all (with m = 4n), plus an O(p) selection per atom.
 * A selection that does not span even at the largest m leaves the step uncertified.
 */
export class VertexStep {
  readonly #kern: VertexKernels;
  readonly #n: number;
  readonly #p: number;
  readonly #counts: readonly number[];
  /** The samples selected for the current atom. */
  #m = 0;
  readonly #selected: WasmBuffer<"f64">;
  readonly #gram: WasmBuffer<"f64">;
  readonly #reduced: WasmBuffer<"f64">;
  readonly #rhs: WasmBuffer<"f64">;
  readonly #work: WasmBuffer<"f64">;
  readonly #ratios: Float64Array;
  readonly #scratch: Float64Array;
  /** Z transposed (p×n: each sample's codes contiguous), so that gathering samples reads whole rows. */
  readonly #zt: Float64Array;
  readonly #indices: Int32Array;

  /** Scratch for n×p data and m = {@link samplesPerAtom}(n, p) ≥ 2n samples per atom at first, owned by `scope`. */
  constructor(scope: ArenaScope, n: number, p: number, m: number, kern: VertexKernels) {
    this.#kern = kern;
    this.#n = n;
    this.#p = p;
    this.#counts = sampleCounts(m, p);
    const most = this.#counts[this.#counts.length - 1];
    this.#selected = scope.f64(n * most);
    this.#gram = scope.f64(n * n);
    this.#reduced = scope.f64((n - 1) * (n - 1));
    this.#rhs = scope.f64(n);
    // syrk's (gemm's) workspace is not monotone in the size: the largest over the counts tried.
    this.#work = scope.f64(Math.max(...this.#counts.map((k) => kern.syrkWorkspaceSize(n, k))));
    this.#ratios = new Float64Array(p);
    this.#scratch = new Float64Array(p);
    this.#zt = new Float64Array(p * n);
    this.#indices = new Int32Array(most);
  }

  /**
   * The step from W (n×n row-major, orthogonal, atoms as rows), with `z` the n×p codes W·Y and
   * `norms` the samples' norms ‖yⱼ‖ (= ‖zⱼ‖).
   */
  compute(W: Float64Array, z: Float64Array, norms: Float64Array): VertexCandidate {
    const n = this.#n;
    const rows = new Float64Array(n * n);
    const rowResiduals = new Float64Array(n).fill(Infinity);
    const q = new Float64Array(n);
    transposeInto(this.#zt, z, n, this.#p);
    for (let i = 0; i < n; i++) {
      const row = z.subarray(i * this.#p, (i + 1) * this.#p);
      let fitted = false;
      this.#ratiosOf(row, norms);
      for (const m of this.#counts) {
        this.#select(m);
        fitted = this.#nullVector(i, q);
        if (fitted) break;
      }
      if (!fitted) continue;
      rowResiduals[i] = this.#residual(q, norms);
      for (let c = 0; c < n; c++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q[k] * W[k * n + c];
        rows[i * n + c] = s;
      }
    }
    const residual = Math.max(...rowResiduals);
    const orthogonality = residual <= EXACT ? gramDefect(rows, n, Array.from({ length: n }, (_, i) => i)) : Infinity;
    return { rows, residual, rowResiduals, exact: residual <= EXACT && orthogonality <= EXACT };
  }

  /** The ratios |zⱼ|/‖yⱼ‖ of one code row into `#ratios` (zero samples: Infinity, selected last). */
  #ratiosOf(row: Float64Array, norms: Float64Array): void {
    const ratios = this.#ratios;
    for (let j = 0; j < this.#p; j++) ratios[j] = norms[j] > 0 ? Math.abs(row[j]) / norms[j] : Infinity;
  }

  /** Selects the m samples of smallest ratio (`#ratiosOf`) into `#indices`. */
  #select(m: number): void {
    const p = this.#p;
    this.#m = m;
    const ratios = this.#ratios;
    this.#scratch.set(ratios);
    const threshold = kthSmallest(this.#scratch, m - 1);
    let count = 0;
    for (let j = 0; j < p && count < m; j++) if (ratios[j] < threshold) this.#indices[count++] = j;
    for (let j = 0; j < p && count < m; j++) if (ratios[j] === threshold) this.#indices[count++] = j;
  }

  /**
   * q (unit norm) with qᵢ > 0 minimizing ‖qᵀZ_S‖ for the selected samples S, by the normal
   * equations on the other n − 1 coordinates; false when the samples do not span them (their
   * Gram matrix is not positive definite, or has a Cholesky pivot below SPAN of its largest diagonal entry).
   */
  #nullVector(i: number, q: Float64Array): boolean {
    const n = this.#n, m = this.#m, kern = this.#kern;
    const selected = this.#selected.view, zt = this.#zt;
    for (let t = 0; t < m; t++) {
      const j = this.#indices[t];
      selected.set(zt.subarray(j * n, (j + 1) * n), t * n);
    }
    kern.syrk(1, n, m, 1, this.#selected.ptr, n, 0, this.#gram.ptr, n, this.#work.ptr);
    const G = this.#gram.view, H = this.#reduced.view, b = this.#rhs.view;
    const r = n - 1;
    for (let a = 0, ra = 0; a < n; a++) {
      if (a === i) continue;
      b[ra] = -G[a * n + i];
      for (let c = 0, rc = 0; c < n; c++) if (c !== i) H[ra * r + rc++] = G[a * n + c];
      ra++;
    }
    if (r > 0) {
      let largest = 0;
      for (let k = 0; k < r; k++) largest = Math.max(largest, H[k * r + k]);
      if (kern.choleskyFactor(this.#reduced.ptr, r, r) !== 0) return false;
      for (let k = 0; k < r; k++) if (!(H[k * r + k] ** 2 >= SPAN * largest)) return false;
      kern.choleskySolve(this.#rhs.ptr, 1, 1, this.#reduced.ptr, r, r);
    }
    const u = this.#rhs.view;
    let size = 0;
    for (let k = 0, rk = 0; k < n; k++) {
      q[k] = k === i ? 1 : u[rk++];
      size += q[k] * q[k];
    }
    if (!Number.isFinite(size)) return false;
    size = Math.sqrt(size);
    for (let k = 0; k < n; k++) q[k] /= size;
    return true;
  }

  /** max over the selected samples of |qᵀzⱼ|/‖yⱼ‖. */
  #residual(q: Float64Array, norms: Float64Array): number {
    const n = this.#n, m = this.#m;
    const selected = this.#selected.view;
    let worst = 0;
    for (let t = 0; t < m; t++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q[k] * selected[t * n + k];
      worst = Math.max(worst, Math.abs(s) / norms[this.#indices[t]]);
    }
    return worst;
  }
}

/** out (p×n) = zᵀ for the n×p row-major z, by 32×32 tiles (each tile's reads and writes stay in cache). */
function transposeInto(out: Float64Array, z: Float64Array, n: number, p: number): void {
  const B = 32;
  for (let i0 = 0; i0 < n; i0 += B) {
    const i1 = Math.min(n, i0 + B);
    for (let j0 = 0; j0 < p; j0 += B) {
      const j1 = Math.min(p, j0 + B);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * n + i] = z[i * p + j];
    }
  }
}

/**
 * The atoms of a candidate that are certified on their own: residual ≤ 1e-10, and orthonormal to
 * 1e-10 among themselves (distinct atoms). Empty when that does not hold for them all together.
 */
export function certifiedAtoms(candidate: VertexCandidate, n: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (candidate.rowResiduals[i] <= EXACT) rows.push(i);
  return gramDefect(candidate.rows, n, rows) <= EXACT ? rows : [];
}

/** max |R_S·R_Sᵀ − I| for the rows S of an n-column row-major R. */
function gramDefect(R: Float64Array, n: number, rows: readonly number[]): number {
  let worst = 0;
  for (const a of rows) {
    for (const b of rows) {
      if (b < a) continue;
      let s = 0;
      for (let c = 0; c < n; c++) s += R[a * n + c] * R[b * n + c];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * The k-th smallest value (0-based) of `values`, which it reorders: quickselect with the median of
 * three as pivot (Hoare, "Algorithm 65: find", CACM 4(7), 1961), expected O(length). No NaN.
 */
export function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0, hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo], b = values[mid], c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    let i = lo, j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}
