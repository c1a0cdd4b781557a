// gaussianOperator: the seeded Gaussian measurement operator 𝒜(X)ₖ = ⟨Aₖ, X⟩/√count and its adjoint.
import type { Matrix } from "../matrix.js";
import { kernels, runtime, type Runtime } from "../runtime/init.js";
import type { ArenaScope } from "../runtime/arena.js";
import type { WasmBuffer } from "../runtime/buffer.js";
import { checkBoolean, checkChoice, checkInteger, checkMatrix, checkOptions, checkVector, describe } from "../validate.js";
import { measurementRng } from "./measurement-rng.js";
import { packSymmetric, storedWidth, unpackSymmetric } from "./packed.js";

interface OperatorKernels {
  gemv(trans: number, m: number, n: number, alpha: number, a: number, lda: number,
    x: number, incx: number, beta: number, y: number, incy: number): void;
  gemm(transA: number, transB: number, m: number, n: number, k: number, alpha: number, a: number, lda: number,
    b: number, ldb: number, beta: number, c: number, ldc: number, work: number): void;
  gemmWorkspaceSize(m: number, n: number, k: number): number;
}

const disposeSymbol: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for("Symbol.dispose");

/** `mode: "auto"` stores the matrix when it holds at most this many f64 values (256 MiB). */
export const AUTO_STORED_VALUES = 2 ** 25;
/** The largest stored matrix, in f64 values (1 GiB of wasm memory); larger operators must stream. */
export const MAX_STORED_VALUES = 2 ** 27;
/** The default block holds about this many f64 values (1 MiB), at least one measurement. */
const BLOCK_VALUES = 2 ** 17;

/** How the measurement matrices are held: all in wasm memory, or regenerated block by block. */
export type OperatorMode = "stored" | "streaming";

/** Which way to evaluate a product with a factored argument (see {@link GaussianOperator.applyFactored}). */
export type FactoredPath = "dense" | "factored";

/** Options of {@link gaussianOperator}. */
export interface GaussianOperatorOptions {
  /**
   * Seed of the measurement matrices: Aₖ depends only on (seed, k).
   * @defaultValue 1
   */
  seed?: number;
  /**
   * Symmetrized measurements Aₖ = (Gₖ + Gₖᵀ)/2 for the PSD case (needs rows = cols).
   * @defaultValue false
   */
  symmetric?: boolean;
  /**
   * `"stored"` keeps the count×(rows·cols) matrix (count×n(n + 1)/2 when symmetric) in wasm
   * memory (each application is a pass of gemv over it; at most 2²⁷ values = 1 GiB); `"streaming"` regenerates the measurements from the
   * seed block by block at every application (no storage, but each application pays the
   * generation of count·rows·cols normals); `"auto"` stores when the matrix holds ≤ 2²⁵ values
   * (256 MiB) and streams otherwise.
   * @defaultValue "auto"
   */
  mode?: "auto" | OperatorMode;
  /**
   * Measurements per block. Both modes run the same kernel calls on the same blocks, which is what
   * makes them agree bit for bit; a different block size changes the rounding of the adjoint.
   * @defaultValue max(1, ⌊2¹⁷ / (rows·cols)⌋) (blocks of about 1 MiB)
   */
  blockSize?: number;
}

/** Options of the factored products {@link GaussianOperator.applyFactored} and {@link GaussianOperator.adjointTimes}. */
export interface FactoredOptions {
  /**
   * `"dense"` forms the m×n intermediate (UVᵀ, or 𝒜*(y)), `"factored"` never does. Dense is the
   * default because it is never slower for dense Gaussian Aₖ: both paths must read every entry of
   * every Aₖ once, and that pass over count·mn values bounds both. The factored path does r times
   * the flops of that pass (fewer flops in total only when r = 1 and count < n) and its gemm
   * packs each block of Aₖ, adding memory traffic: measured 1.3–3× slower (more on a loaded
   * machine), 1.5–2.6× where it has (marginally) fewer flops (300×300, count 100, r = 1). It saves only the m×n intermediate, at
   * most 1/count of the operator's size.
   * @defaultValue "dense"
   */
  path?: FactoredPath;
}

