// The ℓ¹ refinement of the MSP fixed point (the default `rounding: "l1"`): Riemannian subgradient
// steps on ‖W·Y‖₁ over the orthogonal group, all atoms at once, finished by the exact vertex step.
import { identity, transpose, type Matrix } from "../../matrix.js";
import { gemm } from "../../kernels/blas/gemm.js";
import { polar } from "../../kernels/linalg/polar.js";
import { ArenaScope } from "../../runtime/arena.js";
import { runtime } from "../../runtime/init.js";
import { SolverRun } from "../../solvers/run.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import type { MethodOutput } from "./method-output.js";
import type { MspKernels } from "./msp.js";
import type { RefinementRecord, ResolvedOptions } from "./options.js";
import { certifiedAtoms, samplesPerAtom, VertexStep, type VertexCandidate, type VertexKernels } from "./vertex-step.js";

/** The kernels the refinement calls. */
export type RefinementKernels = MspKernels & OrthogonalKernels & VertexKernels;

/** The first step η₀ (radians: the RMS move of an atom) and the geometric decay β of the steps. */
const FIRST_STEP = 0.1;
const DECAY = 0.85;
/** The most subgradient steps (η then ≈ 6e-6), and the vertex step is tried after every STEPS_PER_TRY of them. */
const MAX_STEPS = 60;
const STEPS_PER_TRY = 5;

/** The refined dictionary and its codes (scaled data), or the record of a refinement that did not certify. */
type Refined =
  | { readonly exact: true; readonly dictionary: Matrix; readonly codes: Float64Array; readonly record: RefinementRecord }
  | { readonly exact: false; readonly record: RefinementRecord; readonly stopped?: "aborted" | "max-time" };

/**
 * Refines an approximate orthogonal dictionary D (n×n, e.g. the biased ℓ⁴ fixed point of MSP) to
 * the exact one, as the minimizer of f(W) = (1/p)·‖W·Y‖₁ over W ∈ O(n) (W = Dᵀ, atoms as rows):
 * for Y = A₀X₀ with sparse X₀ the rows of A₀ᵀ are, up to sign, the minimizers of ‖qᵀY‖₁ on the
 * sphere (Bai, Jiang & Sun, ICLR 2019; exact with high probability, the LP of Sun, Qu & Wright
 * 2017), so A₀ᵀ (modulo signed permutations) is a local minimizer over O(n), and a sharp one:
 * f(W) − f(A₀ᵀ) ≥ α·dist(W, A₀ᵀ) nearby.
 *
 * 1. Riemannian subgradient steps from W₀ = Dᵀ (Li, Chen, Deng, Qu, Zhu & So, "Weakly convex
 *    optimization over Stiefel manifold using Riemannian subgradient-type methods", SIAM J.
 *    Optim. 31(3), 2021, arXiv 1911.05047): with
 *    G = (1/p)·sign(W·Y)·Yᵀ the Euclidean subgradient (two n×n×p gemms, as an MSP iteration),
 *    its projection W·Ω, Ω = skew(WᵀG), onto the tangent space {W·Ω : Ω skew}, and the polar
 *    retraction,
 *      W ← Polar(W − ηₖ·(√n/‖Ω‖_F)·W·Ω),   ηₖ = η₀·βᵏ,  η₀ = 0.1, β = 0.85:
 *    normalized steps that move the atoms by ηₖ radians in the RMS (the subgradient does not
 *    vanish at a sharp minimum, so the steps must shrink on their own). For a sharp, weakly convex
 *    function, such geometrically decaying steps converge linearly from a close enough start when
 *    β is close enough to 1 (op. cit., local linear convergence under sharpness; Goffin, Math.
 *    Program. 13, 1977, in ℝⁿ): the distance to the truth follows ηₖ (measured at n = 50,
 *    p = 10⁴, θ = 0.3: every atom 5e-2–7e-2 rad off at the MSP point, then 2e-2, 4e-3, 8e-4, 2e-4
 *    after 10, 20, 30, 40 steps). Smaller η₀ or β gave up on some starts 0.1–0.2 rad off
 *    (n = 10–30, p = 50n), their steps spent before the atoms were reached.
 * 2. After every 5 steps, the vertex step ({@link VertexStep}): each atom as the null vector of the
 *    samples its code is zero on, which is exact once those samples are told apart from the
 *    others — from distances of about 1e-3 — and says so (its residuals ≤ 1e-10 and the rows
 *    orthonormal to 1e-10). The certified rows are then re-orthogonalized by a polar factor (a
 *    change at the rounding level).
 * 3. When the steps run out (60: η ≈ 6e-6) with some atoms certified on their own (their residuals
 *    ≤ 1e-10, orthonormal among themselves) and others not — a few atoms can stall 2e-2–9e-2 rad
 *    off while the rest converge, their share of the normalized step too small (measured with
 *    sparse codes, θ = 0.05, and with few samples) — the uncertified atoms start again with a
 *    fresh schedule on the complement of the certified ones: the same refinement on the k×p data
 *    Vᵀ-projected, V an orthonormal basis of that complement (the stalled rows made orthogonal to
 *    the certified ones), from the identity. Its atoms, mapped back, join the certified ones, and
 *    the whole is certified again by a vertex step in ℝⁿ (a piece certified in a subspace is not
 *    trusted alone: once, at n = 20, p = 200, a pair of atoms came back mixed by 0.3 rad).
 * Measured: certified after 15–45 steps at n = 50, p = 10⁴ and 30–40 at n = 100, p = 4·10⁴
 * (θ = 0.3), each step costing about an MSP iteration. A D too far from the truth (too few samples,
 * codes too dense) or data without an exact sparse model (e.g. noisy) is not certified: then
 * `exact` is false and the caller keeps D. Stops between steps when the signal is aborted or at
 * `deadline` (a `performance.now()` time), saying which.
 *
 * @param y the scaled samples, n×p row-major.
 */
