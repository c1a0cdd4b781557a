// learnDictionary: the front door of dictionary learning — validation, the resident data, the
// start, the method, the result.
import type { Matrix } from "../../matrix.js";
import { Rng } from "../../data/rng.js";
import { ArenaScope } from "../../runtime/arena.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";
import { SolverRun } from "../../solvers/run.js";
import { checkMatrix } from "../../validate.js";
import { batch } from "./batch.js";
import { DictionaryCoder } from "./coder.js";
import { initialDictionary } from "./initial-dictionary.js";
import type { LearningRun } from "./learning-run.js";
import { online } from "./online.js";
import { resolveDictionaryOptions, type DictionaryLearningResult, type LearnDictionaryOptions } from "./options.js";

/**
 * Learns a dictionary A (n×K, unit-norm atoms in the columns) and sparse codes X (K×p) for the
 * samples Y (n×p, one per column) by minimizing the per-sample objective
 *   (1/p)·(½‖Y − AX‖²_F + λ‖X‖₁)   over ‖aⱼ‖ = 1 and X,
 * nonconvex in (A, X) jointly, convex in each: the alternation of a coding step (the lasso of
 * every sample for A fixed) with a dictionary update (A for X fixed) — Olshausen & Field's
 * sparse coding model (Nature 1996) in the form of Mairal, Bach, Ponce & Sapiro ("Online
 * learning for matrix factorization and sparse coding", JMLR 11, 2010). Methods:
 * - `"batch"` (default): per iteration, the dictionary by exact block-coordinate descent over the
 *   atoms on the sufficient statistics B = XXᵀ, C = YXᵀ, then all codes warm-started (see
 *   `batch`); with `coding: "cd"` the recorded objective never rises.
 * - `"online"`: minibatches with running statistics and Mairal et al.'s forgetting factor, an
 *   iteration being one pass over the samples (see `online`).
 * `coding: "omp"` replaces the lasso by orthogonal matching pursuit to a residual target or a
 * number of atoms (the ℓ⁰ model of K-SVD: Aharon, Elad & Bruckstein 2006, which `denoiseImage`
 * uses); the objective is then ½‖Y − AX‖²/p. The atoms are kept in the unit ball by the update and
 * scaled to unit norm (the codes scaled back, AX unchanged, λ‖X‖₁ lowered); an atom no code uses
 * is replaced by the normalized residual of a worst-fitted sample (see `replaceDeadAtoms`).
 *
 * With `mask`, only the observed entries enter the fit, ½Σ Mᵢⱼ(yᵢⱼ − aᵢᵀxⱼ)²: each code is the
 * lasso on its sample's observed rows and the update works on per-row statistics (see
 * `MaskedCoder`, `SufficientStatistics`, `updateAtoms`) — dictionary learning as inpainting.
 *
 * Recorded per iteration (`history`, `onIteration`, whose `point` is a copy of the dictionary):
 * `cost` the per-sample objective, `gradientNorm` ‖P(AB − C)‖_F/‖C‖_F (the gradient of the fit in
 * A projected on the atoms' spheres, relative; it is what `gradientTolerance` stops on, with the
 * codes only as accurate as `codingTolerance`), `step` ‖Aₜ − Aₜ₋₁‖_F. Stops on `tolerance` (the
 * relative change of the objective, reason "objective-tolerance"), `gradientTolerance`,
 * `maxIterations` (default 1000), `maxTime`, `signal` or the callback. The samples stay in wasm
 * memory for the run, which frees all it allocated on return, throw and abort; after a stop
 * inside a coding step the codes are those reached, and `objective` is always that of the
 * returned dictionary and codes.
 *
 * NaN/Inf policy: observed entries of Y must be finite (RangeError naming the first bad one);
 * entries the mask marks missing are ignored, whatever they hold. Samples that are zero (or
 * entirely missing) are allowed: their codes are 0.
 *
 * @param Y the n×p samples, one per column.
 * @throws TypeError / RangeError before any work: Y not a matrix, empty, or with a non-finite
 *   observed entry; all of Y zero; more atoms than nonzero samples (K > p leaves atoms no sample
 *   can determine); a bad or unknown option (λ < 0, a mask of the wrong length, an init of the
 *   wrong shape or with a zero column, …).
 */
