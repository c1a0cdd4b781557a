// LP rounding of an approximate atom: min ‖qᵀY‖₁ subject to rᵀq = 1, solved by iteratively
// reweighted least squares on data resident in wasm memory.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { ResidentKernels } from "../../problems/resident.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import type { StridedData } from "./deflation.js";
import { WeightedGram, type GramKernels } from "./weighted-gram.js";

/** The Cholesky kernels (assembly/linalg/cholesky.ts). */
export interface CholeskyKernels {
  choleskyFactor(a: number, n: number, lda: number): number;
  choleskySolve(b: number, p: number, ldb: number, l: number, n: number, ldl: number): void;
}

/** The kernels the rounding calls. */
export type RoundingKernels = ResidentKernels & OrthogonalKernels & GramKernels & CholeskyKernels;

/** The outcome of one rounding. */
export interface Rounded {
  /** The rounded atom q/‖q‖ (unit norm, coordinates of the data's basis). */
  readonly atom: Float64Array;
  /** IRLS iterations done (weighted least-squares solves). */
  readonly iterations: number;
  /** Whether the iterates settled (relative change ≤ 1e-12 with ε at its floor) before the budget ran out. */
  readonly converged: boolean;
  /** Whether the run was aborted (the atom is then the last iterate). */
  readonly aborted: boolean;
}

/** The factor by which the IRLS smoothing ε shrinks per iteration. */
const EPSILON_DECAY = 0.1;
/** ε stops shrinking at this fraction of the mean |rᵀyⱼ| (the residuals' scale at the start). */
const EPSILON_FLOOR = 1e-13;
/** The iterates have settled when they change by at most this, relatively. */
const SETTLED = 1e-12;

/**
 * The rounding step of Sun, Qu & Wright ("Complete dictionary recovery over the sphere II:
 * recovery by Riemannian trust-region method", IEEE Trans. IT 63(2), 2017, §IV.A): from an
 * approximate atom r (‖r‖ = 1, e.g. a minimizer of the smoothed objective, within O(μ) of a
 * column a of the dictionary), the linear program
 *   min over q of ‖qᵀY‖₁  subject to  rᵀq = 1
 * has the exact solution q = a/⟨r, a⟩ with high probability (op. cit., Lemma IV.1 and Theorem
 * IV.2): the row qᵀY = xᵀ/⟨r, a⟩ is as sparse as the codes. Rounding returns q/‖q‖.
 *
 * Solver (the LP itself is not formed): iteratively reweighted least squares for ℓ¹ (Daubechies,
 * DeVore, Fornasier & Güntürk, CPAM 63, 2010; Chartrand & Yin 2008). With weights
 * wⱼ = 1/max(|qᵀyⱼ|, ε), each step solves the weighted least squares problem
 * min Σⱼ wⱼ(qᵀyⱼ)² s.t. rᵀq = 1, whose solution is q = M⁻¹r / (rᵀM⁻¹r) with M = Y·diag(w)·Yᵀ
 * (an m×m Gram matrix of the reweighted data, formed by syrk, then a Cholesky solve). ε starts
 * at the mean |rᵀyⱼ| and shrinks tenfold per step down to 1e-13 of it, so the weighted quadratic
 * tends to the ℓ¹ norm and the iterates to the LP's vertex: with ε at its floor, entries of qᵀY that
 * vanish at the solution are driven to ≈ ε, which makes the rounded atom exact to ≈ 1e-12
 * relative. Each step costs m²p flops for M (syrk) plus m³/3 for the factorization; from the
 * minimizers of the smoothed objective or the ℓ⁴ fixed point it takes 12–15 steps. Stops when the
 * iterate changes by ≤ 1e-12 relatively with ε at its floor, after `maxIterations` steps, or when
 * a Gram matrix is not numerically positive definite (keeping the last iterate).
 */
export class LinearProgramRounding {
  readonly #kern: RoundingKernels;
  readonly #gram: WeightedGram;
  readonly #x: WasmBuffer<"f64">;
  readonly #z: WasmBuffer<"f64">;
  readonly #s: WasmBuffer<"f64">;

  /** Scratch for data of up to n rows and p columns, owned by `scope`. */
  constructor(scope: ArenaScope, n: number, p: number, kern: RoundingKernels) {
    this.#kern = kern;
    this.#gram = new WeightedGram(scope, n, p, kern);
    this.#x = scope.f64(n);
    this.#z = scope.f64(p);
    this.#s = scope.f64(p);
  }

  /**
   * Rounds r (unit norm, data.rows entries) against the data; `pause` is awaited between steps
   * and returning true aborts.
   */
  async round(data: StridedData, r: Float64Array, maxIterations: number, pause: () => Promise<boolean>): Promise<Rounded> {
    const kern = this.#kern;
    const { ptr, rows: m, cols: p, ld } = data;
    let q: Float64Array = r.slice();
    // z = Yᵀq and its mean magnitude, the scale of ε.
    const residuals = (v: Float64Array): number => {
      this.#x.view.set(v);
      kern.gemv(1, m, p, 1, ptr, ld, this.#x.ptr, 1, 0, this.#z.ptr, 1);
      return kern.signAbsSum(this.#s.ptr, this.#z.ptr, p) / p;
    };
    let epsilon = residuals(q);
    const floor = EPSILON_FLOOR * epsilon;
    let iterations = 0;
    while (iterations < maxIterations) {
      if (await pause()) return { atom: unit(q), iterations, converged: false, aborted: true };
      kern.irlsSqrtWeights(this.#s.ptr, this.#z.ptr, epsilon, p);
      this.#gram.form(data, this.#s.ptr);
      const M = this.#gram.gram.ptr;
      if (kern.choleskyFactor(M, m, m) !== 0) break;
      this.#x.view.set(r);
      kern.choleskySolve(this.#x.ptr, 1, 1, M, m, m);
      const x = this.#x.view.slice(0, m);
      let rx = 0;
      for (let i = 0; i < m; i++) rx += r[i] * x[i];
      if (!(Math.abs(rx) > 0) || !Number.isFinite(rx)) break;
      let change = 0, size = 0;
      for (let i = 0; i < m; i++) {
        x[i] /= rx;
        change += (x[i] - q[i]) ** 2;
        size += x[i] * x[i];
      }
      q = x;
      iterations++;
      residuals(q);
      const atFloor = epsilon === floor;
      epsilon = Math.max(floor, epsilon * EPSILON_DECAY);
      if (atFloor && change <= SETTLED * SETTLED * size) return { atom: unit(q), iterations, converged: true, aborted: false };
    }
    return { atom: unit(q), iterations, converged: false, aborted: false };
  }
}

function unit(q: Float64Array): Float64Array {
  let s = 0;
  for (const v of q) s += v * v;
  const norm = Math.sqrt(s);
  return q.map((v) => v / norm);
}
