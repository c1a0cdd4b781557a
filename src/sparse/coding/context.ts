// CodingContext: what every sparse coder shares while it runs: the resident problem, the working
// set with its per-row b = Aᵀy, ‖y‖², objective and stop measure, and the block products.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";
import { WorkingSet } from "./working-set.js";

/**
 * How much slower a flop of the sparse gradient (an f64x2 axpy per nonzero, streaming rows of G)
 * runs than a flop of gemm: measured 1.3–1.7 on every build (bench/sparse-code.mjs, 64×256,
 * 8–10% of the entries nonzero); 2 leaves a margin for larger G. Routes are compared in gemm
 * flops with this weight on the sparse one.
 */
const SPARSE_SLOWDOWN = 2;

/** The resident data of one sparse coding: row-major buffers in wasm memory. */
export interface CodingBuffers {
  /** n: the length of a signal (rows of Y and A). */
  n: number;
  /** K: the number of atoms (columns of A, rows of X). */
  K: number;
  /** p: the number of signals (columns of Y and X). */
  p: number;
  /** The n×K dictionary. */
  A: WasmBuffer<"f64">;
  /** The n×p signals, one per column. */
  Y: WasmBuffer<"f64">;
  /** The K×p codes: the start when warm-started, overwritten with the result. */
  X: WasmBuffer<"f64">;
  /** AᵀA (K×K), if the caller has it. */
  G?: WasmBuffer<"f64">;
  /** AᵀY (K×p), if the caller has it. */
  AtY?: WasmBuffer<"f64">;
}

/** The settings of a coding the context applies. */
export interface CodingSettings {
  lambda: number;
  nonnegative: boolean;
  warmStart: boolean;
  tolerance: number;
  maxIterations: number;
}

/**
 * Why a column leaves the working set: 0 it goes on; 1 its measure met the tolerance; 2 it used
 * its iterations ("omp": its `sparsity` atoms); 3 "omp" could add no atom (every correlation 0,
 * or the best atom dependent on the support).
 */
export const Verdict = { Continue: 0, Converged: 1, OutOfIterations: 2, Stalled: 3 } as const;

/**
 * The problem, the working set and the per-row arrays every method needs, with the operations
 * they share: loading columns into rows, the gradient of ½‖y − Ax‖² on a block of rows, and
 * writing a row's code back to its column of X.
 */
export class CodingContext {
  readonly n: number;
  readonly K: number;
  readonly p: number;
  readonly A: WasmBuffer<"f64">;
  readonly Y: WasmBuffer<"f64">;
  readonly X: WasmBuffer<"f64">;
  /** G = AᵀA when the method uses it, else null. */
  readonly G: WasmBuffer<"f64"> | null;
  readonly AtY: WasmBuffer<"f64"> | null;
  readonly lambda: number;
  readonly nonnegative: boolean;
  readonly warmStart: boolean;
  /** A lasso row converges once its relative KKT residual is at most this. */
  readonly tolerance: number;
  /** Iterations a row may take. */
  readonly maxIterations: number;
  readonly kern: SparseCodingKernels;
  readonly ws: WorkingSet;
  /** ‖yⱼ‖² of every column. */
  readonly yyAll: Float64Array;
  /** Per row: b = Aᵀy (K). */
  readonly b: WasmBuffer<"f64">;
  /** Per row: ‖y‖². */
  readonly yy: WasmBuffer<"f64">;
  /** Per row: the objective at the row's current code. */
  readonly objective: WasmBuffer<"f64">;
  /** Per row: ‖Δx‖² over the last iteration ("omp": ‖AΔx‖²). */
  readonly step: WasmBuffer<"f64">;
  /** Per row: the lasso's largest KKT violation (absolute). */
  readonly violation: WasmBuffer<"f64">;
  /** Per row: the stop measure (relative KKT residual; "omp": residual norm). */
  readonly measure: Float64Array;
  /** Per row: max(λ, ‖Aᵀy‖∞), or 1 if that is 0: the scale of the relative KKT residual. */
  readonly scale: Float64Array;
  /** Per row: the verdict of the last iteration. */
  readonly verdict: Int32Array;
  /** Per row: y (n), kept when the gradient may go through A (K > 2n, or no G); else a scratch block. */
  readonly ys: WasmBuffer<"f64">;
  readonly #ysTracked: boolean;
  /** A scratch block of residuals (capacity × n) for the gradient through A. */
  readonly #residual: WasmBuffer<"f64"> | null;
  readonly #work: WasmBuffer<"f64">;

