// sparseCode(Y, A, options): the lasso (FISTA or coordinate descent) or OMP for every column of Y.
import type { Matrix } from "../matrix.js";
import { ArenaScope } from "../runtime/arena.js";
import { runtime } from "../runtime/init.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import type { SolverOptions } from "../solvers/options.js";
import type { IterationInfo, SolverResult } from "../solvers/result.js";
import { checkMatrix, describe } from "../validate.js";
import { codeColumns } from "./coding/code-columns.js";
import { resolveSparseCodeOptions, type SparseCodeMethodOptions } from "./coding/options.js";

/** Options of {@link sparseCode}. */
export interface SparseCodeOptions extends SparseCodeMethodOptions, SolverOptions<Matrix> {
  /**
   * The start ("fista", "cd"): `"zero"`, or a K×p matrix of codes (finite; ≥ 0 with
   * `nonnegative`), e.g. the codes of a previous, nearby problem (warm start).
   * @defaultValue "zero"
   */
  init?: "zero" | Matrix;
}

/** What {@link sparseCode} returns. */
export interface SparseCodeResult {
  /** The K×p codes X, column j coding column j of Y. */
  codes: Matrix;
  /** Per column: ½‖y − Ax‖² + λ‖x‖₁ ("omp": ½‖y − Ax‖²), computed from the residual. */
  objective: Float64Array;
  /** Per column: the iterations its code took ("fista": steps, "cd": sweeps, "omp": atoms). */
  iterations: Int32Array;
  /** The solver record (its point is `codes`). */
  result: SolverResult<Matrix>;
}

/**
 * Sparse codes of every column y of Y (n×p) in the dictionary A (n×K, atoms in the columns):
 *
 * - `"fista"` (default) and `"cd"` solve the lasso min_x ½‖y − Ax‖² + λ‖x‖₁ (Tibshirani 1996),
 *   or with `nonnegative` min_{x≥0} ½‖y − Ax‖² + λΣxᵢ, for each column, to a relative KKT
 *   residual ≤ `gradientTolerance`: with g = Aᵀ(Ax − y), the optimality conditions are
 *   gᵢ = −λ·sign(xᵢ) where xᵢ ≠ 0 and |gᵢ| ≤ λ where xᵢ = 0 (nonnegative: gᵢ = −λ where xᵢ > 0,
 *   gᵢ ≥ −λ where xᵢ = 0), and the residual is the largest violation divided by
 *   max(λ, ‖Aᵀy‖∞) (1 if that is 0). `"fista"` iterates on all columns of a working set at once:
 *   accelerated proximal gradient (Beck & Teboulle, SIAM J. Imaging Sci. 2009) with step 1/L,
 *   L = λ_max(AᵀA) by the power method (times 1.01), each column with its own momentum and
 *   adaptive restart (O'Donoghue & Candès, Found. Comput. Math. 2015), one gemm per iteration on
 *   the Gram matrix G = AᵀA and AᵀY when `gram` (formed once), else two on A. `"cd"` is cyclic
 *   coordinate descent on G (Friedman, Hastie & Tibshirani, J. Stat. Softw. 2010), one sweep per
 *   iteration, for small dictionaries.
 * - `"omp"` is orthogonal matching pursuit, the greedy ℓ⁰ coder (Pati, Rezaiifar & Krishnaprasad
 *   1993) in the Cholesky-updated Batch-OMP form (Rubinstein, Zibulevsky & Elad 2008), on G:
 *   atoms are added one per iteration until `sparsity` atoms or ‖y − Ax‖² ≤ `residualTolerance`,
 *   the coefficients being the least-squares fit on the support. Atoms need not have unit norm
 *   (selection by |aⱼᵀr|/‖aⱼ‖).
 *
 * Columns finish independently: each leaves the working set when it meets its own tolerance (or
 * runs out of its `maxIterations`, which counts per column), its place going to the next column.
 * One iteration of the record advances every column in the working set by one step; `cost` is
 * the total objective over all columns, `gradientNorm` the largest relative KKT residual over all
 * columns ("omp": the largest residual norm ‖y − Ax‖, with `gradientTolerance` read as
 * √residualTolerance), `reason` "gradient-tolerance" when every column converged, "max-iterations"
 * when some column ran out of iterations ("omp": stopped at `sparsity` atoms above the target),
 * "step-too-small" when some "omp" column could add no atom (its residual is orthogonal to every
 * atom, or the best atom is in the span of its support). `onIteration` gets `point`: a LIVE view
 * of the codes in wasm memory (columns not yet finished at their current iterate), valid during
 * the call only — copy what you keep. `signal` and `maxTime` are checked after the first pass
 * over the columns and after every iteration; after such a stop, unfinished columns hold their
 * current iterate or their start. Defaults: `maxIterations` 1000, `gradientTolerance` 1e-6
 * (1e-14 is reachable); `seed` (default 1) starts the power method.
 *
 * All data stay in wasm memory for the run (Y, A, X and the working set: about
 * 8·(n·p + K·p + 6·K·batchSize) bytes for "fista"); the result is copied out. For data that is
 * already resident, and to pass G and AᵀY, use `sparseCodeResident`.
 *
 * NaN/Inf policy: Y, A and `init` must be finite (RangeError naming the first bad entry), A may
 * have no zero column (RangeError naming it); zero columns of Y are fine (their code is 0).
 *
 * @throws TypeError / RangeError for shapes, values or options that are not valid, before any work.
 */