/**
 * A seeded Gaussian measurement operator 𝒜: ℝ^{m×n} → ℝ^count,
 *
 *   𝒜(X)ₖ = ⟨Aₖ, X⟩ / √count,   𝒜*(y) = Σₖ yₖ·Aₖ / √count,
 *
 * with Aₖ an m×n matrix of independent N(0, 1) entries (or, symmetric, Aₖ = (Gₖ + Gₖᵀ)/2).
 * The 1/√count normalization makes E[𝒜*𝒜] = I (on symmetric matrices in the symmetric case),
 * so E‖𝒜(X)‖² = ‖X‖²_F and 𝒜*(𝒜(X)) ≈ X. This is the Gaussian ensemble (entries of variance
 * 1/count) of Recht, Fazel & Parrilo, "Guaranteed minimum-rank solutions of linear matrix equations
 * via nuclear norm minimization", SIAM Review 2010, §4: it has the rank-r restricted isometry
 * property with constant δ w.h.p. once count ≥ c(δ)·r(m + n)·log(mn) (their Theorem 4.2), and it
 * is the scaling the spectral initialization 𝒜*(y) ≈ X relies on.
 *
 * Aₖ is the row-major m×n matrix of `rows·cols` normals drawn by the library's `Rng.normalArray`
 * from a stream that depends only on (seed, k); `measurement(k)` returns it. The same seed gives
 * the same operator in every runtime.
 *
 * Stored mode holds the count×mn matrix [vec(A₀); …] in wasm memory for the operator's lifetime
 * (call `dispose()`); a symmetric operator stores only the upper triangle of each Aₖ
 * (count×n(n + 1)/2: half the memory and half the traffic per application, the argument packed
 * as xᵢᵢ, xᵢⱼ + xⱼᵢ). Streaming mode regenerates each block of measurements into a scratch buffer
 * per application. Both walk the same blocks with the same kernels, so their results agree bit for
 * bit. A stored operator lives in the memory of the runtime it was made in and throws after
 * `init()` switched builds; a streaming one follows the active runtime.
 *
 * NaN/Inf in X, y, U, V propagate as in BLAS.
 */
export class GaussianOperator {
  /** m: rows of the argument X. */
  readonly rows: number;
  /** n: columns of the argument X. */
  readonly cols: number;
  /** The number of measurements. */
  readonly count: number;
  readonly seed: number;
  readonly symmetric: boolean;
  readonly mode: OperatorMode;
  /** Measurements per block. */
  readonly blockSize: number;
  /** The runtime whose memory holds the stored matrix. */
  readonly #runtime: Runtime;
  readonly #scale: number;
  /** f64 values stored per measurement: mn, or n(n + 1)/2 (the upper triangle) when symmetric. */
  readonly #width: number;
  #stored: WasmBuffer<"f64"> | null = null;
  #disposed = false;

  /** Use {@link gaussianOperator}. */
  constructor(rows: number, cols: number, count: number, seed: number, symmetric: boolean, mode: OperatorMode, blockSize: number) {
    this.rows = rows;
    this.cols = cols;
    this.count = count;
    this.seed = seed;
    this.symmetric = symmetric;
    this.mode = mode;
    this.blockSize = blockSize;
    this.#scale = 1 / Math.sqrt(count);
    this.#width = storedWidth(rows, cols, symmetric);
    this.#runtime = runtime();
    if (mode === "stored") {
      const w = this.#width;
      const stored = this.#runtime.arena.f64(count * w);
      try {
        for (let k0 = 0; k0 < count; k0 += blockSize) this.#fill(stored.view, k0 * w, k0, Math.min(blockSize, count - k0));
      } catch (e) {
        stored.dispose();
        throw e;
      }
      this.#stored = stored;
    }
  }

