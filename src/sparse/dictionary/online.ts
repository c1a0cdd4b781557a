// Method "online": minibatches in a seeded random order folded into running sufficient
// statistics with Mairal et al.'s forgetting factor, the atoms updated after each.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { updateAtoms } from "./atom-update.js";
import { replaceDeadAtoms } from "./dead-atoms.js";
import { dictionaryView, distance, objectiveStop, perSample, type LearningRun, type MethodOutcome } from "./learning-run.js";
import type { DictionaryLearningStopReason } from "./options.js";
import { SufficientStatistics } from "./statistics.js";

/** An atom whose running usage Bⱼⱼ is at most this times the largest is dead. */
const DEAD_USAGE = 1e-10;

/**
 * Online dictionary learning (Mairal, Bach, Ponce & Sapiro, "Online dictionary learning for
 * sparse coding", ICML 2009; JMLR 11, 2010, Algorithm 1 with the minibatch extension and the
 * down-weighting of the first iterations of §3.4.3). An epoch visits the samples in a random
 * order (a seeded Fisher–Yates shuffle per epoch) by minibatches of η = `batchSize`; the t-th
 * minibatch (t = 1, 2, … over the whole run) is
 * 1. coded against the current dictionary, each sample warm-started from its last code;
 * 2. folded into the running statistics B ← βB + Σ xxᵀ, C ← βC + Σ yxᵀ with
 *    β = (θ + 1 − η)/(θ + 1), θ = tη for t < η and η² + t − η after (the forgetting factor that
 *    makes the early, poor codes count less);
 * 3. used by `updatePasses` sweeps of exact block-coordinate descent over the atoms, warm-started
 *    from the current dictionary (`updateAtoms`, atoms in the unit ball);
 * 4. dead atoms — whose running usage Bⱼⱼ is at most 1e-10 times the largest, or that the update
 *    left at 0 — are replaced by the residuals of the minibatch's worst-fitted samples, their
 *    statistics reset to 0.
 * After each epoch every sample is coded with the current dictionary (warm-started), and the
 * per-sample objective of all samples, the relative stationarity on their statistics and the
 * epoch's ‖ΔA‖_F are recorded: the iterations of the record are epochs. At the end the atoms are
 * scaled to unit norm and all samples coded once more with them.
 */
export async function online(r: LearningRun): Promise<MethodOutcome> {
  const { kern, scope, n, K, p, A, Y, X, mask, o, run, coder, rng } = r;
  const eta = Math.min(o.batchSize, p);
  const stats = new SufficientStatistics(kern, scope, n, K, eta, mask !== undefined);
  const evaluation = new SufficientStatistics(kern, scope, n, K, p, mask !== undefined);
  // Block buffers of the full minibatch size and of the last, shorter one (the coder checks lengths).
  const blocks = new Map<number, { Yb: WasmBuffer<"f64">; Xb: WasmBuffer<"f64">; maskBlock: Uint8Array | undefined }>();
  const block = (m: number) => {
    let b = blocks.get(m);
    if (b === undefined) {
      b = { Yb: scope.f64(n * m), Xb: scope.f64(K * m), maskBlock: mask === undefined ? undefined : new Uint8Array(n * m) };
      blocks.set(m, b);
    }
    return b;
  };
  const scratch = scope.f64(2 * n);
  const warm = o.coding !== "omp";
  const order = Int32Array.from({ length: p }, (_, j) => j);
  let atomsReplaced = 0;
  let t = 0;

  /** Codes all samples and records the epoch; returns the reason to stop. */
  const evaluate = async (first: boolean, previous: Float64Array, before: number): Promise<{ reason?: DictionaryLearningStopReason; objective: number }> => {
    const coded = await coder.code(A, Y, X, p, mask, warm && !first, run);
    if (coded.stop !== undefined) return { reason: coded.stop, objective: before };
    const objective = perSample(coded.objective, p);
    evaluation.accumulate(Y, X, p, 0, 1, mask);
    const gradient = evaluation.relativeGradientNorm(A);
    const reason = first
      ? await run.begin(dictionaryView(r), objective, gradient)
      : (await run.record(dictionaryView(r), objective, gradient, distance(A, previous))) ?? objectiveStop(objective, before, o.tolerance);
    return { reason, objective };
  };

  let { reason, objective } = await evaluate(true, A.toArray(), NaN);
  while (reason === undefined) {
    const previous = A.toArray();
    for (let e = p - 1; e > 0; e--) {
      const k = rng.integer(e + 1);
      [order[e], order[k]] = [order[k], order[e]];
    }
    for (let start = 0; start < p && reason === undefined; start += eta) {
      const m = Math.min(eta, p - start);
      const { Yb, Xb, maskBlock } = block(m);
      gather(r, order.subarray(start, start + m), Yb, Xb, maskBlock);
      const coded = await coder.code(A, Yb, Xb, m, maskBlock, warm, run);
      if (coded.stop !== undefined) {
        reason = coded.stop;
        break;
      }
      scatter(r, order.subarray(start, start + m), Xb, m);
      t++;
      const theta = t < eta ? t * eta : eta * eta + t - eta;
      stats.accumulate(Yb, Xb, m, (theta + 1 - eta) / (theta + 1), 1, maskBlock);
      const dead = updateAtoms(kern, stats, A, o.updatePasses, scratch);
      let largest = 0;
      for (let j = 0; j < K; j++) largest = Math.max(largest, stats.usage(j));
      for (let j = 0; j < K; j++) if (!dead.includes(j) && (stats.usage(j) <= DEAD_USAGE * largest || atomNorm(r, j) === 0)) dead.push(j);
      if (dead.length > 0) {
        // The block's codes of a dead atom are set to 0 so that its residuals are those without it.
        for (const j of dead) Xb.view.fill(0, j * m, (j + 1) * m);
        atomsReplaced += replaceDeadAtoms(kern, A, Yb, Xb, n, K, m, maskBlock, dead);
        for (const j of dead) resetAtom(stats, j);
      }
      if (await run.pause()) reason = "aborted";
      else if (run.elapsed() >= o.common.maxTime) reason = "max-time";
    }
    if (reason !== undefined) break;
    ({ reason, objective } = await evaluate(false, previous, objective));
  }
  if (reason !== "aborted" && reason !== "max-time") {
    normalize(r);
    const coded = await coder.code(A, Y, X, p, mask, warm, run);
    if (coded.stop !== undefined) reason = coded.stop;
  }
  return { reason, atomsReplaced, minibatches: t };
}

