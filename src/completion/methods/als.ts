// Method "als": alternating least squares on the factors (U, V) of the matrix completion cost,
// on the shared observations in wasm memory, half-steps in row blocks between safe points.
import type { Matrix } from "../../matrix.js";
import { ArenaScope } from "../../runtime/arena.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { CompletionKernels } from "../../kernels/completion/types.js";
import type { CsrBuffers } from "../../kernels/sparse/types.js";
import { resolveCommonOptions } from "../../solvers/options.js";
import { SolverRun } from "../../solvers/run.js";
import type { ObservedMatrix } from "../observed-matrix.js";
import type { FactorPoint } from "../problem.js";
import { reserveSteps } from "../reserve.js";
import { alsHalfStepSteps, residualGradientSteps, residualGradientsSteps } from "../row-blocks.js";
import { Interrupted, type Pacer, type Steps } from "../steps.js";
import type { CompletionStopReason, FactorFit, FactorRun } from "./fit.js";

/** What {@link completeAls} is given: a factor run, the relative cost test and the pacer of the call. */
export interface AlsRun extends FactorRun {
  /** ρ ≥ 0: stop (converged, `"cost-tolerance"`) once a sweep lowers F by at most ρ·F; 0 turns the test off. */
  costTolerance: number;
  /** Paces the row blocks: yields, the signal and the deadline of the whole call. */
  pacer: Pacer;
}

/**
 * Matrix completion by alternating least squares (ALS): min over U (m×r), V (n×r) of
 * F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F) (the library's objective, see
 * `matrixCompletion`) by exact block minimization: each sweep solves for every row of U the ridge
 * regression (Σ_{j∈Ωᵢ} VⱼVⱼᵀ + λI)Uᵢ = Σ_{j∈Ωᵢ} yᵢⱼVⱼ (one r×r Cholesky per row,
 * `alsSolveRowsBuffer`), then the same for every row of V with the new U. F never increases from
 * sweep to sweep (Hastie, Mazumder, Lee & Zadeh, "Matrix completion and low-rank SVD via fast
 * alternating least squares", JMLR 2015, whose ALS objective is this F with the same λ; with
 * λ = 0 and a spectral start it converges linearly to the low-rank matrix under incoherence and
 * enough samples: Jain, Netrapalli & Sanghavi, "Low-rank matrix completion using alternating
 * minimization", STOC 2013).
 *
 * One iteration is one sweep (U half-step, then V half-step), each half-step in row blocks of a
 * few milliseconds of work with a safe point after each (yield, abort, `maxTime`), so even a sweep
 * of minutes (rank 400) leaves the event loop free and stops within a block. Recorded per sweep (entry 0: the
 * start): `cost` = F at the new point; `gradientNorm` = ‖∇F‖_F there, which after the V
 * half-step is ‖∇_U F‖_F = ‖P_Ω(UVᵀ − Y)·V + λU‖_F, because V minimizes F(U, ·) exactly, so
 * ∇_V F = 0 (up to the rounding of the solves, which this measure omits); at the start both
 * blocks count. `gradientTolerance` tests it as for the other methods; and since on noisy data
 * (ratings) ‖∇F‖ can stay above any fixed tolerance for hundreds of sweeps while the fit no longer
 * changes, the run also stops, converged, with reason `"cost-tolerance"` once a sweep lowers F by
 * at most ρ·F (ρ = `costTolerance`, default 1e-6: measured on ratings-shaped data, 10⁵–10⁶
 * ratings, it stopped after 12–65 sweeps with the test RMSE within 3·10⁻⁴ of its value after 300;
 * exact recovery, where F → 0 linearly, never meets it before rounding). `step` = the change
 * √(‖ΔU‖²_F + ‖ΔV‖²_F) over the sweep. Cost per sweep: nnz·(r+1)(r+2) flops for the two sets of
 * normal equations, (m + n)·r³/3 for the Cholesky factorizations, and one pass over Ω for the
 * objective and the gradient together (`csrResidualGradient`: each residual computed, squared and
 * applied to R·V at once, never stored). Measured on 4000×4000, rank 10, 4.8·10⁵ entries (shared
 * 2-core machine, SIMD build): ≈ 45 ms per sweep, of which ≈ 13 ms for the objective and the
 * gradient in two passes before they were fused.
 *
 * λ = 0: a row (column) with 0 < k < r observed entries has a singular system, which
 * `completeMatrix` rejects before any work. Rows and columns with no entries are not in the
 * shared observations (their factor rows are zero). A row system can still be singular in
 * floating point with λ = 0 when the other factor is rank-deficient (e.g. V0 = 0): the half-step
 * then throws a RangeError naming `lambda` and the first such row or column (use λ > 0 or
 * another start); the wasm memory is freed all the same.
 *
 * Memory: S and Sᵀ are the shared observations (borrowed); U, V and the gradients live in wasm
 * for the whole run and are freed when it ends, also on throw or abort. The common options:
 * `maxIterations` (sweeps, default 100), `maxTime` (the time left of the call),
 * `gradientTolerance` (default 1e-6), `onIteration` (points [U, V], fresh copies), `signal` and
 * `yieldInterval` (through the pacer, at every row block); `seed` is unused (ALS is
 * deterministic). `result.evaluations` counts the objective and gradient evaluations (one each per
 * sweep). Stopped within a sweep (abort, time), the result is the last recorded sweep.
 * Everything is validated by `completeMatrix`.
 */