  /** Bytes of wasm memory the operator holds (0 when streaming or disposed). */
  get storedBytes(): number {
    return this.#stored === null ? 0 : this.#stored.length * 8;
  }

  /** Whether `dispose()` was called. */
  get disposed(): boolean {
    return this.#disposed;
  }

  /** The measurement matrix Aₖ (m×n, without the 1/√count factor). */
  measurement(k: number): Matrix {
    this.#check();
    checkInteger("k", k, 0, this.count - 1);
    const stored = new Float64Array(this.#width);
    this.#fill(stored, 0, k, 1);
    const data = this.symmetric ? unpackSymmetric(stored, 0, this.rows, new Float64Array(this.rows * this.cols)) : stored;
    return { rows: this.rows, cols: this.cols, data };
  }

  /** 𝒜(X): the count measurements ⟨Aₖ, X⟩/√count of the m×n matrix X (one gemv per block). */
  apply(X: Matrix): Float64Array {
    this.#check();
    this.#checkArgument("X", X, this.rows, this.cols);
    return runtime().arena.scope((s) => {
      const out = s.f64(this.count);
      this.#applyPtr(s, s.f64From(X.data).ptr, out.ptr);
      return out.toArray();
    });
  }

  /** 𝒜*(y) = Σₖ yₖAₖ/√count, an m×n matrix (one transposed gemv per block, accumulated). */
  adjoint(y: Float64Array): Matrix {
    this.#check();
    checkVector("y", y, this.count);
    return runtime().arena.scope((s) => {
      const out = s.f64(this.rows * this.cols);
      this.#adjointPtr(s, s.f64From(y).ptr, out.ptr);
      return { rows: this.rows, cols: this.cols, data: out.toArray() };
    });
  }

  /**
   * 𝒜(UVᵀ) for U m×r and V n×r. The dense path forms UVᵀ (2mnr flops) and applies 𝒜
   * (2·count·mn); the factored path computes ⟨Aₖ, UVᵀ⟩ = ⟨AₖV, U⟩ as one gemm per block
   * (A_block viewed as (b·m)×n, times V) and one gemv against vec(U): 2·count·mnr + 2·count·mr
   * flops, without forming UVᵀ. See {@link FactoredOptions.path} for why dense is the default.
   */
  applyFactored(U: Matrix, V: Matrix, options: FactoredOptions = {}): Float64Array {
    this.#check();
    const r = this.#checkFactors(U, V, this.cols, "V");
    const path = resolvePath(options);
    const { count, rows: m, cols: n } = this;
    return runtime().arena.scope((s) => {
      const ub = s.f64From(U.data);
      const vb = s.f64From(V.data);
      const out = s.f64(count);
      if (path === "factored") this.#applyFactoredPtr(s, ub.ptr, vb.ptr, r, out.ptr);
      else {
        const x = s.f64(m * n);
        const k = kernels<OperatorKernels>();
        const work = s.f64(k.gemmWorkspaceSize(m, n, r));
        k.gemm(0, 1, m, n, r, 1, ub.ptr, r, vb.ptr, r, 0, x.ptr, n, work.ptr);
        this.#applyPtr(s, x.ptr, out.ptr);
      }
      return out.toArray();
    });
  }

  /**
   * 𝒜*(y)·V (m×r) for V n×r, the product a gradient needs. The dense path forms 𝒜*(y)
   * (2·count·mn flops) and multiplies (2mnr); the factored path accumulates Σₖ yₖ·AₖV/√count as
   * one gemm (A_block·V) and one transposed gemv per block: 2·count·mnr + 2·count·mr flops.
   * See {@link FactoredOptions.path} for why dense is the default.
   */
  adjointTimes(y: Float64Array, V: Matrix, options: FactoredOptions = {}): Matrix {
    this.#check();
    checkVector("y", y, this.count);
    this.#checkArgument("V", V, this.cols, undefined);
    const r = V.cols;
    const path = resolvePath(options);
    const { rows: m, cols: n } = this;
    return runtime().arena.scope((s) => {
      const yb = s.f64From(y);
      const vb = s.f64From(V.data);
      const out = s.f64(m * r);
      if (path === "factored") this.#adjointFactoredPtr(s, yb.ptr, vb.ptr, r, out.ptr);
      else {
        const a = s.f64(m * n);
        this.#adjointPtr(s, yb.ptr, a.ptr);
        const k = kernels<OperatorKernels>();
        const work = s.f64(k.gemmWorkspaceSize(m, r, n));
        k.gemm(0, 0, m, r, n, 1, a.ptr, n, vb.ptr, r, 0, out.ptr, r, work.ptr);
      }
      return { rows: m, cols: r, data: out.toArray() };
    });
  }

  /** Frees the stored matrix (a no-op when streaming). The operator cannot be used afterwards. */
  dispose(): void {
    this.#stored?.dispose();
    this.#stored = null;
    this.#disposed = true;
  }

  [disposeSymbol](): void {
    this.dispose();
  }

  // out[k] = ⟨Aₖ, X⟩/√count for the X at xPtr; symmetric: the packed dot product
  // Σᵢ aᵢᵢxᵢᵢ + Σᵢ<ⱼ aᵢⱼ(xᵢⱼ + xⱼᵢ) against the stored upper triangle.
  #applyPtr(s: ArenaScope, xPtr: number, outPtr: number): void {
    const w = this.#width;
    let x = xPtr;
    if (this.symmetric) {
      const packed = s.f64(w);
      packSymmetric(wasmView(xPtr, this.rows * this.cols), this.rows, packed.view);
      x = packed.ptr;
    }
    const { gemv } = kernels<OperatorKernels>();
    this.#blocks(s, (a, k0, b) => gemv(0, b, w, this.#scale, a, w, x, 1, 0, outPtr + 8 * k0, 1));
  }

