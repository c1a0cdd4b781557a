// Method "fista": accelerated proximal gradient on a block of codes, one gemm per iteration.
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { CodingContext } from "./context.js";
import type { CodingEngine } from "./engine.js";

/**
 * FISTA with constant step 1/L and adaptive restart, each row (column of Y) with its own momentum:
 * per iteration the step over the rows in use (the momentum point, the gradient step, the prox, the
 * restart test), then the gradient at the new codes (through G over their nonzeros while they are
 * sparse, else by gemm: `CodingContext.gradient`), then the KKT violation and the objective. One
 * `lassoFistaIteration` does all three row by row (in cache) while the gradient's route is the
 * sparse one; else it does the steps only, and the other route and `lassoRowStats` follow. The
 * gradient at the momentum point needs no product of its own: ∇f is affine, so it is the same combination of the
 * gradients at the last two codes (assembly/sparse-coding/fista-step.ts).
 *
 * Momentum (Beck & Teboulle 2009): t₁ = 1, t_{k+1} = (1 + √(1 + 4t_k²))/2, β = (t_k − 1)/t_{k+1};
 * a row whose step x_k → x_{k+1} made ⟨y_k − x_{k+1}, x_{k+1} − x_k⟩ > 0 restarts, t = 1, β = 0
 * (O'Donoghue & Candès 2015, gradient scheme), which makes the rate linear once the support is
 * found (the lasso is then a strongly convex quadratic on it for a dictionary in general position).
 */
export class FistaEngine implements CodingEngine {
  readonly #ctx: CodingContext;
  readonly #invL: number;
  #x: WasmBuffer<"f64">;
  #xPrev: WasmBuffer<"f64">;
  #g: WasmBuffer<"f64">;
  #gPrev: WasmBuffer<"f64">;
  readonly #beta: WasmBuffer<"f64">;
  readonly #restart: WasmBuffer<"f64">;
  readonly #t: Float64Array;
  /** Whether the last iteration's codes were too dense for the sparse gradient route. */
  #overLimit = false;

  /** @param L a Lipschitz constant of ∇f: λ_max(AᵀA) or above. */
  constructor(ctx: CodingContext, L: number) {
    this.#ctx = ctx;
    this.#invL = 1 / L;
    const { ws, K } = ctx;
    this.#x = ws.f64(K);
    this.#xPrev = ws.f64(K);
    this.#g = ws.f64(K);
    this.#gPrev = ws.f64(K);
    this.#beta = ws.f64(1);
    this.#restart = ws.f64(1);
    this.#t = ws.perRow(Float64Array);
  }

  load(r0: number, m: number): void {
    const ctx = this.#ctx;
    const K = ctx.K;
    ctx.loadStart(this.#x, r0, m);
    ctx.startGradient(this.#x, this.#g, r0, m);
    ctx.kern.copy(m * K, this.#x.ptr + 8 * r0 * K, 1, this.#xPrev.ptr + 8 * r0 * K, 1);
    ctx.kern.copy(m * K, this.#g.ptr + 8 * r0 * K, 1, this.#gPrev.ptr + 8 * r0 * K, 1);
    this.#beta.view.fill(0, r0, r0 + m);
    this.#t.fill(1, r0, r0 + m);
    this.#overLimit = false;
  }

  evaluateStart(r0: number, m: number): void {
    this.#ctx.lassoStats(this.#x, this.#g, r0, m);
  }

  advance(): void {
    const ctx = this.#ctx;
    const { ws, K } = ctx;
    const rows = ws.active;
    // Step, gradient through G over the nonzeros and statistics, row by row in one kernel while
    // that route holds; else the gradient by the route `gradient` picks, and the statistics.
    // After an iteration over the limit the fused kernel only steps (budget −1): its sparse
    // gradient would be thrown away as soon as the codes pass the limit, costing a second
    // gradient per iteration (the fallback gives the same bits when the codes are sparse again).
    const limit = ctx.sparseGradientLimit(rows);
    const budget = this.#overLimit ? -1 : limit;
    const nonzeros = ctx.kern.lassoFistaIteration(
      rows, K, this.#x.ptr, this.#xPrev.ptr, this.#g.ptr, this.#gPrev.ptr, this.#beta.ptr, this.#invL, ctx.lambda,
      ctx.nonnegative ? 1 : 0, this.#restart.ptr, ctx.step.ptr,
      ctx.b.ptr, ctx.G?.ptr ?? 0, ctx.yy.ptr, ctx.violation.ptr, ctx.objective.ptr, budget,
    );
    [this.#x, this.#xPrev] = [this.#xPrev, this.#x];
    [this.#g, this.#gPrev] = [this.#gPrev, this.#g];
    this.#overLimit = nonzeros > limit;
    if (nonzeros <= budget) ctx.lassoVerdicts(0, rows);
    else {
      ctx.gradient(this.#x, this.#g, 0, rows, nonzeros);
      ctx.lassoStats(this.#x, this.#g, 0, rows);
    }
    const beta = this.#beta.view;
    const restart = this.#restart.view;
    const t = this.#t;
    for (let r = 0; r < rows; r++) {
      if (restart[r] > 0) {
        t[r] = 1;
        beta[r] = 0;
      } else {
        const next = (1 + Math.sqrt(1 + 4 * t[r] * t[r])) / 2;
        beta[r] = (t[r] - 1) / next;
        t[r] = next;
      }
    }
  }

  store(r: number): void {
    this.#ctx.storeRow(this.#x, r);
  }
}
