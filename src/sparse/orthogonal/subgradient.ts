// Method "subgradient": one atom at a time by Riemannian subgradient descent on the ℓ¹ objective
// over the sphere with geometrically shrinking steps (Bai, Jiang & Sun 2019).
import type { ResidentKernels } from "../../problems/resident.js";
import type { ArenaScope } from "../../runtime/arena.js";
import { SolverRun } from "../../solvers/run.js";
import { sphere } from "../../manifolds/sphere.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import type { AtomSolver } from "./atoms.js";
import { CONVERGED, type DictionaryStopReason, type ResolvedOptions } from "./options.js";

/**
 * The atom solver of the "subgradient" method: minimize the nonsmooth f(q) = (1/p)·‖qᵀY‖₁ over
 * the unit sphere of the current subspace — the formulation of Bai, Jiang & Sun ("Subgradient
 * descent learns orthogonal dictionaries", ICLR 2019), whose minimizers are ±the atoms, reached
 * from random starts with high probability — by Riemannian subgradient steps
 *   d = (I − qqᵀ)·(1/p)·Y·sign(Yᵀq),   q ← (q − ηₖ·d/‖d‖) / ‖q − ηₖ·d/‖d‖‖,
 * from a uniformly random start, with normalized steps ηₖ = η₀ for the first K₀ iterations
 * (`constantSteps`) and ηₖ = η₀·β^{k−K₀} after. The constant phase carries the iterate into the
 * basin of an atom: near the saddles between atoms (equal overlap with two of them) the escape is
 * slow, and a step that shrinks from the start can stall there — measured: with K₀ = 0, η₀ = 0.5,
 * β = 0.97 about one atom in 400 was lost that way at n = 50, p = 5000, θ = 0.1, none with
 * K₀ = 150 or 300 over 8 instances. The geometric phase then converges linearly to the atom,
 * as normalized subgradient steps with geometric decay do on a sharp minimum
 * (f(q) − f(a) ≥ α·dist(q, a), which ℓ¹ has at the atoms) when β is close enough to 1 (Goffin,
 * "On convergence rates of subgradient optimization methods", Math. Program. 13, 1977; on the
 * sphere for this problem: Zhu, Ding, Robinson, Tsakiris & Vidal, NeurIPS 2019; Li, Chen, Deng,
 * Qu, Zhu & So, SIAM J. Optim. 31, 2021), so the atom's error is O(ηₖ) and no rounding is
 * needed. sign(0) = 0 (`signAbsSum`).
 *
 * Defaults η₀ = 0.1 (radians), K₀ = 200, β = 0.97; an atom is done when ηₖ < `stepTolerance`
 * (1e-10: 200 + 680 iterations), reason `"step-tolerance"`; a zero Riemannian subgradient (q
 * exactly critical, e.g. the last atom of a complete basis) stops with `"gradient-tolerance"`.
 * Recorded: `cost` f(q), `gradientNorm` ‖d‖ (which does not vanish at a sharp minimum:
 * `gradientTolerance` is not used), `step` ηₖ. Two gemvs on the resident data per iteration.
 */
export function subgradientAtomSolver(
  options: ResolvedOptions, p: number, kern: ResidentKernels & OrthogonalKernels,
): (scope: ArenaScope) => AtomSolver {
  return (scope) => {
    const x = scope.f64(p); // holds q (m entries), then the subgradient (m entries)
    const s = scope.f64(p); // Yᵀq, then its signs
    return async ({ data, rng, common }) => {
      const { ptr, rows: m, ld } = data;
      const g = new Float64Array(m);
      /** f(q) and d = (I − qqᵀ)·∇, left in g; returns [f, ‖d‖]. */
      const evaluate = (q: Float64Array): [number, number] => {
        x.view.set(q);
        kern.gemv(1, m, p, 1, ptr, ld, x.ptr, 1, 0, s.ptr, 1);
        const f = kern.signAbsSum(s.ptr, s.ptr, p) / p;
        kern.gemv(0, m, p, 1 / p, ptr, ld, s.ptr, 1, 0, x.ptr, 1);
        g.set(x.view.subarray(0, m));
        let qg = 0;
        for (let i = 0; i < m; i++) qg += q[i] * g[i];
        let norm = 0;
        for (let i = 0; i < m; i++) {
          g[i] -= qg * q[i];
          norm += g[i] * g[i];
        }
        return [f, Math.sqrt(norm)];
      };
      // A nonsmooth cost has no vanishing gradient at its minimizers: the gradient test is off.
      const run = new SolverRun<Float64Array>({ ...common, gradientTolerance: -1 });
      let q = sphere(m).random(rng);
      let [f, norm] = evaluate(q);
      let reason: DictionaryStopReason | undefined = await run.begin(q, f, norm);
      let eta = options.initialStep;
      while (reason === undefined) {
        if (norm === 0) {
          reason = "gradient-tolerance";
          break;
        }
        const next = new Float64Array(m);
        let size = 0;
        for (let i = 0; i < m; i++) {
          next[i] = q[i] - (eta / norm) * g[i];
          size += next[i] * next[i];
        }
        size = Math.sqrt(size);
        for (let i = 0; i < m; i++) next[i] /= size;
        q = next;
        [f, norm] = evaluate(q);
        reason = await run.record(q, f, norm, eta);
        if (run.iterations >= options.constantSteps) eta *= options.decay;
        if (reason === undefined && eta < options.stepTolerance) reason = "step-tolerance";
      }
      const result = run.finish(q, "max-iterations", { cost: 0, gradient: 0, hessian: 0 });
      return {
        q,
        history: result.history,
        record: { iterations: result.iterations, converged: CONVERGED.has(reason), reason, cost: f, gradientNorm: norm },
      };
    };
  };
}