async function refineDictionary(
  y: Float64Array, n: number, p: number, D: Matrix, options: ResolvedOptions, kern: RefinementKernels, deadline: number,
): Promise<Refined> {
  const run = await subgradientRun(y, n, p, D, options, kern, deadline);
  if (run.exact || run.stalled === undefined) return run;
  // Some atoms certified, the others stalled: those again, on the complement of the certified ones.
  const { certified, rest } = run.stalled;
  const k = rest.rows;
  const inner = await refineDictionary(gemm(rest, { rows: n, cols: p, data: y }).data, k, p, identity(k), options, kern, deadline);
  const steps = run.record.steps + inner.record.steps;
  if (!inner.exact) return { ...inner, record: { ...inner.record, steps } };
  const found = gemm(inner.dictionary, rest, { transA: true });
  const rows = new Float64Array(n * n);
  rows.set(certified.data);
  rows.set(found.data, certified.data.length);
  // The pieces were certified in their subspaces; the whole is certified again in ℝⁿ.
  const whole = certify(y, n, p, polar({ rows: n, cols: n, data: rows }).Q.data, kern);
  if (whole === undefined) return { exact: false, record: { steps, exact: false, residual: Infinity } };
  const W = polar({ rows: n, cols: n, data: whole.rows }).Q;
  const record = { steps, exact: true, residual: whole.residual };
  return { exact: true, dictionary: transpose(W), codes: gemm(W, { rows: n, cols: p, data: y }).data, record };
}

/** The vertex step from W (n×n, atoms as rows) in ℝⁿ, if it certifies every atom. */
function certify(y: Float64Array, n: number, p: number, W: Float64Array, kern: RefinementKernels): VertexCandidate | undefined {
  const scope = new ArenaScope(runtime().arena);
  try {
    const vertex = new VertexStep(scope, n, p, samplesPerAtom(n, p), kern);
    const z = gemm({ rows: n, cols: n, data: W }, { rows: n, cols: p, data: y }).data;
    const candidate = vertex.compute(W, z, sampleNorms(y, n, p));
    return candidate.exact ? candidate : undefined;
  } finally {
    scope.disposeAll();
  }
}