export async function learnDictionary(Y: Matrix, options: LearnDictionaryOptions): Promise<DictionaryLearningResult> {
  const y = checkMatrix("Y", Y);
  const { rows: n, cols: p } = y;
  if (n === 0 || p === 0) throw new RangeError(`invalid Y: expected at least one row and one sample (column), got a ${n}×${p} matrix`);
  const o = resolveDictionaryOptions(options, n, p);
  const K = o.atoms;
  const { data, nonzero } = observedSamples(y, o.mask);
  if (nonzero.length === 0) throw new RangeError(`invalid Y: every ${o.mask === undefined ? "" : "observed "}entry is 0; there is nothing to learn from`);
  if (K > nonzero.length) {
    throw new RangeError(
      `invalid atoms: ${K} atoms for ${nonzero.length} nonzero samples; expected at most ${nonzero.length} ` +
        "(with more atoms than samples, each sample can have an atom of its own and the rest are not determined)",
    );
  }
  const rng = new Rng(o.common.seed);
  const start = initialDictionary({ rows: n, cols: p, data }, K, o.init, nonzero, rng);

  const kern = kernels<SparseCodingKernels>();
  const scope = new ArenaScope(runtime().arena);
  try {
    const r: LearningRun = {
      kern, scope, n, K, p,
      A: scope.f64From(start),
      Y: scope.f64From(data),
      X: scope.f64(K * p),
      mask: o.mask,
      o,
      run: new SolverRun<Matrix>(o.common, undefined, (m) => ({ rows: m.rows, cols: m.cols, data: m.data.slice() })),
      coder: new DictionaryCoder(kern, scope, n, K, o),
      rng,
    };
    const outcome = o.method === "batch" ? await batch(r) : await online(r);
    const objective = perSampleObjective(r);
    const finished = r.run.finish({ rows: n, cols: K, data: new Float64Array(0) }, "max-iterations", { cost: 0, gradient: 0, hessian: 0 });
    return {
      dictionary: { rows: n, cols: K, data: r.A.toArray() },
      codes: { rows: K, cols: p, data: r.X.toArray() },
      objective,
      history: finished.history,
      result: {
        iterations: finished.iterations,
        converged: outcome.reason === "objective-tolerance" || outcome.reason === "gradient-tolerance",
        reason: outcome.reason,
        time: r.run.elapsed(),
        atomsReplaced: outcome.atomsReplaced,
        minibatches: outcome.minibatches,
      },
    };
  } finally {
    scope.disposeAll();
  }
}

/**
 * Y's data with the missing entries set to 0, checking that the observed ones are finite, and
 * the indices of the samples with a nonzero observed entry.
 */
function observedSamples(y: Matrix, mask: Uint8Array | undefined): { data: Float64Array; nonzero: number[] } {
  const { cols: p, data: source } = y;
  const data = new Float64Array(source.length);
  const used = new Uint8Array(p);
  for (let t = 0; t < source.length; t++) {
    if (mask !== undefined && mask[t] === 0) continue;
    const v = source[t];
    if (!Number.isFinite(v)) {
      throw new RangeError(`invalid Y: Y[${Math.floor(t / p)}, ${t % p}] = ${v}${mask === undefined ? "" : " (observed)"}; expected finite values`);
    }
    data[t] = v;
    if (v !== 0) used[t % p] = 1;
  }
  const nonzero: number[] = [];
  for (let j = 0; j < p; j++) if (used[j] === 1) nonzero.push(j);
  return { data, nonzero };
}

/** (1/p)·Σⱼ (½‖M ⊙ (yⱼ − Axⱼ)‖² + λ‖xⱼ‖₁) of the buffers as they stand, from the residual. */
function perSampleObjective(r: LearningRun): number {
  const { kern, n, K, p, A, X, Y, mask, o } = r;
  return runtime().arena.scope((s) => {
    const R = s.f64(n * p);
    const work = s.f64(kern.gemmWorkspaceSize(n, p, K));
    kern.copy(n * p, Y.ptr, 1, R.ptr, 1);
    kern.gemm(0, 0, n, p, K, 1, A.ptr, K, X.ptr, p, -1, R.ptr, p, work.ptr);
    const res = R.view;
    if (mask !== undefined) for (let t = 0; t < n * p; t++) if (mask[t] !== 1) res[t] = 0;
    const fit = 0.5 * kern.dot(n * p, R.ptr, 1, R.ptr, 1);
    return (fit + o.lambda * kern.asum(K * p, X.ptr, 1)) / p;
  });
}