  // out = Σₖ yₖAₖ/√count, accumulated block by block (symmetric: on the upper triangle, then mirrored).
  #adjointPtr(s: ArenaScope, yPtr: number, outPtr: number): void {
    const w = this.#width;
    const packed = this.symmetric ? s.f64(w) : null;
    const target = packed === null ? outPtr : packed.ptr;
    const { gemv } = kernels<OperatorKernels>();
    this.#blocks(s, (a, k0, b) => gemv(1, b, w, this.#scale, a, w, yPtr + 8 * k0, 1, 1, target, 1));
    if (packed !== null) unpackSymmetric(packed.view, 0, this.rows, wasmView(outPtr, this.rows * this.cols));
  }

  // out[k] = ⟨AₖV, U⟩/√count: W viewed as b×(m·r) times vec(U).
  #applyFactoredPtr(s: ArenaScope, uPtr: number, vPtr: number, r: number, outPtr: number): void {
    const { gemv } = kernels<OperatorKernels>();
    const mr = this.rows * r;
    this.#blocksTimesV(s, vPtr, r, (w, k0, b) => gemv(0, b, mr, this.#scale, w, mr, uPtr, 1, 0, outPtr + 8 * k0, 1));
  }

  // out (m×r) = Σₖ yₖ·AₖV/√count: out += Wᵀ·y_block with W viewed as b×(m·r).
  #adjointFactoredPtr(s: ArenaScope, yPtr: number, vPtr: number, r: number, outPtr: number): void {
    const { gemv } = kernels<OperatorKernels>();
    const mr = this.rows * r;
    this.#blocksTimesV(s, vPtr, r, (w, k0, b) => gemv(1, b, mr, this.#scale, w, mr, yPtr + 8 * k0, 1, 1, outPtr, 1));
  }

  // Calls body(W, first measurement, measurements in block) for every block, W = A_block·V the
  // (b·m)×r gemm of the block's full matrices with V (n×r at vPtr).
  #blocksTimesV(s: ArenaScope, vPtr: number, r: number, body: (wPtr: number, k0: number, b: number) => void): void {
    const { rows: m, cols: n } = this;
    const k = kernels<OperatorKernels>();
    const w = s.f64(this.blockSize * m * r);
    const work = s.f64(k.gemmWorkspaceSize(this.blockSize * m, r, n));
    this.#fullBlocks(s, (a, k0, b) => {
      k.gemm(0, 0, b * m, r, n, 1, a, n, vPtr, r, 0, w.ptr, r, work.ptr);
      body(w.ptr, k0, b);
    });
  }

  // Calls body(pointer to block, first measurement, measurements in block) for every block, in
  // order: into the stored matrix, or into a scratch buffer freshly generated from the seed.
  #blocks(s: ArenaScope, body: (aPtr: number, k0: number, b: number) => void): void {
    const w = this.#width;
    const stored = this.#stored;
    const scratch = stored === null ? s.f64(Math.min(this.blockSize, this.count) * w) : null;
    for (let k0 = 0; k0 < this.count; k0 += this.blockSize) {
      const b = Math.min(this.blockSize, this.count - k0);
      if (scratch === null) body((stored as WasmBuffer<"f64">).ptr + 8 * k0 * w, k0, b);
      else {
        this.#fill(scratch.view, 0, k0, b);
        body(scratch.ptr, k0, b);
      }
    }
  }

  // #blocks with every measurement as a full m×n matrix (the factored paths' gemm needs them):
  // symmetric blocks are unpacked into a scratch buffer, in both modes alike.
  #fullBlocks(s: ArenaScope, body: (aPtr: number, k0: number, b: number) => void): void {
    if (!this.symmetric) {
      this.#blocks(s, body);
      return;
    }
    const n = this.rows;
    const w = this.#width;
    const full = s.f64(Math.min(this.blockSize, this.count) * n * n);
    this.#blocks(s, (a, k0, b) => {
      const packed = wasmView(a, b * w);
      const view = full.view;
      for (let k = 0; k < b; k++) unpackSymmetric(packed, k * w, n, view.subarray(k * n * n, (k + 1) * n * n));
      body(full.ptr, k0, b);
    });
  }

  // Writes A_{k0}, …, A_{k0+b−1} one after the other into `out` from `offset` on: row-major m×n,
  // or when symmetric the upper triangle of (Gₖ + Gₖᵀ)/2 row by row (n(n + 1)/2 values).
  #fill(out: Float64Array, offset: number, k0: number, b: number): void {
    const { rows: m, cols: n } = this;
    const w = this.#width;
    for (let k = k0; k < k0 + b; k++) {
      const g = measurementRng(this.seed, k).normalArray(m * n);
      let p = offset + (k - k0) * w;
      if (!this.symmetric) out.set(g, p);
      else {
        for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out[p++] = (g[i * n + j] + g[j * n + i]) / 2;
      }
    }
  }

  #check(): void {
    if (this.#disposed) throw new Error("the Gaussian operator was disposed");
    if (this.#stored !== null && runtime() !== this.#runtime) {
      throw new Error("the stored Gaussian operator lives in another runtime's memory (init() switched builds): create it again");
    }
  }

  #checkArgument(name: string, a: unknown, rows: number, cols: number | undefined): void {
    const x = checkMatrix(name, a);
    if (x.rows !== rows || (cols !== undefined && x.cols !== cols)) {
      const want = cols === undefined ? `${rows} rows` : `a ${rows}×${cols} matrix`;
      throw new RangeError(`invalid ${name}: expected ${want}, got a ${x.rows}×${x.cols} matrix`);
    }
  }

  #checkFactors(U: unknown, V: unknown, n: number, vName: string): number {
    this.#checkArgument("U", U, this.rows, undefined);
    const r = (U as Matrix).cols;
    this.#checkArgument(vName, V, n, r);
    return r;
  }
}

