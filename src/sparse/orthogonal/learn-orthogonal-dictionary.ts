// learnOrthogonalDictionary: the front door of orthogonal dictionary learning — validation,
// scaling, the method, the codes and the result.
import type { Matrix } from "../../matrix.js";
import { gemm } from "../../kernels/blas/gemm.js";
import { nrm2 } from "../../kernels/blas/nrm2.js";
import { eighValues } from "../../kernels/linalg/eigh-values.js";
import { kernels } from "../../runtime/init.js";
import { checkMatrix } from "../../validate.js";
import { learnAtoms } from "./atoms.js";
import type { RoundingKernels } from "./lp-rounding.js";
import type { MethodOutput } from "./method-output.js";
import { msp, type MspKernels } from "./msp.js";
import { resolveOptions, type LearnOrthogonalDictionaryOptions, type OrthogonalDictionaryResult } from "./options.js";
import { refineMspOutput, type RefinementKernels } from "./l1-refinement.js";
import { roundMspOutput } from "./round-dictionary.js";
import { sphereAtomSolver } from "./sphere.js";
import { subgradientAtomSolver } from "./subgradient.js";

/**
 * Learns an orthogonal dictionary from samples: given Y (n×p, samples as columns) with
 * Y ≈ A₀·X₀, A₀ ∈ O(n) and X₀ sparse, finds A with orthonormal columns and codes X = AᵀY such that
 * A = A₀ modulo the signed permutations of its columns (the symmetry of the problem: measure with
 * `signedPermutationError` or `l4Error`). Methods (`method`):
 * - `"msp"` (default): all atoms at once, maximizing ‖AᵀY‖₄⁴ over O(n) by matching, stretching and
 *   projection, one polar factor per iteration (Zhai, Yang, Liao, Wright & Ma, JMLR 2020; see `msp`).
 *   At finite p its fixed point is biased away from A₀, every atom by about √(n/p) radians
 *   (measured at θ = 0.3: l4Error ≈ 7e-3 and signed-permutation error ≈ 0.06 at n = 50, p = 10⁴;
 *   l4Error ≈ 3.4e-3 at n = 100, p = 4·10⁴). By default (`rounding: "l1"`) the fixed point is
 *   then refined to the exact dictionary by Riemannian subgradient steps on ‖AᵀY‖₁ over O(n)
 *   and a certified vertex step (see the `rounding` option), for 1.2–1.6× the cost of the MSP run
 *   (n = 100, p = 4·10⁴); `rounding: "lp"` LP-rounds each atom instead (exact too, about 4×
 *   dearer than the refinement there, see `roundDictionary`); `rounding: false` returns the ℓ⁴
 *   fixed point.
 * - `"sphere"`: one atom at a time: Riemannian trust regions on the smoothed ℓ¹ objective
 *   (1/p)·Σⱼ μ·log cosh(qᵀyⱼ/μ) over the sphere, LP rounding to the exact atom, deflation onto the
 *   orthogonal complement (Sun, Qu & Wright, IEEE Trans. IT 2017; see `sphereAtomSolver`).
 * - `"subgradient"`: one atom at a time: Riemannian subgradient descent on (1/p)·‖qᵀY‖₁ over the
 *   sphere with geometrically shrinking steps, then deflation (Bai, Jiang & Sun, ICLR 2019; see
 *   `subgradientAtomSolver`).
 * With X₀ Bernoulli–Gaussian (rate θ), recovery needs θ well below 1 (the papers: θ ≲ 0.3–0.5)
 * and enough samples (p of order n² to n⁴ in theory, a few thousand for n = 50 in practice); the
 * phase transitions in θ × p are measured by bench/orthogonal-dictionary.mjs.
 *
 * The data are scaled by 1/s, s = ‖Y‖_F/√(np) (their RMS entry), before the method runs: every
 * method is invariant to the scale of Y except for this, so `mu`, the tolerances and the
 * recorded costs and gradient norms (in `history`, `onIteration` and `atoms`) refer to the scaled
 * data, while `codes`, `codeThreshold` and `objective` are in the units of Y. Y is copied into wasm
 * memory once and stays there for the run; all the run's wasm memory is freed on return, throw and
 * abort. Common options: `maxIterations` (per run for "msp", default 500; per atom for the others,
 * defaults 1000 trust-region and 10,000 subgradient iterations), `maxTime` (the whole run),
 * `gradientTolerance` (default 1e-6; the Riemannian gradient norm of "msp" and of each trust-region
 * run; not used by "subgradient"), `onIteration`, `signal`, `seed` (default 1: the start of "msp"
 * and the atoms' random starts) and `yieldInterval`.
 *
 * Samples that are all zero (a column of X₀ with no nonzero, which Bernoulli–Gaussian codes have
 * with probability (1 − θ)ⁿ) are allowed: they carry no information and change nothing.
 *
 * @param Y the n×p samples, n ≥ 1, p ≥ n, finite, of full row rank.
 * @returns the dictionary (n×k, orthonormal columns), the codes (k×p), the objective, the
 *   per-iteration history, the run record and, for the atom-by-atom methods, per-atom records.
 * @throws TypeError / RangeError before any work: Y not a matrix; an entry of Y not finite
 *   (naming it); fewer samples than atoms (p < n: the atoms are not determined); Y all zero or not
 *   of full row rank n (its Gram matrix YYᵀ has an eigenvalue ≤ n·ε·its largest: some direction
 *   of ℝⁿ is seen by no sample); a bad or unknown option.
 */
