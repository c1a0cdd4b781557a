// Method "subgradient": one atom at a time by Riemannian subgradient descent on the ℓ¹ objective
// over the sphere with geometrically shrinking steps (Bai, Jiang & Sun 2019).
import type { ResidentKernels } from "../../problems/resident.js";
import type { ArenaScope } from "../../runtime/arena.js";
import { SolverRun } from "../../solvers/run.js";
import { sphere } from "../../manifolds/sphere.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import { eighValues } from "../../kernels/linalg/eigh-values.js";
import type { AtomSolver } from "./atoms.js";
import { WeightedGram, type GramKernels } from "./weighted-gram.js";
import { CONVERGED, type DictionaryStopReason, type ResolvedOptions } from "./options.js";

/**
 * |qᵀyⱼ| at or below this (the data have unit RMS entry) counts as a zero residual in the test
 * that tells a vertex of f from a stalled iterate: the atoms' zero residuals are ≈ 1e-10 when the
 * schedule ends, a generic residual is this small with probability ≈ 1e-6.
 */
const ZERO_RESIDUAL = 1e-6;
/**
 * The zero-residual samples span q's complement when their Gram matrix (plus q's direction) has
 * λ_min > VERTEX_RANK·λ_max: measured 0.5–0.8 at the atoms of n = 50, p = 5000, θ = 0.1, and
 * 7e-16 at the stall described below (a direction missing from the span gets nothing).
 */
const VERTEX_RANK = 1e-8;

/**
 * The atom solver of the "subgradient" method: minimize the nonsmooth f(q) = (1/p)·‖qᵀY‖₁ over
 * the unit sphere of the current subspace — the formulation of Bai, Jiang & Sun ("Subgradient
 * descent learns orthogonal dictionaries", ICLR 2019), whose minimizers are ±the atoms, reached
 * from random starts with high probability — by Riemannian subgradient steps
 *   d = (I − qqᵀ)·(1/p)·Y·sign(Yᵀq),   q ← (q − ηₖ·d/‖d‖) / ‖q − ηₖ·d/‖d‖‖,
 * from a uniformly random start, with normalized steps ηₖ = η₀ for the first K₀ iterations
 * (`constantSteps`) and ηₖ = η₀·β^{k−K₀} after. The constant phase carries the iterate into the
 * basin of an atom, the geometric phase then converges linearly to it, as normalized subgradient
 * steps with geometric decay do on a sharp minimum (f(q) − f(a) ≥ α·dist(q, a), which ℓ¹ has at
 * the atoms) when β is close enough to 1 (Goffin, "On convergence rates of subgradient
 * optimization methods", Math. Program. 13, 1977; on the sphere for this problem: Zhu, Ding,
 * Robinson, Tsakiris & Vidal, NeurIPS 2019; Li, Chen, Deng, Qu, Zhu & So, SIAM J. Optim. 31,
 * 2021), so the atom's error is O(ηₖ) and no rounding is needed. sign(0) = 0 (`signAbsSum`).
 *
 * Stalls and restarts: near the saddles between atoms (equal overlap with two of them) the escape
 * is slow, and a start that lingers there can use up its schedule before it reaches an atom — the
 * steps then sum to less than the way left and the iterate stops short. Measured at n = 50,
 * p = 5000, θ = 0.1: with K₀ = 0, η₀ = 0.5, β = 0.97 about 1 atom in 400, with K₀ = 200 one in
 * about 450 (an atom still at 0.08 rad after lingering 160 iterations near a saddle). So when the
 * schedule is spent, the end point is tested. f is piecewise linear, so its local minimizers on
 * the sphere of ℝᵐ are vertices: points where the samples orthogonal to q span the tangent space
 * q^⊥ (at an atom of sparse data, the (1 − θ)p samples where the atom's code is 0 do). A stalled
 * iterate ends on a face of f spanned by a few atoms — the stall above, at overlaps 0.997 and
 * 0.079 with two atoms, had 81% of its residuals at 0, but those samples all lie in the
 * complement of the two atoms' plane, so they miss the direction along the face. An end point
 * whose zero residuals (|qᵀyⱼ| ≤ 1e-6) do not span q^⊥ (their Gram matrix plus q's direction has
 * λ_min ≤ 1e-8·λ_max; one syrk, m²p flops) is taken as stalled, and the atom starts again from a new
 * random point with a fresh schedule (recorded as an iteration with step 0), up to `restarts`
 * times (random restarts are the paper's own remedy: it runs many independent starts).
 *
 * Defaults η₀ = 0.1 (radians), K₀ = 200, β = 0.97; an atom is done when ηₖ < `stepTolerance`
 * (1e-10: 200 + 680 iterations) at a local minimizer, reason `"step-tolerance"`; out of restarts,
 * `"step-too-small"`; a zero Riemannian subgradient (q exactly critical, e.g. the last atom of a
 * complete basis) stops with `"gradient-tolerance"`. Recorded: `cost` f(q), `gradientNorm` ‖d‖
 * (which does not vanish at a sharp minimum: `gradientTolerance` is not used), `step` ηₖ. Two
 * gemvs on the resident data per iteration.
 */