/**
 * A run that certified some atoms but not all: those (c×n, exact) and the others' current rows,
 * orthonormalized against them (k×n).
 */
interface Stalled {
  readonly certified: Matrix;
  readonly rest: Matrix;
}

/** The subgradient steps and vertex steps of {@link refineDictionary} on one (sub)space. */
async function subgradientRun(
  y: Float64Array, n: number, p: number, D: Matrix, options: ResolvedOptions, kern: RefinementKernels, deadline: number,
): Promise<Refined & { readonly stalled?: Stalled }> {
  const m = samplesPerAtom(n, p);
  if (n === 1) return { exact: true, dictionary: D, codes: y.map((v) => v * D.data[0]), record: { steps: 0, exact: true, residual: 0 } };
  if (m === 0) return { exact: false, record: { steps: 0, exact: false, residual: Infinity } };
  const scope = new ArenaScope(runtime().arena);
  try {
    const Y = scope.f64From(y);
    const Z = scope.f64(n * p);
    const W = scope.f64From(transpose(D).data);
    const next = scope.f64(n * n);
    const G = scope.f64(n * n);
    const omega = scope.f64(n * n);
    const gemmWork = scope.f64(Math.max(kern.gemmWorkspaceSize(n, p, n), kern.gemmWorkspaceSize(n, n, p), kern.gemmWorkspaceSize(n, n, n)));
    const polarWork = scope.f64(kern.polarWorkspaceSize(n, n));
    const vertex = new VertexStep(scope, n, p, m, kern);
    const pacer = new SolverRun(options.common);
    const norms = sampleNorms(y, n, p);
    /** Polar(A) into `out`; throws if the SVD fails. */
    const polarInto = (out: number, a: number): void => {
      const info = kern.polar(out, 0, n, n, a, n, polarWork.ptr);
      if (info !== 0) throw new Error(`learnOrthogonalDictionary: the SVD of the ℓ¹ refinement's step did not converge (${info} singular values left)`);
    };
    let eta = FIRST_STEP;
    let last: VertexCandidate | undefined; // the latest vertex step
    for (let step = 0; ; step++) {
      const residual = last?.residual ?? Infinity;
      if (performance.now() >= deadline) return { exact: false, stopped: "max-time", record: { steps: step, exact: false, residual } };
      if (await pacer.pause()) return { exact: false, stopped: "aborted", record: { steps: step, exact: false, residual } };
      kern.gemm(0, 0, n, p, n, 1, W.ptr, n, Y.ptr, p, 0, Z.ptr, p, gemmWork.ptr);
      if (step > 0 && step % STEPS_PER_TRY === 0) {
        last = vertex.compute(W.view, Z.view, norms);
        if (last.exact) {
          next.view.set(last.rows);
          polarInto(W.ptr, next.ptr);
          kern.gemm(0, 0, n, p, n, 1, W.ptr, n, Y.ptr, p, 0, Z.ptr, p, gemmWork.ptr);
          return { exact: true, dictionary: transpose({ rows: n, cols: n, data: W.toArray() }), codes: Z.toArray(), record: { steps: step, exact: true, residual: last.residual } };
        }
      }
      if (step === MAX_STEPS) {
        // MAX_STEPS is a multiple of STEPS_PER_TRY: `last` is this step's vertex step.
        const record = { steps: step, exact: false, residual: last?.residual ?? Infinity };
        const certified = last === undefined ? [] : certifiedAtoms(last, n);
        return certified.length === 0 ? { exact: false, record } : { exact: false, record, stalled: splitStalled(last!.rows, W.view, n, certified) };
      }
      // G = (1/p)·sign(WY)·Yᵀ, Ω = skew(WᵀG), next = W − η·(√n/‖Ω‖_F)·W·Ω, W ← Polar(next).
      kern.signAbsSum(Z.ptr, Z.ptr, n * p);
      kern.gemm(0, 1, n, n, p, 1 / p, Z.ptr, p, Y.ptr, p, 0, G.ptr, n, gemmWork.ptr);
      kern.gemm(1, 0, n, n, n, 1, W.ptr, n, G.ptr, n, 0, next.ptr, n, gemmWork.ptr);
      const wg = next.view, o = omega.view;
      let size = 0;
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          o[a * n + b] = (wg[a * n + b] - wg[b * n + a]) / 2;
          size += o[a * n + b] ** 2;
        }
      }
      if (size > 0) {
        next.view.set(W.view);
        kern.gemm(0, 0, n, n, n, -eta * Math.sqrt(n / size), W.ptr, n, omega.ptr, n, 1, next.ptr, n, gemmWork.ptr);
        polarInto(W.ptr, next.ptr);
      }
      eta *= DECAY;
    }
  } finally {
    scope.disposeAll();
  }
}