/** Copies the samples `columns` of Y and X (and the mask) into the block buffers (n×m, K×m). */
function gather(r: LearningRun, columns: Int32Array, Yb: { view: Float64Array }, Xb: { view: Float64Array }, maskBlock: Uint8Array | undefined): void {
  const { n, K, p, mask } = r;
  const m = columns.length;
  const y = r.Y.view, x = r.X.view, yb = Yb.view, xb = Xb.view;
  for (let c = 0; c < m; c++) {
    const j = columns[c];
    for (let i = 0; i < n; i++) yb[i * m + c] = y[i * p + j];
    for (let k = 0; k < K; k++) xb[k * m + c] = x[k * p + j];
    if (maskBlock !== undefined) for (let i = 0; i < n; i++) maskBlock[i * m + c] = mask![i * p + j];
  }
}

/** Writes the block's codes back to their columns of X. */
function scatter(r: LearningRun, columns: Int32Array, Xb: { view: Float64Array }, m: number): void {
  const { K, p } = r;
  const x = r.X.view, xb = Xb.view;
  for (let c = 0; c < m; c++) for (let k = 0; k < K; k++) x[k * p + columns[c]] = xb[k * m + c];
}

function atomNorm(r: LearningRun, j: number): number {
  const a = r.A.view;
  let s = 0;
  for (let i = 0; i < r.n; i++) s += a[i * r.K + j] ** 2;
  return Math.sqrt(s);
}

/** Zeroes atom j's row and column of B (each B⁽ⁱ⁾ with a mask) and its column of C. */
function resetAtom(stats: SufficientStatistics, j: number): void {
  const { n, K } = stats;
  const b = stats.B.view;
  const c = stats.C.view;
  for (let block = 0; block < (stats.masked ? n : 1); block++) {
    const o = block * K * K;
    for (let k = 0; k < K; k++) {
      b[o + j * K + k] = 0;
      b[o + k * K + j] = 0;
    }
  }
  for (let i = 0; i < n; i++) c[i * K + j] = 0;
}

/** Scales every nonzero atom to unit norm. */
function normalize(r: LearningRun): void {
  const a = r.A.view;
  for (let j = 0; j < r.K; j++) {
    const s = atomNorm(r, j);
    if (s > 0) for (let i = 0; i < r.n; i++) a[i * r.K + j] /= s;
  }
}