  constructor(
    data: CodingBuffers, G: WasmBuffer<"f64"> | null, settings: CodingSettings,
    kern: SparseCodingKernels, scope: ArenaScope, capacity: number,
  ) {
    const { n, K, p } = data;
    this.n = n;
    this.K = K;
    this.p = p;
    this.A = data.A;
    this.Y = data.Y;
    this.X = data.X;
    this.G = G;
    this.AtY = data.AtY ?? null;
    this.lambda = settings.lambda;
    this.nonnegative = settings.nonnegative;
    this.warmStart = settings.warmStart;
    this.tolerance = settings.tolerance;
    this.maxIterations = settings.maxIterations;
    this.kern = kern;
    const ws = new WorkingSet(scope, capacity);
    this.ws = ws;
    this.yyAll = new Float64Array(p);
    for (let j = 0; j < p; j++) this.yyAll[j] = kern.dot(n, data.Y.ptr + 8 * j, p, data.Y.ptr + 8 * j, p);
    this.b = ws.f64(K);
    this.yy = ws.f64(1);
    this.objective = ws.f64(1);
    this.step = ws.f64(1);
    this.violation = ws.f64(1);
    this.measure = ws.perRow(Float64Array);
    this.scale = ws.perRow(Float64Array);
    this.verdict = ws.perRow(Int32Array);
    this.#ysTracked = G === null || K > 2 * n;
    this.ys = this.#ysTracked ? ws.f64(n) : scope.f64(capacity * n);
    this.#residual = this.#ysTracked ? scope.f64(capacity * n) : null;
    const c = capacity;
    this.#work = scope.f64(Math.max(kern.gemmWorkspaceSize(c, K, n), kern.gemmWorkspaceSize(c, K, K), kern.gemmWorkspaceSize(c, n, K)));
  }

  /** Copies columns column[r0 … r0+m) of a (width × p) buffer into rows r0 … r0+m of `rows`. */
  gather(rows: WasmBuffer<"f64">, width: number, source: WasmBuffer<"f64">, r0: number, m: number): void {
    const { copy } = this.kern;
    for (let r = r0; r < r0 + m; r++) copy(width, source.ptr + 8 * this.ws.column[r], this.p, rows.ptr + 8 * r * width, 1);
  }

  /** Copies row r of `rows` (width K) into its column of X. */
  storeRow(rows: WasmBuffer<"f64">, r: number): void {
    const K = this.K;
    this.kern.copy(K, rows.ptr + 8 * r * K, 1, this.X.ptr + 8 * this.ws.column[r], this.p);
  }

