// The coding step with missing entries: the lasso of each sample on the rows it observes, by
// coordinate descent on that sample's own Gram matrix.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";

/**
 * For each sample y (a column of the block) observed on the rows O: the lasso
 * min_x ½‖y_O − A_O·x‖² + λ‖x‖₁ with A_O the rows O of the dictionary: the missing entries are
 * left out of the fit, as in the inpainting of Mairal, Elad & Sapiro ("Sparse representation for
 * color image restoration", IEEE Trans. Image Process. 17(1), 2008). Solved by cyclic
 * coordinate descent (`lassoCdSweep`, Friedman, Hastie & Tibshirani 2010) on G = A_Oᵀ·A_O (formed
 * per sample by syrk) and b = A_Oᵀ·y_O, from the sample's previous code, until the relative KKT
 * residual is at most `tolerance` or after `maxSweeps` sweeps: a descent method, so a code's
 * objective never rises. An atom that vanishes on O (Gₖₖ = 0) cannot help this sample: its
 * coefficient is set to 0 (the sweep sees a unit diagonal there, which drives it to 0).
 */
export class MaskedCoder {
  readonly #kern: SparseCodingKernels;
  readonly #n: number;
  readonly #K: number;
  readonly #rows: WasmBuffer<"f64">;
  readonly #y: WasmBuffer<"f64">;
  readonly #G: WasmBuffer<"f64">;
  readonly #b: WasmBuffer<"f64">;
  readonly #x: WasmBuffer<"f64">;
  readonly #g: WasmBuffer<"f64">;
  readonly #scalars: WasmBuffer<"f64">;
  readonly #work: WasmBuffer<"f64">;

  constructor(kern: SparseCodingKernels, scope: ArenaScope, n: number, K: number) {
    this.#kern = kern;
    this.#n = n;
    this.#K = K;
    this.#rows = scope.f64(n * K);
    this.#y = scope.f64(n);
    this.#G = scope.f64(K * K);
    this.#b = scope.f64(K);
    this.#x = scope.f64(K);
    this.#g = scope.f64(K);
    this.#scalars = scope.f64(4); // step, violation, objective, ‖y_O‖²
    this.#work = scope.f64(kern.syrkWorkspaceSize(K, n));
  }

  /**
   * Codes the m samples of Y (n×m, row-major) observed where `mask` (n×m) is 1, starting from
   * and writing into X (K×m); `pause` is awaited between samples (true: stop, the remaining
   * samples keep their codes). Returns each sample's objective ½‖y_O − A_Ox‖² + λ‖x‖₁ from its
   * residual, or null when stopped.
   */
  async code(
    A: WasmBuffer<"f64">, Y: WasmBuffer<"f64">, X: WasmBuffer<"f64">, m: number, mask: Uint8Array,
    settings: { lambda: number; tolerance: number; maxSweeps: number }, pause: () => Promise<boolean>,
  ): Promise<Float64Array | null> {
    const n = this.#n;
    const K = this.#K;
    const kern = this.#kern;
    const { lambda, tolerance, maxSweeps } = settings;
    const objective = new Float64Array(m);
    const [rows, y, G, b, x, g, s] = [this.#rows, this.#y, this.#G, this.#b, this.#x, this.#g, this.#scalars];
    for (let j = 0; j < m; j++) {
      let o = 0;
      for (let i = 0; i < n; i++) {
        if (mask[i * m + j] !== 1) continue;
        kern.copy(K, A.ptr + 8 * i * K, 1, rows.ptr + 8 * o * K, 1);
        y.view[o] = Y.view[i * m + j];
        o++;
      }
      kern.copy(K, X.ptr + 8 * j, m, x.ptr, 1);
      if (o === 0) {
        x.view.fill(0);
        kern.copy(K, x.ptr, 1, X.ptr + 8 * j, m);
        continue;
      }
      kern.syrk(1, K, o, 1, rows.ptr, K, 0, G.ptr, K, this.#work.ptr);
      kern.gemv(1, o, K, 1, rows.ptr, K, y.ptr, 1, 0, b.ptr, 1);
      const gv = G.view;
      const bv = b.view;
      let scale = lambda;
      for (let k = 0; k < K; k++) {
        if (gv[k * K + k] === 0) gv[k * K + k] = 1;
        scale = Math.max(scale, Math.abs(bv[k]));
      }
      if (scale === 0) scale = 1;
      s.view[3] = kern.dot(o, y.ptr, 1, y.ptr, 1);
      for (let sweep = 0; sweep < maxSweeps; sweep++) {
        kern.lassoCdSweep(1, K, x.ptr, g.ptr, b.ptr, G.ptr, lambda, 0, s.ptr);
        kern.lassoRowStats(1, K, x.ptr, g.ptr, b.ptr, s.ptr + 24, lambda, 0, s.ptr + 8, s.ptr + 16);
        if (s.view[1] / scale <= tolerance) break;
      }
      // The objective from the residual A_O·x − y_O.
      kern.gemv(0, o, K, 1, rows.ptr, K, x.ptr, 1, -1, y.ptr, 1);
      objective[j] = 0.5 * kern.dot(o, y.ptr, 1, y.ptr, 1) + lambda * kern.asum(K, x.ptr, 1);
      kern.copy(K, x.ptr, 1, X.ptr + 8 * j, m);
      if (await pause()) return null;
    }
    return objective;
  }
}
