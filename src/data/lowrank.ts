// randomLowRank(rows, cols, rank): seeded low-rank test matrices M = U·Vᵀ with a chosen spectrum
// and chosen coherence of the singular subspaces.
import type { Matrix } from "../matrix.js";
import { qr } from "../kernels/linalg/qr.js";
import { gemm } from "../kernels/blas/gemm.js";
import { checkBoolean, checkFinite, checkInteger, checkOptions, describe, newFloat64Array } from "../validate.js";
import { rngFrom, type Seed } from "./seed.js";
import type { Rng } from "./rng.js";

/** Options of {@link randomLowRank}. */
export interface RandomLowRankOptions {
  /**
   * An integer in [0, 2³²) or an Rng (which advances).
   * @defaultValue 0
   */
  seed?: Seed;
  /**
   * κ ≥ 1, the condition number σ₁/σ_r: the singular values are spaced geometrically from 1 down
   * to 1/κ, σ_k = κ^(−k/(r−1)) for k = 0…r−1 (σ = [1] when r = 1, whatever κ). Ignored if
   * `singularValues` is given.
   * @defaultValue 1
   */
  condition?: number;
  /**
   * The r singular values themselves (finite, > 0; returned sorted descending). Overrides
   * `condition`.
   * @defaultValue none (spaced by `condition`)
   */
  singularValues?: ArrayLike<number>;
  /**
   * How spread out the singular vectors are. `"incoherent"`: orthonormalized Gaussian factors
   * (coherence μ = (m/r)·maxᵢ‖Uᵢ‖² ≈ O(log m), the regime of completion guarantees).
   * `"coherent"`: each singular vector is a distinct standard basis vector eᵢ (random rows), so
   * μ = m/r, the worst case — the matrix is zero outside an r×r block. A number t in [0, 1]
   * interpolates: the basis is the Q factor of (1 − t)·G/√m + t·E (G Gaussian, E the spikes), so
   * 0 is "incoherent" and 1 is "coherent".
   * @defaultValue "incoherent"
   */
  coherence?: "incoherent" | "coherent" | number;
  /**
   * Also return the dense m×n product (O(mn) memory: for small problems).
   * @defaultValue false
   */
  dense?: boolean;
}

/** The result of {@link randomLowRank}: M = U·Vᵀ = left·diag(singularValues)·rightᵀ. */
export interface LowRank {
  /** m×r balanced factor, left·diag(√σ). */
  readonly U: Matrix;
  /** n×r balanced factor, right·diag(√σ). */
  readonly V: Matrix;
  /** m×r with orthonormal columns: the left singular vectors. */
  readonly left: Matrix;
  /** n×r with orthonormal columns: the right singular vectors. */
  readonly right: Matrix;
  /** The r singular values, descending. */
  readonly singularValues: Float64Array;
  /** μ(left) = (m/r)·maxᵢ‖leftᵢ‖² and μ(right) = (n/r)·maxⱼ‖rightⱼ‖², each in [1, m/r] (resp. n/r). */
  readonly coherence: { readonly left: number; readonly right: number };
  /** The dense m×n matrix U·Vᵀ, only with `dense: true`. */
  readonly matrix?: Matrix;
}

/**
 * A random rank-r matrix M = U·Vᵀ (m×n) with prescribed singular values and controlled coherence.
 * The factors are balanced (UᵀU = VᵀV = diag(σ)), the usual normalization of factored
 * matrix-completion problems. Deterministic in the seed: the Rng draws the left Gaussian block
 * (m·r normals, row-major), the left spike rows, then the same for the right. Uses the library's
 * QR (call `init()` first); cost O((m + n)·r²).
 *
 * @throws TypeError / RangeError for invalid sizes (rank in [1, min(m, n)]) or options.
 */
