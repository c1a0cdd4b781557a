// Method "msp": ℓ⁴-norm maximization over the orthogonal group by matching, stretching and
// projection, with the samples resident in wasm memory for the whole run.
import { transpose, type Matrix } from "../../matrix.js";
import { Rng } from "../../data/rng.js";
import { randomOrthogonal } from "../../data/orthogonal.js";
import type { ResidentKernels } from "../../problems/resident.js";
import { ArenaScope } from "../../runtime/arena.js";
import { runtime } from "../../runtime/init.js";
import { SolverRun } from "../../solvers/run.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import { runOptions, type MethodOutput } from "./method-output.js";
import { CONVERGED, type DictionaryStopReason, type ResolvedOptions } from "./options.js";

interface PolarKernel {
  polar(q: number, h: number, m: number, n: number, a: number, lda: number, work: number): number;
  polarWorkspaceSize(m: number, n: number): number;
}

/** The kernels MSP calls. */
export type MspKernels = ResidentKernels & OrthogonalKernels & PolarKernel;

/**
 * Matching, stretching and projection (MSP) of Zhai, Yang, Liao, Wright & Ma ("Complete
 * dictionary learning via ℓ⁴-norm maximization over the orthogonal group", JMLR 21(165), 2020,
 * Algorithm 1): maximize φ(W) = ‖W·Y‖₄⁴ over W ∈ O(n) by the fixed-point iteration
 *   W ← Polar((W·Y)^∘3 · Yᵀ),
 * the projection onto O(n) (the polar factor U·Vᵀ of an SVD) of the gradient ∇φ/4 — the
 * generalized power method for a convex function on a compact set, so φ increases at every step
 * (op. cit. Prop. 3.3, after Journée, Nesterov, Richtárik & Sepulchre 2010), and converges
 * cubically near the ground truth (op. cit. Thm 3.5 for p → ∞). With Y = A₀X, X Bernoulli–Gaussian,
 * the maximizers are near the signed permutations of A₀ᵀ: W·Y are the codes, so the dictionary
 * is Wᵀ (Y = Wᵀ·(W·Y)). At finite p the fixed point differs from A₀ᵀ by a small bias (the
 * paper's Fig. 5: 1 − ‖WA₀‖₄⁴/n ≈ 3.4e-3 at n = 100, p = 40,000, θ = 0.3), which the iteration
 * does not remove.
 *
 * Per iteration: Z = W·Y (an n×n×p gemm), the cube Z^∘3 in place with ‖Z‖₄⁴ from the same pass
 * (`cubeFourthPowerSum`), G = Z^∘3·Yᵀ (another n×n×p gemm), and polar(G) (an n×n SVD). Y, Z, W
 * and G stay in wasm; only n×n matrices cross into JavaScript (for the record).
 *
 * Recorded per iteration (in the scaled data's units): `cost` f(W) = ‖W·Y‖₄⁴/p (maximized),
 * `gradientNorm` the norm of its Riemannian gradient on O(n), (4/p)·‖skew(WᵀG)‖_F — zero exactly
 * at the fixed points, where WᵀG = H is the symmetric polar factor —, and `step` ‖Wₜ − Wₜ₋₁‖_F.
 * Stops when the gradient norm ≤ `gradientTolerance` ("gradient-tolerance"), when
 * |fₜ − fₜ₋₁| ≤ tolerance·|fₜ| ("objective-tolerance"), or on the common criteria.
 *
 * @param y the scaled samples, n×p row-major (validated by the front door).
 */
export async function msp(y: Float64Array, n: number, p: number, options: ResolvedOptions, kern: MspKernels): Promise<MethodOutput> {
  const start = options.init ?? randomOrthogonal(n, { seed: new Rng(options.common.seed) });
  const dictionaryOf = (w: Float64Array): Matrix => transpose({ rows: n, cols: n, data: w });
  const common = runOptions<Matrix>(options, {}, -1, (point) => point);
  const scope = new ArenaScope(runtime().arena);
  try {
    const Y = scope.f64From(y);
    let W = scope.f64From(transpose(start).data);
    let next = scope.f64(n * n);
    const Z = scope.f64(n * p);
    const G = scope.f64(n * n);
    const WtG = scope.f64(n * n);
    const gemmWork = scope.f64(Math.max(kern.gemmWorkspaceSize(n, p, n), kern.gemmWorkspaceSize(n, n, p), kern.gemmWorkspaceSize(n, n, n)));
    const polarWork = scope.f64(kern.polarWorkspaceSize(n, n));

    /** f(W) and the Riemannian gradient norm, leaving G = (WY)^∘3·Yᵀ for the update. */
    const evaluate = (): { cost: number; gradientNorm: number } => {
      kern.gemm(0, 0, n, p, n, 1, W.ptr, n, Y.ptr, p, 0, Z.ptr, p, gemmWork.ptr);
      const l4 = kern.cubeFourthPowerSum(Z.ptr, Z.ptr, n * p);
      kern.gemm(0, 1, n, n, p, 1, Z.ptr, p, Y.ptr, p, 0, G.ptr, n, gemmWork.ptr);
      kern.gemm(1, 0, n, n, n, 1, W.ptr, n, G.ptr, n, 0, WtG.ptr, n, gemmWork.ptr);
      const m = WtG.view;
      let skew = 0;
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) skew += 2 * ((m[i * n + j] - m[j * n + i]) / 2) ** 2;
      return { cost: l4 / p, gradientNorm: (4 / p) * Math.sqrt(skew) };
    };

    const run = new SolverRun<Matrix>(common);
    let current = evaluate();
    let reason: DictionaryStopReason | undefined = await run.begin(dictionaryOf(W.view), current.cost, current.gradientNorm);
    while (reason === undefined) {
      const info = kern.polar(next.ptr, 0, n, n, G.ptr, n, polarWork.ptr);
      if (info !== 0) throw new Error(`learnOrthogonalDictionary: the SVD of the MSP update did not converge (${info} singular values left)`);
      let step = 0;
      const a = W.view, b = next.view;
      for (let k = 0; k < n * n; k++) step += (b[k] - a[k]) ** 2;
      [W, next] = [next, W];
      const previous = current.cost;
      current = evaluate();
      reason = await run.record(dictionaryOf(W.view), current.cost, current.gradientNorm, Math.sqrt(step));
      if (reason === undefined && Math.abs(current.cost - previous) <= options.tolerance * Math.abs(current.cost)) {
        reason = "objective-tolerance";
      }
    }
    const finished = run.finish(dictionaryOf(W.view), "max-iterations", { cost: 0, gradient: 0, hessian: 0 });
    // The codes W·Y of the final W (Z holds their cubes).
    kern.gemm(0, 0, n, p, n, 1, W.ptr, n, Y.ptr, p, 0, Z.ptr, p, gemmWork.ptr);
    return {
      dictionary: dictionaryOf(W.view),
      codes: Z.toArray(),
      history: finished.history,
      record: { iterations: finished.iterations, converged: CONVERGED.has(reason), reason },
    };
  } finally {
    scope.disposeAll();
  }
}
