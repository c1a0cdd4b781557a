// A handle to one block of wasm memory. The typed-array view is re-created whenever
// `memory.buffer` changed, because `memory.grow` detaches every view of the old buffer.
import { disposeSymbol } from "./disposable.js";

/** Element types a buffer can hold. */
export type ElementKind = "f64" | "i32";

type ViewOf<K extends ElementKind> = K extends "f64" ? Float64Array : Int32Array;

/** The allocator side a buffer talks to (implemented by `Arena`). */
export interface BufferOwner {
  readonly memory: WebAssembly.Memory;
  release(ptr: number): void;
}

/**
 * A handle to one block of wasm memory (f64, f32 or i32 elements): its pointer, length and a
 * typed-array `view` re-created after memory growth; `dispose()` (or `[Symbol.dispose]`) returns
 * the block to its arena.
 */
export class WasmBuffer<K extends ElementKind = ElementKind> {
  /** Byte address in wasm memory, a multiple of 64. */
  readonly ptr: number;
  /** Number of elements. */
  readonly length: number;
  readonly kind: K;
  #owner: BufferOwner | null;
  #view: ViewOf<K> | null = null;

  constructor(owner: BufferOwner, kind: K, ptr: number, length: number) {
    this.#owner = owner;
    this.kind = kind;
    this.ptr = ptr;
    this.length = length;
  }

  /** A view of the block, valid until the next wasm memory growth; re-read it after allocating. */
  get view(): ViewOf<K> {
    const owner = this.#owner;
    if (owner === null) throw new Error(`buffer at ${this.ptr} was disposed`);
    const memoryBuffer = owner.memory.buffer;
    if (this.#view === null || this.#view.buffer !== memoryBuffer) {
      this.#view = (
        this.kind === "f64"
          ? new Float64Array(memoryBuffer, this.ptr, this.length)
          : new Int32Array(memoryBuffer, this.ptr, this.length)
      ) as ViewOf<K>;
    }
    return this.#view;
  }

  get disposed(): boolean {
    return this.#owner === null;
  }

  /** Copies `source` into the buffer (lengths must match) and returns the buffer. */
  set(source: ArrayLike<number>): this {
    if (source.length !== this.length) {
      throw new RangeError(`buffer length ${this.length} does not match source length ${source.length}`);
    }
    this.view.set(source);
    return this;
  }

  /** A copy of the contents outside wasm memory. */
  toArray(): ViewOf<K> {
    return this.view.slice() as ViewOf<K>;
  }

  /** Returns the block to the arena. Disposing twice is a no-op. */
  dispose(): void {
    const owner = this.#owner;
    if (owner === null) return;
    this.#owner = null;
    this.#view = null;
    owner.release(this.ptr);
  }

  [disposeSymbol](): void {
    this.dispose();
  }
}