/**
 * MSP's output refined ({@link refineDictionary}) unless the iteration was stopped (aborted,
 * callback, time). A refinement that did not certify keeps MSP's dictionary and marks the run not
 * converged: reason "max-iterations" when its steps ran out, "aborted" / "max-time" when it was cut short.
 */
export async function refineMspOutput(
  out: MethodOutput, y: Float64Array, n: number, p: number, options: ResolvedOptions, kern: RefinementKernels, deadline: number,
): Promise<MethodOutput> {
  const { reason } = out.record;
  if (reason === "aborted" || reason === "callback" || reason === "max-time") return out;
  const refined = await refineDictionary(y, n, p, out.dictionary, options, kern, deadline);
  if (refined.exact) return { ...out, dictionary: refined.dictionary, codes: refined.codes, refinement: refined.record };
  return { ...out, refinement: refined.record, record: { ...out.record, converged: false, reason: refined.stopped ?? "max-iterations" } };
}

/**
 * The certified rows of the vertex step's candidate, and the other rows of W made orthonormal and
 * orthogonal to them by modified Gram–Schmidt, run twice ("twice is enough": Giraud, Langou,
 * Rozložník & van den Eshof, Numer. Math. 101, 2005).
 */
function splitStalled(candidate: Float64Array, W: Float64Array, n: number, certified: readonly number[]): Stalled {
  const c = certified.length, k = n - c;
  const done = new Float64Array(c * n);
  certified.forEach((i, r) => done.set(candidate.subarray(i * n, (i + 1) * n), r * n));
  const chosen = new Set(certified);
  const rest = new Float64Array(k * n);
  let r = 0;
  for (let i = 0; i < n; i++) if (!chosen.has(i)) rest.set(W.subarray(i * n, (i + 1) * n), n * r++);
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < k; a++) {
      const v = rest.subarray(a * n, (a + 1) * n);
      const against = (u: Float64Array): void => {
        let d = 0;
        for (let t = 0; t < n; t++) d += u[t] * v[t];
        for (let t = 0; t < n; t++) v[t] -= d * u[t];
      };
      for (let b = 0; b < c; b++) against(done.subarray(b * n, (b + 1) * n));
      for (let b = 0; b < a; b++) against(rest.subarray(b * n, (b + 1) * n));
      let size = 0;
      for (let t = 0; t < n; t++) size += v[t] * v[t];
      size = Math.sqrt(size);
      for (let t = 0; t < n; t++) v[t] /= size;
    }
  }
  return { certified: { rows: c, cols: n, data: done }, rest: { rows: k, cols: n, data: rest } };
}

/**
 * ‖yⱼ‖ for each column of the n×p row-major samples, 0 for those below 1e-12 of the largest:
 * on the complement of certified atoms the samples whose codes there are all 0 are rounding
 * errors, with no direction to fit (the vertex step leaves samples of norm 0 out).
 */
function sampleNorms(y: Float64Array, n: number, p: number): Float64Array {
  const norms = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) norms[j] += y[i * p + j] ** 2;
  let largest = 0;
  for (let j = 0; j < p; j++) {
    norms[j] = Math.sqrt(norms[j]);
    largest = Math.max(largest, norms[j]);
  }
  for (let j = 0; j < p; j++) if (norms[j] <= 1e-12 * largest) norms[j] = 0;
  return norms;
}
