// ResidentData: a problem's constant matrices (and its scratch) kept in wasm memory during a solve.
import type { Arena } from "../runtime/arena.js";
import type { Matrix } from "../matrix.js";
import { WasmBuffer } from "../runtime/buffer.js";
import { kernels, runtime } from "../runtime/init.js";

/** The wasm buffers of a {@link ResidentData}: one per constant and one per scratch array. */
export type ResidentBuffers<K extends string> = Readonly<Record<K, WasmBuffer<"f64">>>;

/**
 * A problem's constant matrices (and the scratch arrays its evaluations need), held in wasm memory
 * while the problem is retained, so that its products need not copy an n×n matrix in on every call.
 *
 * Reference-counted: {@link retain} returns a release function (idempotent); while the count is
 * positive, {@link buffers} returns the buffers in the ACTIVE runtime's arena, uploaded on first use
 * and uploaded again (the old ones freed) when `init({ binary })` has switched runtimes since — a
 * pointer is never used in another runtime's memory. When the count drops to 0 the buffers are
 * freed and {@link buffers} returns null: the problem then evaluates through the copying wrappers,
 * so a problem used outside a solve holds no wasm memory.
 *
 * Each scratch array remembers the point whose intermediate it holds ({@link ensure}), compared by
 * value, so that the cost and the gradient at one point share one residual. That memory is cleared
 * whenever the buffers are (re)allocated or freed.
 */
export class ResidentData<K extends string> {
  readonly #constants: Readonly<Record<string, Float64Array>>;
  readonly #scratch: Readonly<Record<string, number>>;
  #count = 0;
  #arena: Arena | null = null;
  #buffers: Record<string, WasmBuffer<"f64">> | null = null;
  #tags = new Map<string, Float64Array>();

  /**
   * @param constants the constant arrays, by name (kept by reference: the caller must not modify them).
   * @param scratch the lengths of the scratch arrays, by name (zero-filled on allocation).
   */
  constructor(constants: Readonly<Record<string, Float64Array>>, scratch: Readonly<Record<string, number>> = {}) {
    this.#constants = constants;
    this.#scratch = scratch;
  }

  /** Whether the data is retained (buffers would be returned). */
  get retained(): boolean {
    return this.#count > 0;
  }

  /** Keeps the data in wasm memory until the returned function is called (calling it again is a no-op). */
  retain(): () => void {
    this.#count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#count === 0) this.#free();
    };
  }

  /**
   * The buffers in the active runtime's arena while retained (uploading them if needed), else null.
   * Their pointers are valid until the next call of `buffers()` or the last release.
   */
  buffers(): ResidentBuffers<K> | null {
    if (this.#count === 0) return null;
    const arena = runtime().arena;
    if (this.#buffers !== null && this.#arena === arena) return this.#buffers as ResidentBuffers<K>;
    this.#free();
    const buffers: Record<string, WasmBuffer<"f64">> = {};
    try {
      for (const [name, data] of Object.entries(this.#constants)) buffers[name] = arena.f64From(data);
      for (const [name, length] of Object.entries(this.#scratch)) buffers[name] = arena.f64(length);
    } catch (error) {
      for (const buffer of Object.values(buffers)) buffer.dispose();
      throw error;
    }
    this.#buffers = buffers;
    this.#arena = arena;
    return buffers as ResidentBuffers<K>;
  }

  /**
   * Makes scratch `name` hold the intermediate at the point with entries `x`: runs `compute` (which
   * fills it) unless the scratch already holds it for a point with exactly these entries (same bits).
   */
  ensure(name: K, x: Float64Array, compute: () => void): void {
    const t = this.#tags.get(name);
    if (t !== undefined && sameEntries(t, x)) return;
    this.#tags.delete(name);
    compute();
    this.#tags.set(name, x.slice());
  }

  #free(): void {
    this.#tags.clear();
    if (this.#buffers === null) return;
    for (const buffer of Object.values(this.#buffers)) buffer.dispose();
    this.#buffers = null;
    this.#arena = null;
  }
}

function sameEntries(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** The pointer-level BLAS kernels the problems call on resident data (signatures as src/kernels/blas). */
export interface ResidentKernels {
  copy(n: number, x: number, incx: number, y: number, incy: number): void;
  dot(n: number, x: number, incx: number, y: number, incy: number): number;
  gemv(
    trans: number, m: number, n: number, alpha: number, a: number, lda: number,
    x: number, incx: number, beta: number, y: number, incy: number,
  ): void;
  ger(m: number, n: number, alpha: number, x: number, incx: number, y: number, incy: number, a: number, lda: number): void;
  gemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  gemmWorkspaceSize(m: number, n: number, k: number): number;
}

/**
 * alpha·op(A)·X into a new m×n matrix: op(A) is m×k, read from the resident row-major buffer A
 * (A itself, or Aᵀ when `transA`, A then k×m); X is k×n, copied in unless already a wasm buffer.
 * The caller has checked X's shape.
 */
export function residentProduct(
  transA: boolean, A: WasmBuffer<"f64">, m: number, k: number, alpha: number, X: Matrix | WasmBuffer<"f64">, n: number,
): Matrix {
  const kern = kernels<ResidentKernels>();
  return runtime().arena.scope((s) => {
    const xb = X instanceof WasmBuffer ? X : s.f64From(X.data);
    const out = s.f64(m * n);
    const work = s.f64(kern.gemmWorkspaceSize(m, n, k));
    kern.gemm(transA ? 1 : 0, 0, m, n, k, alpha, A.ptr, transA ? m : k, xb.ptr, n, 0, out.ptr, n, work.ptr);
    return { rows: m, cols: n, data: out.toArray() };
  });
}
