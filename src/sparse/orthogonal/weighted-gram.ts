// The weighted Gram matrix Y·diag(w)·Yᵀ of data resident in wasm memory, with its scratch.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { OrthogonalKernels } from "../../kernels/orthogonal/kernels.js";
import type { StridedData } from "./deflation.js";

/** The kernels the Gram matrix needs (assembly/blas/syrk.ts, assembly/orthogonal/scale-columns.ts). */
export interface GramKernels extends Pick<OrthogonalKernels, "scaleColumns"> {
  syrk(trans: number, n: number, k: number, alpha: number, a: number, lda: number, beta: number, c: number, ldc: number, work: number): void;
  syrkWorkspaceSize(n: number, k: number): number;
}

/**
 * M = Y·diag(s²)·Yᵀ = B·Bᵀ with B = Y·diag(s) (a dense copy made by `scaleColumns`), formed by syrk
 * (half a gemm: m²p flops) into an m×m row-major buffer, for data of up to n rows and p columns.
 * Used by the IRLS steps of the LP rounding and by the vertex test of the subgradient method.
 */
export class WeightedGram {
  readonly #kern: GramKernels;
  readonly #weighted: WasmBuffer<"f64">;
  readonly #work: WasmBuffer<"f64">;
  /** The m×m result of the last {@link form} (row stride m). */
  readonly gram: WasmBuffer<"f64">;

  /** Scratch owned by `scope`. */
  constructor(scope: ArenaScope, n: number, p: number, kern: GramKernels) {
    this.#kern = kern;
    this.#weighted = scope.f64(n * p);
    this.gram = scope.f64(n * n);
    // syrk's (gemm's) workspace is not monotone in the size (thin products are packed whole): the largest over m ≤ n.
    let work = 0;
    for (let m = 1; m <= n; m++) work = Math.max(work, kern.syrkWorkspaceSize(m, p));
    this.#work = scope.f64(work);
  }

  /** Forms M = Y·diag(s²)·Yᵀ into `gram` for the data and the p square-root weights at `sqrtWeights`. */
  form(data: StridedData, sqrtWeights: number): void {
    const { ptr, rows: m, cols: p, ld } = data;
    this.#kern.scaleColumns(this.#weighted.ptr, ptr, ld, sqrtWeights, m, p);
    this.#kern.syrk(0, m, p, 1, this.#weighted.ptr, p, 0, this.gram.ptr, m, this.#work.ptr);
  }
}