export function randomLowRank(rows: number, cols: number, rank: number, options: RandomLowRankOptions = {}): LowRank {
  checkInteger("rows", rows, 1);
  checkInteger("cols", cols, 1);
  checkInteger("rank", rank, 1, Math.min(rows, cols));
  checkOptions("options", options, ["seed", "condition", "singularValues", "coherence", "dense"]);
  const { seed = 0, condition = 1, singularValues, coherence = "incoherent", dense = false } = options;
  const rng = rngFrom("seed", seed);
  checkFinite("condition", condition, 1);
  const sigma = singularValues === undefined ? geometric(rank, condition) : checkSpectrum(singularValues, rank);
  const t = spikiness(coherence);
  checkBoolean("dense", dense);

  const left = orthonormalBasis(rng, rows, rank, t, "rows");
  const right = orthonormalBasis(rng, cols, rank, t, "cols");
  const U = scaleColumns(left, sigma);
  const V = scaleColumns(right, sigma);
  const result: LowRank = {
    U, V, left, right, singularValues: sigma,
    coherence: { left: coherenceOf(left), right: coherenceOf(right) },
  };
  return dense ? { ...result, matrix: gemm(U, V, { transB: true }) } : result;
}

function geometric(r: number, kappa: number): Float64Array {
  const s = new Float64Array(r);
  for (let k = 0; k < r; k++) s[k] = r === 1 ? 1 : Math.pow(kappa, -k / (r - 1));
  if (r > 1) s[r - 1] = 1 / kappa; // exact end point
  return s;
}

function checkSpectrum(values: unknown, r: number): Float64Array {
  if (values === null || typeof values !== "object" || typeof (values as ArrayLike<number>).length !== "number") {
    throw new TypeError(`invalid singularValues: expected an array of ${r} numbers, got ${describe(values)}`);
  }
  const v = values as ArrayLike<unknown>;
  if (v.length !== r) throw new RangeError(`invalid singularValues: expected length ${r} (the rank), got length ${v.length}`);
  const out = new Float64Array(r);
  for (let k = 0; k < r; k++) {
    const x = v[k];
    if (typeof x !== "number") throw new TypeError(`invalid singularValues: singularValues[${k}] is ${describe(x)}; expected a number`);
    if (!(x > 0 && Number.isFinite(x))) {
      throw new RangeError(`invalid singularValues: singularValues[${k}] = ${x}; expected finite values > 0`);
    }
    out[k] = x;
  }
  return out.sort().reverse();
}

function spikiness(coherence: unknown): number {
  if (coherence === "incoherent") return 0;
  if (coherence === "coherent") return 1;
  if (typeof coherence === "number") {
    if (!(coherence >= 0 && coherence <= 1)) {
      throw new RangeError(`invalid coherence: expected "incoherent", "coherent" or a number in [0, 1], got ${coherence}`);
    }
    return coherence;
  }
  throw new TypeError(`invalid coherence: expected "incoherent", "coherent" or a number in [0, 1], got ${describe(coherence)}`);
}

/** n×r orthonormal: Q of (1 − t)·G/√n + t·E (E = distinct random standard basis vectors). */
function orthonormalBasis(rng: Rng, n: number, r: number, t: number, name: string): Matrix {
  const g = rng.fillNormal(newFloat64Array(name, n * r, `a ${n}×${r} factor has ${n * r} entries`));
  const spikes = Int32Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < r; k++) {
    const p = k + rng.integer(n - k); // partial Fisher–Yates: r distinct rows
    const tmp = spikes[k];
    spikes[k] = spikes[p];
    spikes[p] = tmp;
  }
  const b = new Float64Array(n * r);
  if (t === 1) {
    for (let k = 0; k < r; k++) b[spikes[k] * r + k] = 1;
    return { rows: n, cols: r, data: b }; // already orthonormal
  }
  const scale = (1 - t) / Math.sqrt(n);
  for (let i = 0; i < n * r; i++) b[i] = scale * g[i];
  for (let k = 0; k < r; k++) b[spikes[k] * r + k] += t;
  return qr({ rows: n, cols: r, data: b }).Q;
}

function scaleColumns(a: Matrix, sigma: Float64Array): Matrix {
  const { rows, cols } = a;
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < cols; k++) {
    const s = Math.sqrt(sigma[k]);
    for (let i = 0; i < rows; i++) data[i * cols + k] = a.data[i * cols + k] * s;
  }
  return { rows, cols, data };
}

function coherenceOf(q: Matrix): number {
  let max = 0;
  for (let i = 0; i < q.rows; i++) {
    let s = 0;
    for (let k = 0; k < q.cols; k++) s += q.data[i * q.cols + k] ** 2;
    max = Math.max(max, s);
  }
  return (q.rows / q.cols) * max;
}