export function subgradientAtomSolver(
  options: ResolvedOptions, n: number, p: number, kern: ResidentKernels & OrthogonalKernels & GramKernels,
): (scope: ArenaScope) => AtomSolver {
  return (scope) => {
    const gram = new WeightedGram(scope, n, p, kern);
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
      /** The normalized step q − η·g/‖g‖ retracted to the sphere (g, ‖g‖ of the current point). */
      const stepped = (from: Float64Array, eta: number, norm: number): Float64Array => {
        const next = new Float64Array(m);
        let size = 0;
        for (let i = 0; i < m; i++) {
          next[i] = from[i] - (eta / norm) * g[i];
          size += next[i] * next[i];
        }
        size = Math.sqrt(size);
        for (let i = 0; i < m; i++) next[i] /= size;
        return next;
      };
      /**
       * Whether q is a vertex of f: the samples orthogonal to q (|qᵀyⱼ| ≤ ZERO_RESIDUAL) span its
       * orthogonal complement, i.e. Σ_Z yⱼyⱼᵀ + (trace/m)·qqᵀ has λ_min > VERTEX_RANK·λ_max.
       */
      const atVertex = (q: Float64Array): boolean => {
        x.view.set(q);
        kern.gemv(1, m, p, 1, ptr, ld, x.ptr, 1, 0, s.ptr, 1);
        const w = s.view; // the residuals, replaced by the 0/1 weights of the zero set
        let zeros = 0;
        for (let j = 0; j < p; j++) {
          w[j] = Math.abs(w[j]) <= ZERO_RESIDUAL ? 1 : 0;
          zeros += w[j];
        }
        if (zeros < m - 1) return false;
        gram.form(data, s.ptr);
        const M = gram.gram.view.slice(0, m * m);
        let trace = 0;
        for (let i = 0; i < m; i++) trace += M[i * m + i];
        for (let i = 0; i < m; i++) for (let k = 0; k < m; k++) M[i * m + k] += (trace / m) * q[i] * q[k];
        const values = eighValues({ rows: m, cols: m, data: M });
        return values[0] > VERTEX_RANK * values[m - 1];
      };
      // A nonsmooth cost has no vanishing gradient at its minimizers: the gradient test is off.
      const run = new SolverRun<Float64Array>({ ...common, gradientTolerance: -1 });
      let q = sphere(m).random(rng);
      let [f, norm] = evaluate(q);
      let reason: DictionaryStopReason | undefined = await run.begin(q, f, norm);
      let eta = options.initialStep;
      let phase = 0; // the iteration at which the current schedule started
      let restarts = 0;
      while (reason === undefined) {
        if (norm === 0) {
          reason = "gradient-tolerance";
          break;
        }
        q = stepped(q, eta, norm);
        [f, norm] = evaluate(q);
        reason = await run.record(q, f, norm, eta);
        if (run.iterations - phase >= options.constantSteps) eta *= options.decay;
        if (reason !== undefined || eta >= options.stepTolerance) continue;
        if (atVertex(q)) reason = "step-tolerance";
        else if (restarts >= options.restarts) reason = "step-too-small";
        else {
          restarts++;
          q = sphere(m).random(rng);
          [f, norm] = evaluate(q);
          eta = options.initialStep;
          reason = await run.record(q, f, norm, 0);
          phase = run.iterations;
        }
      }
      const result = run.finish(q, "max-iterations", { cost: 0, gradient: 0, hessian: 0 });
      return {
        q,
        history: result.history,
        record: { iterations: result.iterations, converged: CONVERGED.has(reason), reason, cost: f, gradientNorm: norm, restarts },
      };
    };
  };
}