export async function sparseCode(Y: Matrix, A: Matrix, options: SparseCodeOptions): Promise<SparseCodeResult> {
  const y = checkMatrix("Y", Y);
  const a = checkMatrix("A", A);
  if (a.rows !== y.rows) {
    throw new RangeError(`invalid A: expected ${y.rows} rows to match Y's ${y.rows} rows, got ${a.rows}`);
  }
  if (a.cols === 0) throw new RangeError(`invalid A: expected at least one atom (column), got a ${a.rows}×0 matrix`);
  const n = y.rows, K = a.cols, p = y.cols;
  const o = resolveSparseCodeOptions<Matrix>(options, { n, K, p }, ["init"]);
  const init = o.method === "omp" ? "zero" : options.init ?? "zero";
  if (init !== "zero") checkStart(init, K, p, o.nonnegative);
  checkFiniteEntries("Y", y);
  checkFiniteEntries("A", a);
  checkAtoms(a);

  const { onIteration } = o.common;
  // Not arena.scope(): it would free the buffers as soon as the async body returns its promise.
  const s = new ArenaScope(runtime().arena);
  try {
    const X = init === "zero" ? s.f64(K * p) : s.f64From(init.data);
    const data = { n, K, p, A: s.f64From(a.data), Y: s.f64From(y.data), X };
    const common = {
      ...o.common,
      onIteration: onIteration === undefined ? undefined
        : (info: IterationInfo<WasmBuffer<"f64">>) =>
          onIteration(Object.freeze({ ...info, point: { rows: K, cols: p, data: info.point.view } })),
    };
    const coded = await codeColumns(data, { ...o, common }, init !== "zero");
    const codes: Matrix = { rows: K, cols: p, data: X.toArray() };
    return { codes, objective: coded.objective, iterations: coded.iterations, result: { ...coded.result, point: codes } };
  } finally {
    s.disposeAll();
  }
}

/** A K×p finite start, nonnegative when the codes must be. */
function checkStart(init: unknown, K: number, p: number, nonnegative: boolean): void {
  if (typeof init === "string") throw new TypeError(`invalid init: expected "zero" or a ${K}×${p} matrix, got ${describe(init)}`);
  const m = checkMatrix("init", init);
  if (m.rows !== K || m.cols !== p) throw new RangeError(`invalid init: expected a ${K}×${p} matrix (atoms × columns of Y), got ${describe(m)}`);
  checkFiniteEntries("init", m);
  if (nonnegative) {
    for (let t = 0; t < m.data.length; t++) {
      if (m.data[t] < 0) {
        throw new RangeError(`invalid init: init[${Math.floor(t / p)}, ${t % p}] = ${m.data[t]} < 0; expected codes ≥ 0 with nonnegative: true`);
      }
    }
  }
}

function checkFiniteEntries(name: string, m: Matrix): void {
  const { data, cols } = m;
  for (let t = 0; t < data.length; t++) {
    if (!Number.isFinite(data[t])) {
      throw new RangeError(`invalid ${name}: ${name}[${Math.floor(t / cols)}, ${t % cols}] = ${data[t]}; expected finite values`);
    }
  }
}

/** Every atom (column of A) nonzero. */
function checkAtoms(a: Matrix): void {
  const zero = new Uint8Array(a.cols).fill(1);
  for (let t = 0; t < a.data.length; t++) if (a.data[t] !== 0) zero[t % a.cols] = 0;
  const j = zero.indexOf(1);
  if (j >= 0) throw new RangeError(`invalid A: column ${j} (atom ${j}) is zero; every atom must be nonzero`);
}
