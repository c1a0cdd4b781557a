// The arena owns the wasm heap above the module's static data. Blocks are 64-byte aligned
// (a cache line, and enough for v128 loads), zero-filled on allocation, and kept on an
// address-ordered free list that merges neighbours on release (best fit on allocation).
// Memory grows by whole wasm pages when no free block fits.
import { WasmBuffer, type BufferOwner, type ElementKind } from "./buffer.js";

const ALIGN = 64;
const PAGE = 65536;
const BYTES: Record<ElementKind, number> = { f64: 8, i32: 4 };

/** Arena statistics, for leak tests and memory reports. */
export interface ArenaStats {
  /** Bytes in blocks not yet disposed (rounded up to the 64-byte block size). */
  bytesLive: number;
  /** The largest `bytesLive` seen since the arena was made or `resetPeak()` was called. */
  peakBytes: number;
  /** Number of live blocks. */
  buffersLive: number;
  /** Current size of wasm memory in bytes. */
  memoryBytes: number;
}

interface FreeBlock {
  ptr: number;
  size: number;
}

/**
 * Owns the wasm memory of one runtime: hands out 64-byte-aligned, zero-filled buffers (best-fit
 * free list with coalescing), grows the memory when needed, and keeps statistics for leak checks.
 * Get the active one from `runtime().arena`.
 */
export class Arena implements BufferOwner {
  readonly memory: WebAssembly.Memory;
  readonly base: number;
  #top: number;
  #free: FreeBlock[] = [];
  #live = new Map<number, number>();
  #bytesLive = 0;
  #peakBytes = 0;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.base = roundUp(base, ALIGN);
    this.#top = this.base;
  }

  /** A zero-filled buffer of `length` f64 values. */
  f64(length: number): WasmBuffer<"f64"> {
    return new WasmBuffer(this, "f64", this.#alloc(checkLength(length) * BYTES.f64), length);
  }

  /** A zero-filled buffer of `length` i32 values. */
  i32(length: number): WasmBuffer<"i32"> {
    return new WasmBuffer(this, "i32", this.#alloc(checkLength(length) * BYTES.i32), length);
  }

  /** A buffer holding a copy of `source`. */
  f64From(source: ArrayLike<number>): WasmBuffer<"f64"> {
    return this.f64(source.length).set(source);
  }

  /** A buffer holding a copy of `source`. */
  i32From(source: ArrayLike<number>): WasmBuffer<"i32"> {
    return this.i32(source.length).set(source);
  }

  /**
   * Runs `body` with a scope that tracks the buffers it allocates and disposes all of them
   * when `body` returns or throws. Copy results out inside `body`.
   */
  scope<T>(body: (scope: ArenaScope) => T): T {
    const scope = new ArenaScope(this);
    try {
      return body(scope);
    } finally {
      scope.disposeAll();
    }
  }

  stats(): ArenaStats {
    return {
      bytesLive: this.#bytesLive,
      peakBytes: this.#peakBytes,
      buffersLive: this.#live.size,
      memoryBytes: this.memory.buffer.byteLength,
    };
  }

  resetPeak(): void {
    this.#peakBytes = this.#bytesLive;
  }

  release(ptr: number): void {
    const size = this.#live.get(ptr);
    if (size === undefined) throw new Error(`arena: no live block at ${ptr}`);
    this.#live.delete(ptr);
    this.#bytesLive -= size;
    this.#insertFree(ptr, size);
  }

  #alloc(bytes: number): number {
    const size = Math.max(ALIGN, roundUp(bytes, ALIGN));
    const ptr = this.#takeFree(size) ?? this.#takeTop(size);
    new Uint8Array(this.memory.buffer, ptr, size).fill(0);
    this.#live.set(ptr, size);
    this.#bytesLive += size;
    if (this.#bytesLive > this.#peakBytes) this.#peakBytes = this.#bytesLive;
    return ptr;
  }

  #takeFree(size: number): number | null {
    let best = -1;
    for (let i = 0; i < this.#free.length; i++) {
      const block = this.#free[i];
      if (block.size >= size && (best < 0 || block.size < this.#free[best].size)) best = i;
    }
    if (best < 0) return null;
    const block = this.#free[best];
    const ptr = block.ptr;
    if (block.size === size) this.#free.splice(best, 1);
    else {
      block.ptr += size;
      block.size -= size;
    }
    return ptr;
  }

  #takeTop(size: number): number {
    const ptr = this.#top;
    const end = ptr + size;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch {
        throw new RangeError(`wasm memory cannot grow by ${pages} pages to hold ${size} more bytes`);
      }
    }
    this.#top = end;
    return ptr;
  }

  #insertFree(ptr: number, size: number): void {
    const free = this.#free;
    let i = 0;
    while (i < free.length && free[i].ptr < ptr) i++;
    free.splice(i, 0, { ptr, size });
    // Merge with the following and the preceding block where they touch.
    if (i + 1 < free.length && free[i].ptr + free[i].size === free[i + 1].ptr) {
      free[i].size += free[i + 1].size;
      free.splice(i + 1, 1);
    }
    if (i > 0 && free[i - 1].ptr + free[i - 1].size === free[i].ptr) {
      free[i - 1].size += free[i].size;
      free.splice(i, 1);
      i--;
    }
    // A free block that ends at the top goes back to the untouched region.
    const last = free[free.length - 1];
    if (last.ptr + last.size === this.#top) {
      this.#top = last.ptr;
      free.pop();
    }
  }
}

/** Buffers allocated through a scope are disposed together when the scope ends. */
export class ArenaScope {
  readonly #arena: Arena;
  readonly #buffers: WasmBuffer[] = [];

  constructor(arena: Arena) {
    this.#arena = arena;
  }

  f64(length: number): WasmBuffer<"f64"> {
    return this.#track(this.#arena.f64(length));
  }

  i32(length: number): WasmBuffer<"i32"> {
    return this.#track(this.#arena.i32(length));
  }

  f64From(source: ArrayLike<number>): WasmBuffer<"f64"> {
    return this.#track(this.#arena.f64From(source));
  }

  i32From(source: ArrayLike<number>): WasmBuffer<"i32"> {
    return this.#track(this.#arena.i32From(source));
  }

  disposeAll(): void {
    for (const buffer of this.#buffers) buffer.dispose();
    this.#buffers.length = 0;
  }

  #track<K extends ElementKind>(buffer: WasmBuffer<K>): WasmBuffer<K> {
    this.#buffers.push(buffer);
    return buffer;
  }
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

function checkLength(length: number): number {
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`invalid buffer length: expected an integer ≥ 0, got ${length}`);
  }
  return length;
}