/** A view of `length` f64 at byte address `ptr` of the active runtime's memory (valid until it grows). */
function wasmView(ptr: number, length: number): Float64Array {
  return new Float64Array(runtime().memory.buffer, ptr, length);
}

function resolvePath(options: FactoredOptions): FactoredPath {
  checkOptions("options", options, ["path"]);
  return checkChoice("path", options.path ?? "dense", ["dense", "factored"]);
}

/**
 * A seeded Gaussian measurement operator 𝒜: ℝ^{rows×cols} → ℝ^count with
 * 𝒜(X)ₖ = ⟨Aₖ, X⟩/√count (E[𝒜*𝒜] = I; Recht, Fazel & Parrilo 2010). See {@link GaussianOperator}.
 *
 * Sizes: stored mode takes count·rows·cols·8 bytes of wasm memory (count·n(n + 1)/2·8 when
 * symmetric; at most 1 GiB, i.e. 2²⁷ values; `"auto"` stores up to 256 MiB), generated once here; wasm memory does not
 * shrink after `dispose()`, it is reused. Streaming mode holds one block (about 1 MiB) during an
 * application and regenerates count·rows·cols normals each time.
 *
 * @param shape `[rows, cols]` of the argument X, each ≥ 1 (rows = cols when symmetric).
 * @param count the number of measurements, ≥ 1.
 * @throws TypeError / RangeError for a bad shape, count or option (naming it), before any work.
 */
