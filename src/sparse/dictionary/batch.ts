// Method "batch": alternate warm-started coding of all samples with an exact block-coordinate
// update of every atom from the sufficient statistics.
import { updateAtoms } from "./atom-update.js";
import { replaceDeadAtoms } from "./dead-atoms.js";
import { dictionaryView, distance, objectiveStop, perSample, type LearningRun, type MethodOutcome } from "./learning-run.js";
import { SufficientStatistics } from "./statistics.js";
import type { DictionaryLearningStopReason } from "./options.js";

/**
 * Alternating minimization of F(A, X) = ½‖Y − AX‖²_F + λ‖X‖₁ over unit-norm atoms (Mairal,
 * Bach, Ponce & Sapiro, JMLR 2010, in its batch form; the alternation of Olshausen & Field 1997
 * and Engan, Aase & Husøy's MOD 1999): the start's codes, then per iteration
 * 1. the dictionary update: `updatePasses` sweeps of exact block-coordinate descent over the atoms
 *    on B = XXᵀ, C = YXᵀ (`updateAtoms`), atoms in the unit ball;
 * 2. atoms left with norm s < 1 are scaled to norm 1 and their codes' row by s, which keeps AX
 *    and lowers λ‖X‖₁; an atom left at 0 gets a zero row of codes (AX unchanged);
 * 3. dead atoms — rows of X that are zero — are replaced by the residuals of the worst-fitted
 *    samples (`replaceDeadAtoms`), which leaves F unchanged;
 * 4. the codes of all samples, warm-started from the previous ones (scaled in 2), by the coding
 *    method: with "cd", coordinate descent, each step an exact minimization, so F does not rise;
 * and records F/p, the relative stationarity of the dictionary on the new statistics and
 * ‖Aₜ − Aₜ₋₁‖_F. Every step 1–4 is a descent step or leaves F unchanged: with "cd" the recorded
 * objective never rises (to rounding). "fista" codes only to its tolerance and "omp" is greedy:
 * their records may rise slightly.
 */
export async function batch(r: LearningRun): Promise<MethodOutcome> {
  const { kern, scope, n, K, p, A, Y, X, mask, o, run, coder } = r;
  const stats = new SufficientStatistics(kern, scope, n, K, p, mask !== undefined);
  const scratch = scope.f64(2 * n);
  const warm = o.coding !== "omp";
  let atomsReplaced = 0;

  const first = await coder.code(A, Y, X, p, mask, false, run);
  if (first.stop !== undefined) return { reason: first.stop, atomsReplaced, minibatches: 0 };
  let objective = perSample(first.objective, p);
  stats.accumulate(Y, X, p, 0, 1, mask);
  let reason: DictionaryLearningStopReason | undefined = await run.begin(dictionaryView(r), objective, stats.relativeGradientNorm(A));
  while (reason === undefined) {
    const previous = A.toArray();
    const dead = updateAtoms(kern, stats, A, o.updatePasses, scratch);
    dead.push(...normalizeAtoms(r));
    atomsReplaced += replaceDeadAtoms(kern, A, Y, X, n, K, p, mask, dead);
    const coded = await coder.code(A, Y, X, p, mask, warm, run);
    if (coded.stop !== undefined) return { reason: coded.stop, atomsReplaced, minibatches: 0 };
    const before = objective;
    objective = perSample(coded.objective, p);
    stats.accumulate(Y, X, p, 0, 1, mask);
    reason = await run.record(dictionaryView(r), objective, stats.relativeGradientNorm(A), distance(A, previous));
    reason ??= objectiveStop(objective, before, o.tolerance);
  }
  return { reason, atomsReplaced, minibatches: 0 };
}

/**
 * Scales every atom with norm s ∈ (0, 1) to norm 1 and its row of codes by s; sets the codes of
 * an atom of norm 0 to 0. Returns the atoms of norm 0.
 */
function normalizeAtoms(r: LearningRun): number[] {
  const { n, K, p } = r;
  const a = r.A.view;
  const x = r.X.view;
  const zero: number[] = [];
  for (let j = 0; j < K; j++) {
    let s2 = 0;
    for (let i = 0; i < n; i++) s2 += a[i * K + j] ** 2;
    const s = Math.sqrt(s2);
    if (s === 0) {
      x.fill(0, j * p, (j + 1) * p);
      zero.push(j);
    } else if (s < 1) {
      for (let i = 0; i < n; i++) a[i * K + j] /= s;
      for (let t = j * p; t < (j + 1) * p; t++) x[t] *= s;
    }
  }
  return zero;
}