export async function completeAls(matrix: ObservedMatrix, run: AlsRun): Promise<FactorFit> {
  const { rank: r, lambda, start, costTolerance, pacer } = run;
  const common = resolveCommonOptions(run.solverOptions, { maxIterations: 100 });
  const S = matrix.byRow, St = matrix.byColumn;
  const m = S.rows, n = S.cols;
  const { dot } = kernels<CompletionKernels>();
  // Touch the memory of the factors and gradients first, between safe points.
  await pacer.run(reserveSteps(8 * (m + n) * r * 2));
  const scope = new ArenaScope(runtime().arena);
  try {
    const U = scope.f64From(start[0].data);
    const V = scope.f64From(start[1].data);
    const gU = scope.f64(m * r);
    const gV = scope.f64(n * r);
    const work = scope.f64(kernels<CompletionKernels>().alsWorkspaceSize(r));
    const evaluations = { cost: 0, gradient: 0, hessian: 0 };

    /**
     * F and ‖∇_U F‖² = ‖R·V + λU‖² at the current (U, V), R = P_Ω(UVᵀ − Y), in one pass over the
     * entries (the residual is not stored): F = ½‖R‖² + (λ/2)(‖U‖² + ‖V‖²), as `alsObjective`.
     * `withV` (the start only): also ‖∇_V F‖² = ‖Rᵀ·U + λV‖², in the same pass (0 otherwise).
     */
    const evaluate = function* (withV = false): Steps<{ cost: number; gradUSquared: number; gradVSquared: number }> {
      evaluations.cost++;
      evaluations.gradient++;
      const squares = withV ? yield* residualGradientsSteps(gU, gV, U, V, S, r, lambda) : yield* residualGradientSteps(gU, U, V, S, r, lambda);
      let cost = 0.5 * squares;
      if (lambda > 0) cost += 0.5 * lambda * (dot(m * r, U.ptr, 1, U.ptr, 1) + dot(n * r, V.ptr, 1, V.ptr, 1));
      const gradVSquared = withV ? dot(n * r, gV.ptr, 1, gV.ptr, 1) : 0;
      return { cost, gradUSquared: dot(m * r, gU.ptr, 1, gU.ptr, 1), gradVSquared };
    };
    /** Both half-steps; a singular row system is a RangeError naming the row or column. */
    const sweep = function* (): Steps<void> {
      const badRow = yield* alsHalfStepSteps(U, S, V, r, lambda, work);
      if (badRow >= 0) throw singularSystem("row", matrix.rowIds === null ? badRow : matrix.rowIds[badRow], S, badRow, lambda);
      const badColumn = yield* alsHalfStepSteps(V, St, U, r, lambda, work);
      if (badColumn >= 0) throw singularSystem("column", matrix.colIds === null ? badColumn : matrix.colIds[badColumn], St, badColumn, lambda);
    };
    const copyPoint = (): FactorPoint => [
      { rows: m, cols: r, data: U.view.slice() }, { rows: n, cols: r, data: V.view.slice() },
    ];

    const solverRun = new SolverRun<FactorPoint>(common);
    let point: FactorPoint = start;
    let reason: CompletionStopReason | undefined;
    try {
      const first = await pacer.run(evaluate(true));
      reason = await solverRun.begin(point, first.cost, Math.sqrt(first.gradUSquared + first.gradVSquared));
      let cost = first.cost;
      while (reason === undefined) {
        await pacer.run(sweep());
        const next = copyPoint();
        const step = Math.sqrt(squaredDistance(next[0], point[0]) + squaredDistance(next[1], point[1]));
        point = next;
        const e = await pacer.run(evaluate());
        const stalled = costTolerance > 0 && cost - e.cost <= costTolerance * e.cost;
        cost = e.cost;
        const stop = await solverRun.record(point, e.cost, Math.sqrt(e.gradUSquared), step);
        // A converged fit is reported as such, unless the caller stopped the run.
        reason = stalled && stop !== "gradient-tolerance" && stop !== "callback" && stop !== "aborted" ? "cost-tolerance" : stop;
      }
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      reason = error.reason; // stopped within a sweep: the result is the last recorded one
    }
    const converged = reason === "gradient-tolerance" || reason === "cost-tolerance";
    const result = solverRun.finish(point, reason === "cost-tolerance" ? "gradient-tolerance" : reason, evaluations);
    return { U: point[0], V: point[1], result: { ...result, reason, converged } };
  } finally {
    scope.disposeAll();
  }
}

/** The error for a singular row system of a half-step (row `k` of A, row or column `index` of the matrix). */
/**
 * An ALS half-sweep met a singular ridge system Σ VⱼVⱼᵀ + λI (possible with λ = 0 when a row's
 * observed factors span fewer than r dimensions): a RangeError, so callers that sweep instances
 * (the phase-transition preset) can tell this property of the instance from a bad argument.
 */
export class SingularSystemError extends RangeError {}

function singularSystem(what: "row" | "column", index: number, A: CsrBuffers, k: number, lambda: number): RangeError {
  const rp = A.rowPtr.view;
  const count = rp[k + 1] - rp[k];
  return new SingularSystemError(
    `invalid lambda: ${what} ${index} (${count} ${count === 1 ? "entry" : "entries"}) gives a singular ` +
      `Σ VⱼVⱼᵀ + λI with lambda = ${lambda}; use ${lambda === 0 ? "lambda > 0" : "a larger lambda"} (or another start)`,
  );
}

/** ‖A − B‖²_F. */
function squaredDistance(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += (a.data[i] - b.data[i]) ** 2;
  return s;
}