  /**
   * Loads b = Aᵀy, ‖y‖² and the scale of rows r0 … r0+m for the columns already set in
   * `ws.column`: b from AᵀY if given, else by one gemm from the gathered signals.
   */
  loadRows(r0: number, m: number): void {
    const { n, K, kern } = this;
    if (this.AtY !== null) this.gather(this.b, K, this.AtY, r0, m);
    if (this.AtY === null || this.#ysTracked) this.gather(this.ys, n, this.Y, r0, m);
    if (this.AtY === null) {
      kern.gemm(0, 0, m, K, n, 1, this.ys.ptr + 8 * r0 * n, n, this.A.ptr, K, 0, this.b.ptr + 8 * r0 * K, K, this.#work.ptr);
    }
    const b = this.b.view;
    const yy = this.yy.view;
    for (let r = r0; r < r0 + m; r++) {
      yy[r] = this.yyAll[this.ws.column[r]];
      let top = this.lambda;
      for (let i = r * K; i < (r + 1) * K; i++) top = Math.max(top, Math.abs(b[i]));
      this.scale[r] = top > 0 ? top : 1;
    }
  }

  /** Sets rows r0 … r0+m of `x` to the start: the columns of X when warm-started, else 0. */
  loadStart(x: WasmBuffer<"f64">, r0: number, m: number): void {
    if (this.warmStart) this.gather(x, this.K, this.X, r0, m);
    else x.view.fill(0, r0 * this.K, (r0 + m) * this.K);
  }

  /**
   * g = ∇f(x) = AᵀAx − Aᵀy for rows r0 … r0+m (f = ½‖y − Ax‖²), by the cheapest of three routes
   * for `nonzeros` nonzero entries among the rows' codes (counted if not given):
   * - through G, over the nonzeros only: g = −b + Σ_{xᵢ≠0} xᵢG[i, :], 2K·nnz flops at a lower
   *   rate than gemm's (weighted by SPARSE_SLOWDOWN; `lassoGramGradient`): the lasso's codes are
   *   sparse, so this is the usual route;
   * - through G, dense: X·G − B, one gemm, 2K²·m flops;
   * - through A, dense: (X·Aᵀ − Y)·A, two gemms, 4nK·m flops (kept when K > 2n, or without G).
   */
  gradient(x: WasmBuffer<"f64">, g: WasmBuffer<"f64">, r0: number, m: number, nonzeros = this.#nonzeros(x, r0, m)): void {
    const { n, K, kern } = this;
    const xr = x.ptr + 8 * r0 * K;
    const gr = g.ptr + 8 * r0 * K;
    const G = this.G;
    const dense = G !== null ? 2 * K * K * m : Infinity;
    const throughA = this.#ysTracked ? 4 * n * K * m : Infinity;
    if (G !== null && nonzeros <= this.sparseGradientLimit(m)) {
      kern.lassoGramGradient(m, K, xr, gr, this.b.ptr + 8 * r0 * K, G.ptr);
    } else if (G !== null && dense <= throughA) {
      kern.copy(m * K, this.b.ptr + 8 * r0 * K, 1, gr, 1);
      kern.gemm(0, 0, m, K, K, 1, xr, K, G.ptr, K, -1, gr, K, this.#work.ptr);
    } else {
      const res = this.#residual!.ptr + 8 * r0 * n;
      kern.copy(m * n, this.ys.ptr + 8 * r0 * n, 1, res, 1);
      kern.gemm(0, 1, m, n, K, 1, xr, K, this.A.ptr, K, -1, res, n, this.#work.ptr);
      kern.gemm(0, 0, m, K, n, 1, res, n, this.A.ptr, K, 0, gr, K, this.#work.ptr);
    }
  }

  /**
   * The most nonzeros among the codes of m rows for which {@link gradient} goes through G over
   * the nonzeros: its weighted cost SPARSE_SLOWDOWN·2K·nnz at most the cheaper dense route's
   * (−1 without G).
   */
  sparseGradientLimit(m: number): number {
    if (this.G === null) return -1;
    const { n, K } = this;
    const dense = Math.min(2 * K * K * m, this.#ysTracked ? 4 * n * K * m : Infinity);
    return Math.floor(dense / (SPARSE_SLOWDOWN * 2 * K));
  }

  #nonzeros(x: WasmBuffer<"f64">, r0: number, m: number): number {
    const view = x.view;
    let count = 0;
    for (let i = r0 * this.K; i < (r0 + m) * this.K; i++) if (view[i] !== 0) count++;
    return count;
  }

  /** g = ∇f at the start of rows r0 … r0+m: −b at x = 0, else computed. */
  startGradient(x: WasmBuffer<"f64">, g: WasmBuffer<"f64">, r0: number, m: number): void {
    if (this.warmStart) {
      this.gradient(x, g, r0, m);
      return;
    }
    const K = this.K;
    const gv = g.view;
    const b = this.b.view;
    for (let i = r0 * K; i < (r0 + m) * K; i++) gv[i] = -b[i];
  }

  /**
   * The lasso's KKT violation (relative, into `measure`), objective and verdict of rows
   * r0 … r0+m after an iteration (converged: measure ≤ tolerance; out of iterations; or go on).
   */
  lassoStats(x: WasmBuffer<"f64">, g: WasmBuffer<"f64">, r0: number, m: number): void {
    const K = this.K;
    this.kern.lassoRowStats(
      m, K, x.ptr + 8 * r0 * K, g.ptr + 8 * r0 * K, this.b.ptr + 8 * r0 * K, this.yy.ptr + 8 * r0,
      this.lambda, this.nonnegative ? 1 : 0, this.violation.ptr + 8 * r0, this.objective.ptr + 8 * r0,
    );
    this.lassoVerdicts(r0, m);
  }

  /**
   * The relative KKT residual (`measure`) and verdict of rows r0 … r0+m from their violations,
   * which `lassoStats` or a fused kernel (`lassoFistaIteration`, given `violation`) just wrote.
   */
  lassoVerdicts(r0: number, m: number): void {
    const v = this.violation.view;
    for (let r = r0; r < r0 + m; r++) {
      this.measure[r] = v[r] / this.scale[r];
      this.verdict[r] = this.measure[r] <= this.tolerance ? Verdict.Converged
        : this.ws.iterations[r] + 1 >= this.maxIterations ? Verdict.OutOfIterations : Verdict.Continue;
    }
  }
}