export function gaussianOperator(
  shape: readonly [number, number],
  count: number,
  options: GaussianOperatorOptions = {},
): GaussianOperator {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new TypeError(`invalid shape: expected [rows, cols], got ${describe(shape)}`);
  }
  const rows = checkInteger("shape[0]", shape[0], 1);
  const cols = checkInteger("shape[1]", shape[1], 1);
  const c = checkInteger("count", count, 1, 2 ** 31 - 1);
  checkOptions("options", options, ["seed", "symmetric", "mode", "blockSize"]);
  const seed = checkInteger("seed", options.seed ?? 1, 0, 0xffffffff);
  const symmetric = checkBoolean("symmetric", options.symmetric ?? false);
  if (symmetric && rows !== cols) {
    throw new RangeError(`invalid shape: a symmetric operator needs rows = cols, got [${rows}, ${cols}]`);
  }
  const mode = checkChoice("mode", options.mode ?? "auto", ["auto", "stored", "streaming"]);
  const mn = rows * cols;
  if (mn > MAX_STORED_VALUES) {
    throw new RangeError(`invalid shape: rows·cols must be at most ${MAX_STORED_VALUES} (one block in wasm memory), got ${mn}`);
  }
  const values = c * storedWidth(rows, cols, symmetric);
  if (mode === "stored" && values > MAX_STORED_VALUES) {
    throw new RangeError(
      `invalid mode: "stored" needs at most ${MAX_STORED_VALUES} stored values (1 GiB), got ${values}; use "streaming"`,
    );
  }
  const blockSize = checkInteger("blockSize", options.blockSize ?? Math.max(1, Math.floor(BLOCK_VALUES / storedWidth(rows, cols, symmetric))), 1);
  if (blockSize * mn > MAX_STORED_VALUES) {
    throw new RangeError(`invalid blockSize: blockSize·rows·cols must be at most ${MAX_STORED_VALUES}, got ${blockSize * mn}`);
  }
  const resolved: OperatorMode = mode === "auto" ? (values <= AUTO_STORED_VALUES ? "stored" : "streaming") : mode;
  return new GaussianOperator(rows, cols, c, seed, symmetric, resolved, blockSize);
}
