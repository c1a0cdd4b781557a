// Method "omp": batch orthogonal matching pursuit, one atom per code per iteration.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { Verdict, type CodingContext } from "./context.js";
import type { CodingEngine } from "./engine.js";

/**
 * Orthogonal matching pursuit in the Batch-OMP form of Rubinstein, Zibulevsky & Elad (2008): an
 * iteration is one `ompStep` over the rows in use — each code adds the atom most correlated with
 * its residual, updates the Cholesky factor of G[I, I] by one row, and refits all its
 * coefficients by least squares on the support — from G = AᵀA and b = Aᵀy only, so a step costs
 * O(K·|I| + |I|²) flops per code whatever n. A code stops at `sparsity` atoms, at
 * ‖r‖² ≤ residualTolerance, or when no atom can be added. The recorded measure is ‖r‖ =
 * ‖y − Ax‖, the objective ½‖r‖², the step ‖AΔx‖ (= √(‖r_old‖² − ‖r_new‖²), the residuals being
 * nested projections).
 */
export class OmpEngine implements CodingEngine {
  readonly #ctx: CodingContext;
  readonly #sparsity: number;
  readonly #residualTolerance: number;
  readonly #alpha: WasmBuffer<"f64">;
  readonly #coef: WasmBuffer<"f64">;
  readonly #support: WasmBuffer<"i32">;
  readonly #chol: WasmBuffer<"f64">;
  readonly #count: WasmBuffer<"i32">;
  readonly #residual: WasmBuffer<"f64">;
  readonly #status: WasmBuffer<"i32">;

  constructor(ctx: CodingContext, sparsity: number, residualTolerance: number) {
    this.#ctx = ctx;
    this.#sparsity = sparsity;
    this.#residualTolerance = residualTolerance;
    const { ws, K } = ctx;
    this.#alpha = ws.f64(K);
    this.#coef = ws.f64(sparsity);
    this.#support = ws.i32(sparsity);
    this.#chol = ws.f64(sparsity * sparsity);
    this.#count = ws.i32(1);
    this.#residual = ws.f64(1);
    this.#status = ws.i32(1);
  }

  load(r0: number, m: number): void {
    const ctx = this.#ctx;
    ctx.kern.copy(m * ctx.K, ctx.b.ptr + 8 * r0 * ctx.K, 1, this.#alpha.ptr + 8 * r0 * ctx.K, 1);
    this.#count.view.fill(0, r0, r0 + m);
    this.#residual.view.set(ctx.yy.view.subarray(r0, r0 + m), r0);
  }

  advance(): void {
    const ctx = this.#ctx;
    const rows = ctx.ws.active;
    const before = this.#residual.view.slice(0, rows);
    ctx.kern.ompStep(
      rows, ctx.K, this.#sparsity, ctx.G!.ptr, ctx.b.ptr, ctx.yy.ptr, this.#residualTolerance, this.#alpha.ptr,
      this.#coef.ptr, this.#support.ptr, this.#chol.ptr, this.#count.ptr, this.#residual.ptr, this.#status.ptr,
    );
    const residual = this.#residual.view;
    const status = this.#status.view;
    const objective = ctx.objective.view;
    const step = ctx.step.view;
    for (let r = 0; r < rows; r++) {
      const rr = residual[r];
      ctx.measure[r] = Math.sqrt(Math.max(rr, 0));
      objective[r] = 0.5 * rr;
      step[r] = Math.max(before[r] - rr, 0);
      const s = status[r];
      ctx.verdict[r] = s === 2 ? Verdict.Converged : s === 1 ? Verdict.OutOfIterations : s === 3 ? Verdict.Stalled : Verdict.Continue;
    }
  }

  store(r: number): void {
    const ctx = this.#ctx;
    const p = ctx.p;
    const j = ctx.ws.column[r];
    // X starts at 0 and a support only grows, so writing the support's coefficients suffices.
    const X = ctx.X.view;
    const n = this.#count.view[r];
    const coef = this.#coef.view;
    const support = this.#support.view;
    const s = this.#sparsity;
    for (let t = 0; t < n; t++) X[support[r * s + t] * p + j] = coef[r * s + t];
  }
}
