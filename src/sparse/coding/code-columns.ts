// codeColumns: the driver shared by the sparse coders — a first pass over all columns, then
// iterations on a working set that finished columns leave and new ones join, then the objectives.
import { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import { Rng } from "../../data/rng.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";
import { SolverRun } from "../../solvers/run.js";
import type { SolverResult, StopReason } from "../../solvers/result.js";
import { CdEngine } from "./cd.js";
import { CodingContext, Verdict, type CodingBuffers } from "./context.js";
import type { CodingEngine } from "./engine.js";
import { FistaEngine } from "./fista.js";
import { largestEigenvalue } from "./lipschitz.js";
import { OmpEngine } from "./omp.js";
import type { ResolvedSparseCode } from "./options.js";

/**
 * The factor on the power method's estimate of λ_max(AᵀA), which it approaches from below: the
 * step 1/L must not exceed 1/λ_max. Its relative error from a random start is below
 * 0.871·ln(K)/k in expectation after k steps (Kuczyński & Woźniakowski, SIAM J. Matrix Anal.
 * Appl. 1992; 1% for K = 256 after its 500 steps at most), and far below once it has converged.
 */
const LIPSCHITZ_MARGIN = 1.01;

/** What {@link codeColumns} returns; the codes are in `data.X`. */
export interface CodedColumns {
  /** Per column: ½‖y − Ax‖² + λ‖x‖₁ at its code ("omp": ½‖y − Ax‖²). */
  objective: Float64Array;
  /** Per column: the iterations its code took ("omp": the atoms it holds). */
  iterations: Int32Array;
  /** The solver record of the run; its point is `data.X`. */
  result: SolverResult<WasmBuffer<"f64">>;
}

/**
 * Codes every column of Y (n×p, in wasm memory) against A with the resolved method, writing the
 * codes into X. The caller guarantees shapes, finite values and nonzero atoms (the front doors
 * check them).
 *
 * 1. First pass: every column's measure and objective at its start (fista, cd: b = Aᵀy by gemm
 *    and the gradient at the start, a working set's worth at a time; omp: ‖y‖ and ½‖y‖²).
 *    Columns already within the tolerance are done; the others queue in order.
 * 2. Iterations: the working set (`batchSize` rows) takes columns from the queue; each
 *    iteration advances every row by one step of the method; a row whose measure meets the
 *    tolerance, or whose iterations run out, writes its code and leaves, and once an eighth of
 *    the rows are free (or none is in use) the queue refills them. Recorded per iteration: cost =
 *    Σ over ALL columns of the objective at its current code (queued columns at their start),
 *    gradientNorm = the largest measure over all columns, step = √Σ step² over the rows.
 * 3. Objectives: recomputed from the residual y − Ax of every column (one gemm per block), so
 *    they are accurate to the objective's own rounding — except after an abort, which returns
 *    the values the iterations computed (accurate to a few ulps of ‖y‖²).
 *
 * Stop: "gradient-tolerance" once every column met the tolerance; "max-iterations" once the
 * queue is empty and some column ran out of iterations ("omp": stopped at `sparsity` atoms above
 * the residual target); "step-too-small" if instead some "omp" column could add no atom; and
 * the common "max-time", "callback", "aborted" (checked after the first pass and after every
 * iteration). After such a stop, columns in the working set hold their current iterate and
 * queued ones their start.
 */
export async function codeColumns(
  data: CodingBuffers, o: ResolvedSparseCode<WasmBuffer<"f64">>, warmStart: boolean,
): Promise<CodedColumns> {
  const { n, K, p } = data;
  const kern = kernels<SparseCodingKernels>();
  const run = new SolverRun<WasmBuffer<"f64">>({ ...o.common, gradientTolerance: o.tolerance, maxIterations: Infinity });
  const scope = new ArenaScope(runtime().arena);
  try {
    let G: WasmBuffer<"f64"> | null = null;
    if (o.gram) {
      if (data.G !== undefined) G = data.G;
      else {
        G = scope.f64(K * K);
        const work = scope.f64(kern.syrkWorkspaceSize(K, n));
        kern.syrk(1, K, n, 1, data.A.ptr, K, 0, G.ptr, K, work.ptr);
      }
    }
    if (!warmStart) data.X.view.fill(0);
    const capacity = Math.max(1, Math.min(o.batchSize, p));
    const settings = { lambda: o.lambda, nonnegative: o.nonnegative, warmStart, tolerance: o.tolerance, maxIterations: o.maxIterations };
    const ctx = new CodingContext(data, G, settings, kern, scope, capacity);
    const ws = ctx.ws;
    let engine: CodingEngine;
    if (o.method === "omp") engine = new OmpEngine(ctx, o.sparsity, o.residualTolerance);
    else if (o.method === "cd") engine = new CdEngine(ctx);
    else {
      const L = largestEigenvalue(kern, scope, data.A, G ?? data.G ?? null, n, K, new Rng(o.common.seed));
      engine = new FistaEngine(ctx, LIPSCHITZ_MARGIN * L);
    }
    const evaluations = { cost: 0, gradient: 0, hessian: 0 };

    // 1. The start of every column.
    const measure = new Float64Array(p);
    const objective = new Float64Array(p);
    const iterations = new Int32Array(p);
    const evaluateStart = engine.evaluateStart?.bind(engine);
    if (evaluateStart === undefined) {
      for (let j = 0; j < p; j++) {
        measure[j] = Math.sqrt(ctx.yyAll[j]);
        objective[j] = 0.5 * ctx.yyAll[j];
      }
    } else {
      evaluations.cost++;
      evaluations.gradient++;
      for (let j0 = 0; j0 < p; j0 += capacity) {
        const m = Math.min(capacity, p - j0);
        for (let r = 0; r < m; r++) ws.column[r] = j0 + r;
        ctx.loadRows(0, m);
        engine.load(0, m);
        evaluateStart(0, m);
        const obj = ctx.objective.view;
        for (let r = 0; r < m; r++) {
          measure[j0 + r] = ctx.measure[r];
          objective[j0 + r] = obj[r];
        }
        await run.pause();
      }
    }
    const queue: number[] = [];
    let cost = 0;
    let finishedWorst = 0;
    let outOfIterations = 0;
    let stalled = 0;
    for (let j = 0; j < p; j++) {
      cost += objective[j];
      if (measure[j] <= o.tolerance) finishedWorst = Math.max(finishedWorst, measure[j]);
      else if (o.maxIterations === 0) {
        finishedWorst = Math.max(finishedWorst, measure[j]);
        outOfIterations++;
      } else queue.push(j);
    }
    // queueWorst[q]: the largest start measure among queue[q …].
    const queueWorst = new Float64Array(queue.length + 1);
    for (let q = queue.length - 1; q >= 0; q--) queueWorst[q] = Math.max(queueWorst[q + 1], measure[queue[q]]);
    let next = 0;
    const refill = (): void => {
      const m = Math.min(ws.free, queue.length - next);
      if (m === 0) return;
      const r0 = ws.active;
      for (let r = 0; r < m; r++) ws.column[r0 + r] = queue[next + r];
      ws.iterations.fill(0, r0, r0 + m);
      next += m;
      ws.active += m;
      ctx.loadRows(r0, m);
      engine.load(r0, m);
    };
    const syncCodes = (): void => {
      for (let r = 0; r < ws.active; r++) engine.store(r);
    };

    // 2. Iterations.
    refill();
    let reason: StopReason | undefined = await run.begin(data.X, cost, Math.max(finishedWorst, queueWorst[0]));
    while (reason === undefined && ws.active > 0) {
      engine.advance();
      evaluations.cost++;
      evaluations.gradient++;
      const obj = ctx.objective.view;
      const step = ctx.step.view;
      let stepSquared = 0;
      let activeWorst = 0;
      for (let r = ws.active - 1; r >= 0; r--) {
        const j = ws.column[r];
        cost += obj[r] - objective[j];
        objective[j] = obj[r];
        stepSquared += step[r];
        ws.iterations[r]++;
        const verdict = ctx.verdict[r];
        if (verdict === Verdict.Continue) {
          activeWorst = Math.max(activeWorst, ctx.measure[r]);
          continue;
        }
        finishedWorst = Math.max(finishedWorst, ctx.measure[r]);
        if (verdict === Verdict.OutOfIterations) outOfIterations++;
        if (verdict === Verdict.Stalled) stalled++;
        engine.store(r);
        iterations[j] = ws.iterations[r];
        ws.remove(r);
      }
      if (next < queue.length && (ws.active === 0 || ws.free >= Math.max(1, capacity >> 3))) {
        const r0 = ws.active;
        refill();
        for (let r = r0; r < ws.active; r++) activeWorst = Math.max(activeWorst, measure[ws.column[r]]);
      }
      if (o.common.onIteration !== undefined) syncCodes();
      const worst = Math.max(finishedWorst, activeWorst, queueWorst[next]);
      reason = await run.record(data.X, cost, worst, Math.sqrt(stepSquared));
    }
    reason ??= outOfIterations > 0 ? "max-iterations" : stalled > 0 ? "step-too-small" : "gradient-tolerance";
    syncCodes();
    for (let r = 0; r < ws.active; r++) iterations[ws.column[r]] = ws.iterations[r];

    // 3. The objectives from the residuals.
    if (reason !== "aborted") {
      evaluations.cost++;
      await residualObjectives(ctx, scope, capacity, objective, o.method === "omp" ? 0 : o.lambda, run);
    }
    return { objective, iterations, result: run.finish(data.X, reason, evaluations) };
  } finally {
    scope.disposeAll();
  }
}

/**
 * objective[j] = ½‖yⱼ − Axⱼ‖² + λ‖xⱼ‖₁ for every column, from the residual computed a block
 * of columns at a time (R = XᵀAᵀ − Yᵀ by one gemm), yielding between blocks.
 */
async function residualObjectives(
  ctx: CodingContext, scope: ArenaScope, capacity: number, objective: Float64Array, lambda: number,
  run: SolverRun<WasmBuffer<"f64">>,
): Promise<void> {
  const { n, K, p, kern } = ctx;
  const xs = scope.f64(capacity * K);
  const rs = scope.f64(capacity * n);
  const work = scope.f64(kern.gemmWorkspaceSize(capacity, n, K));
  for (let j0 = 0; j0 < p; j0 += capacity) {
    const m = Math.min(capacity, p - j0);
    for (let r = 0; r < m; r++) {
      kern.copy(K, ctx.X.ptr + 8 * (j0 + r), p, xs.ptr + 8 * r * K, 1);
      kern.copy(n, ctx.Y.ptr + 8 * (j0 + r), p, rs.ptr + 8 * r * n, 1);
    }
    kern.gemm(0, 1, m, n, K, 1, xs.ptr, K, ctx.A.ptr, K, -1, rs.ptr, n, work.ptr);
    for (let r = 0; r < m; r++) {
      const rr = kern.dot(n, rs.ptr + 8 * r * n, 1, rs.ptr + 8 * r * n, 1);
      objective[j0 + r] = 0.5 * rr + (lambda === 0 ? 0 : lambda * kern.asum(K, xs.ptr + 8 * r * K, 1));
    }
    await run.pause();
  }
}
