// The ℓ¹ refinement of the MSP fixed point (the default `rounding: "l1"`): Riemannian subgradient
// steps on ‖W·Y‖₁ over the orthogonal group, all atoms at once, finished by the exact vertex step.
import { transpose, type Matrix } from "../../matrix.js";
import { ArenaScope } from "../../runtime/arena.js";
import { runtime } from "../../runtime/init.js";
import { SolverRun } from "../../solvers/run.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import type { MethodOutput } from "./method-output.js";
import type { MspKernels } from "./msp.js";
import type { RefinementRecord, ResolvedOptions } from "./options.js";
import { samplesPerAtom, VertexStep, type VertexKernels } from "./vertex-step.js";

/** The kernels the refinement calls. */
export type RefinementKernels = MspKernels & OrthogonalKernels & VertexKernels;

/** The first step η₀ (radians: the RMS move of an atom) and the geometric decay β of the steps. */
const FIRST_STEP = 0.1;
const DECAY = 0.85;
/** The most subgradient steps (η then ≈ 6e-6), and the vertex step is tried after every STEPS_PER_TRY of them. */
const MAX_STEPS = 60;
const STEPS_PER_TRY = 5;

/** The refined dictionary and its codes (scaled data), or the record of a refinement that did not certify. */
export type Refined =
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
 * Measured: certified after 15–45 steps at n = 50, p = 10⁴ and 20–40 at n = 100, p = 4·10⁴
 * (θ = 0.3), each step costing about an MSP iteration. A D too far from the truth (too few samples,
 * codes too dense) or data without an exact sparse model (e.g. noisy) is not certified within 60
 * steps: then `exact` is false and the caller keeps D. Stops between steps when the signal is
 * aborted or at `deadline` (a `performance.now()` time), saying which.
 *
 * @param y the scaled samples, n×p row-major.
 */
export async function refineDictionary(
  y: Float64Array, n: number, p: number, D: Matrix, options: ResolvedOptions, kern: RefinementKernels, deadline: number,
): Promise<Refined> {
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
    const polar = (out: number, a: number): void => {
      const info = kern.polar(out, 0, n, n, a, n, polarWork.ptr);
      if (info !== 0) throw new Error(`learnOrthogonalDictionary: the SVD of the ℓ¹ refinement's step did not converge (${info} singular values left)`);
    };
    let eta = FIRST_STEP;
    let residual = Infinity;
    for (let step = 0; ; step++) {
      if (performance.now() >= deadline) return { exact: false, stopped: "max-time", record: { steps: step, exact: false, residual } };
      if (await pacer.pause()) return { exact: false, stopped: "aborted", record: { steps: step, exact: false, residual } };
      kern.gemm(0, 0, n, p, n, 1, W.ptr, n, Y.ptr, p, 0, Z.ptr, p, gemmWork.ptr);
      if (step > 0 && step % STEPS_PER_TRY === 0) {
        const candidate = vertex.compute(W.view, Z.view, norms);
        residual = candidate.residual;
        if (candidate.exact) {
          next.view.set(candidate.rows);
          polar(W.ptr, next.ptr);
          kern.gemm(0, 0, n, p, n, 1, W.ptr, n, Y.ptr, p, 0, Z.ptr, p, gemmWork.ptr);
          return { exact: true, dictionary: transpose({ rows: n, cols: n, data: W.toArray() }), codes: Z.toArray(), record: { steps: step, exact: true, residual } };
        }
      }
      if (step === MAX_STEPS) return { exact: false, record: { steps: step, exact: false, residual } };
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
        polar(W.ptr, next.ptr);
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

/** ‖yⱼ‖ for each column of the n×p row-major samples. */
function sampleNorms(y: Float64Array, n: number, p: number): Float64Array {
  const norms = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) norms[j] += y[i * p + j] ** 2;
  for (let j = 0; j < p; j++) norms[j] = Math.sqrt(norms[j]);
  return norms;
}
