// The sufficient statistics of the dictionary update, B = XXᵀ and C = YXᵀ (per row of Y when
// entries are missing), accumulated in wasm memory, and the stationarity of a dictionary on them.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { SparseCodingKernels } from "../../kernels/sparse-coding/kernels.js";

/**
 * Everything the dictionary update needs to know about the codes: for min_A ½‖Y − AX‖²_F over
 * unit-ball atoms, ½‖Y − AX‖² = ½‖Y‖² − ⟨A, C⟩ + ½⟨AᵀA, B⟩ with B = XXᵀ (K×K) and C = YXᵀ (n×K),
 * so the update never touches the samples (Mairal, Bach, Ponce & Sapiro, "Online learning for
 * matrix factorization and sparse coding", JMLR 11, 2010, §3.3).
 *
 * With missing entries (mask M, row i of Y observed at the samples j with Mᵢⱼ = 1) the fit
 * ½Σᵢⱼ Mᵢⱼ(yᵢⱼ − aᵢᵀxⱼ)² separates over the rows aᵢ of A, and row i has its own statistics
 * B⁽ⁱ⁾ = Σⱼ Mᵢⱼ xⱼxⱼᵀ; C stays one matrix, C = (M ⊙ Y)Xᵀ. Memory n·K² instead of K².
 *
 * `accumulate` folds a block of samples in as S ← β·S + s·(block's statistics): β = 0, s = 1 for
 * the batch method, Mairal et al.'s forgetting factor for the online one.
 */
export class SufficientStatistics {
  readonly n: number;
  readonly K: number;
  /** B = XXᵀ (K×K), or the n matrices B⁽ⁱ⁾ one after the other (n·K×K) with a mask. */
  readonly B: WasmBuffer<"f64">;
  /** C = YXᵀ (n×K). */
  readonly C: WasmBuffer<"f64">;
  readonly masked: boolean;
  readonly #kern: SparseCodingKernels;
  readonly #work: WasmBuffer<"f64">;
  /** With a mask: a K×maxBlock scratch for the codes a row observes. */
  readonly #observed: WasmBuffer<"f64"> | null;
  readonly #gradient: WasmBuffer<"f64">;

  /** Statistics of n×K dictionaries, fed blocks of at most `maxBlock` samples. */
  constructor(kern: SparseCodingKernels, scope: ArenaScope, n: number, K: number, maxBlock: number, masked: boolean) {
    this.#kern = kern;
    this.n = n;
    this.K = K;
    this.masked = masked;
    this.B = scope.f64(masked ? n * K * K : K * K);
    this.C = scope.f64(n * K);
    this.#work = scope.f64(Math.max(
      kern.gemmWorkspaceSize(n, K, maxBlock), kern.gemmWorkspaceSize(K, K, maxBlock), kern.syrkWorkspaceSize(K, maxBlock),
      kern.gemmWorkspaceSize(n, K, K),
    ));
    this.#observed = masked ? scope.f64(K * maxBlock) : null;
    this.#gradient = scope.f64(n * K);
  }

  /**
   * S ← β·S + s·(statistics of the block): Y (n×m, missing entries already 0) and X (K×m), and
   * with a mask its n×m block (row-major, 1 = observed).
   */
  accumulate(Y: WasmBuffer<"f64">, X: WasmBuffer<"f64">, m: number, beta: number, s: number, mask?: Uint8Array): void {
    const { n, K } = this;
    const kern = this.#kern;
    const work = this.#work.ptr;
    kern.gemm(0, 1, n, K, m, s, Y.ptr, m, X.ptr, m, beta, this.C.ptr, K, work);
    if (mask === undefined) {
      kern.syrk(0, K, m, s, X.ptr, m, beta, this.B.ptr, K, work);
      return;
    }
    // B⁽ⁱ⁾ = β·B⁽ⁱ⁾ + s·(X with the samples row i does not observe set to 0)·Xᵀ.
    const observed = this.#observed!;
    const x = X.view;
    const xi = observed.view;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < m; j++) xi[k * m + j] = mask[i * m + j] === 1 ? x[k * m + j] : 0;
      }
      kern.gemm(0, 1, K, K, m, s, observed.ptr, m, X.ptr, m, beta, this.B.ptr + 8 * i * K * K, K, work);
    }
  }

  /** Bⱼⱼ: how much the codes use atom j (with a mask, summed over the rows). */
  usage(j: number): number {
    const { n, K } = this;
    const b = this.B.view;
    if (!this.masked) return b[j * K + j];
    let sum = 0;
    for (let i = 0; i < n; i++) sum += b[i * K * K + j * K + j];
    return sum;
  }

  /**
   * The stationarity of the unit-norm dictionary A (n×K) on these statistics: the gradient
   * Γ = AB − C of ½‖Y − AX‖² in A (row i: aᵢᵀB⁽ⁱ⁾ − cᵢᵀ with a mask), each column projected on
   * the tangent space of its sphere, γⱼ − (aⱼᵀγⱼ)aⱼ, in Frobenius norm relative to ‖C‖_F (0
   * when C = 0): zero exactly where no single atom can improve the fit to first order.
   */
  relativeGradientNorm(A: WasmBuffer<"f64">): number {
    const { n, K } = this;
    const kern = this.#kern;
    const grad = this.#gradient;
    if (!this.masked) {
      kern.copy(n * K, this.C.ptr, 1, grad.ptr, 1);
      kern.gemm(0, 0, n, K, K, 1, A.ptr, K, this.B.ptr, K, -1, grad.ptr, K, this.#work.ptr);
    } else {
      for (let i = 0; i < n; i++) {
        kern.copy(K, this.C.ptr + 8 * i * K, 1, grad.ptr + 8 * i * K, 1);
        kern.gemv(0, K, K, 1, this.B.ptr + 8 * i * K * K, K, A.ptr + 8 * i * K, 1, -1, grad.ptr + 8 * i * K, 1);
      }
    }
    const g = grad.view;
    const a = A.view;
    let total = 0;
    for (let j = 0; j < K; j++) {
      let along = 0;
      for (let i = 0; i < n; i++) along += a[i * K + j] * g[i * K + j];
      for (let i = 0; i < n; i++) total += (g[i * K + j] - along * a[i * K + j]) ** 2;
    }
    const c = Math.sqrt(kern.dot(n * K, this.C.ptr, 1, this.C.ptr, 1));
    return c > 0 ? Math.sqrt(total) / c : 0;
  }
}
