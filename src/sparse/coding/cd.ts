// Method "cd": cyclic coordinate descent on the Gram matrix, one sweep per iteration.
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { CodingContext } from "./context.js";
import type { CodingEngine } from "./engine.js";

/**
 * Coordinate descent for the lasso (Friedman, Hastie & Tibshirani 2010, covariance updates): an
 * iteration is one `lassoCdSweep` over the rows in use — each code's gradient Gx − b recomputed
 * from its nonzeros, then every coordinate minimized exactly in turn, the gradient kept current
 * by a row of G per change — and `lassoRowStats` on the result. A sweep costs K·(nonzeros +
 * changes + 1) flops per code: cheap for small dictionaries, where FISTA's K² per iteration
 * dominates. Converges for any dictionary with nonzero atoms (Tseng, J. Optim. Theory Appl.
 * 2001); fast where atoms are not too correlated.
 */
export class CdEngine implements CodingEngine {
  readonly #ctx: CodingContext;
  readonly #x: WasmBuffer<"f64">;
  readonly #g: WasmBuffer<"f64">;

  constructor(ctx: CodingContext) {
    this.#ctx = ctx;
    this.#x = ctx.ws.f64(ctx.K);
    this.#g = ctx.ws.f64(ctx.K);
  }

  load(r0: number, m: number): void {
    this.#ctx.loadStart(this.#x, r0, m);
    this.#ctx.startGradient(this.#x, this.#g, r0, m);
  }

  evaluateStart(r0: number, m: number): void {
    this.#ctx.lassoStats(this.#x, this.#g, r0, m);
  }

  advance(): void {
    const ctx = this.#ctx;
    const { ws, K } = ctx;
    const rows = ws.active;
    ctx.kern.lassoCdSweep(
      rows, K, this.#x.ptr, this.#g.ptr, ctx.b.ptr, ctx.G!.ptr, ctx.lambda, ctx.nonnegative ? 1 : 0, ctx.step.ptr,
    );
    ctx.lassoStats(this.#x, this.#g, 0, rows);
  }

  store(r: number): void {
    this.#ctx.storeRow(this.#x, r);
  }
}