export async function learnOrthogonalDictionary(Y: Matrix, options: LearnOrthogonalDictionaryOptions = {}): Promise<OrthogonalDictionaryResult> {
  const started = performance.now();
  const y = checkSamples(Y);
  const { rows: n, cols: p } = y;
  const resolved = resolveOptions(options, n);
  const scale = nrm2(y.data) / Math.sqrt(n * p); // overflow-safe: Y may be huge or tiny
  const scaled = y.data.map((v) => v / scale);
  checkFullRank({ rows: n, cols: p, data: scaled });
  const kern = kernels<MspKernels & RoundingKernels & RefinementKernels>();
  let out: MethodOutput;
  if (resolved.method === "msp") {
    out = await msp(scaled, n, p, resolved, kern);
    const deadline = started + resolved.common.maxTime;
    if (resolved.rounding === "l1") out = await refineMspOutput(out, scaled, n, p, resolved, kern, deadline);
    else if (resolved.rounding === "lp") out = await roundMspOutput(out, scaled, n, p, resolved, kern, deadline);
  } else {
    const solver = resolved.method === "sphere" ? sphereAtomSolver(resolved, n, p, kern) : subgradientAtomSolver(resolved, n, p, kern);
    out = await learnAtoms(scaled, n, p, resolved, kern, solver);
  }
  const codes = out.codes.map((v) => v * scale);
  let objective = 0;
  for (const v of codes) objective += resolved.method === "msp" ? v * v * v * v : Math.abs(v);
  objective /= p;
  const t = resolved.codeThreshold;
  if (t > 0) for (let k = 0; k < codes.length; k++) if (Math.abs(codes[k]) <= t) codes[k] = 0;
  return {
    dictionary: out.dictionary,
    codes: { rows: out.dictionary.cols, cols: p, data: codes },
    objective,
    history: out.history,
    result: { ...out.record, time: performance.now() - started },
    ...(out.atoms === undefined ? {} : { atoms: out.atoms }),
    ...(out.rounding === undefined ? {} : { rounding: out.rounding }),
    ...(out.refinement === undefined ? {} : { refinement: out.refinement }),
  };
}

/** Y: a finite n×p matrix with n ≥ 1, p ≥ n and some nonzero entry. */
function checkSamples(Y: unknown): Matrix {
  const y = checkMatrix("Y", Y);
  const { rows: n, cols: p } = y;
  if (n === 0) throw new RangeError(`invalid Y: expected at least one row (the dimension n), got a 0×${p} matrix`);
  if (p < n) {
    throw new RangeError(
      `invalid Y: an ${n}×${p} matrix has fewer samples (columns) than atoms (n = ${n}): Y has rank ≤ ${p} < ${n}, ` +
        "so an orthogonal dictionary of n atoms is not determined",
    );
  }
  let nonzero = false;
  for (let k = 0; k < y.data.length; k++) {
    if (!Number.isFinite(y.data[k])) {
      const i = Math.floor(k / p);
      throw new RangeError(`invalid Y: Y[${i}, ${k - i * p}] = ${y.data[k]}; expected finite values`);
    }
    nonzero ||= y.data[k] !== 0;
  }
  if (!nonzero) throw new RangeError(`invalid Y: every entry is 0; expected samples of an ${n}-dimensional dictionary`);
  return y;
}

/** Rejects samples (scaled to unit RMS entry) that are numerically rank deficient: λ_min(YYᵀ) ≤ n·ε·λ_max(YYᵀ). */
function checkFullRank(y: Matrix): void {
  const values = eighValues(gemm(y, y, { transB: true }));
  const n = y.rows;
  const largest = values[n - 1];
  if (!(values[0] > n * Number.EPSILON * largest)) {
    throw new RangeError(
      `invalid Y: not of full row rank (the smallest eigenvalue of YYᵀ is ${values[0]}, at most n·ε times the largest, ${largest}, ` +
        "for Y scaled to unit RMS entry): some direction of ℝⁿ is seen by no sample (e.g. a zero row), so the dictionary is not determined",
    );
  }
}
