// The arena owns the wasm heap above the module's static data. Blocks are 64-byte aligned
// (a cache line, and enough for v128 loads), zero-filled on allocation, and kept on an
// address-ordered free list that merges neighbours on release (best fit on allocation).
// Memory grows by whole wasm pages when no free block fits, never beyond the cap `maxMemory`.
// wasm memory cannot shrink, so a call that allocates several buffers first `reserve`s them all:
// the allocations are simulated on the free list, and memory grows once, all or nothing, before
// any of them is made; a call that cannot fit is refused without growing memory.
import { WasmBuffer, type BufferOwner, type ElementKind } from "./buffer.js";
import { ResidentMatrix } from "./resident-matrix.js";
import { checkInteger } from "../validate.js";

const ALIGN = 64;
const PAGE = 65536;
const BYTES: Record<ElementKind, number> = { f64: 8, i32: 4 };

/** The most wasm32 memory can hold: 65536 pages of 64 KiB, 4 GiB. The default `maxMemory`. */
export const MAX_WASM_MEMORY = 65536 * PAGE;

/** The smallest `maxMemory`: one page. */
export const MIN_MAX_MEMORY = PAGE;

/** Element counts of the buffers a call is about to allocate, by kind (see `Arena.reserve`). */
export interface BufferCounts {
  f64?: readonly number[];
  i32?: readonly number[];
}

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
  /**
   * Bytes that can be allocated without growing memory: the free blocks plus the untouched space
   * above the last block (one buffer fits without growth only if a single free region holds it).
   */
  freeBytes: number;
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
  #maxPages = MAX_WASM_MEMORY / PAGE;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.base = roundUp(base, ALIGN);
    this.#top = this.base;
  }

  /**
   * The cap on the size of wasm memory in bytes, a whole number of 64 KiB pages (a value set
   * between two multiples is rounded down). Allocations that would grow memory beyond it are
   * refused with a RangeError naming the bytes requested and the cap; nothing is allocated then.
   * A cap below the current size stops further growth (memory never shrinks). `init({ maxMemory })`
   * sets it on the active runtime.
   * @defaultValue 4294967296 (4 GiB, all that wasm32 can address; an engine may refuse earlier,
   * which is reported the same way, also without growing)
   */
  get maxMemory(): number {
    return this.#maxPages * PAGE;
  }

  set maxMemory(bytes: number) {
    this.#maxPages = Math.floor(checkInteger("maxMemory", bytes, MIN_MAX_MEMORY, MAX_WASM_MEMORY) / PAGE);
  }

  /**
   * Makes sure buffers of these lengths can be allocated next, in this order (f64 first, then
   * i32), without growing memory again: it simulates their allocation on the free list and grows
   * memory once, all or nothing, to what they need. If they cannot fit under `maxMemory`, or the
   * engine refuses to grow, it throws a RangeError naming the bytes and the cap and leaves memory
   * as it was. Copying wrappers call it before their first allocation, so a call too large for
   * memory fails before it grows memory it would not use.
   */
  reserve(buffers: BufferCounts): void {
    const sizes = [
      ...(buffers.f64 ?? []).map((length) => blockSize(checkLength(length) * BYTES.f64)),
      ...(buffers.i32 ?? []).map((length) => blockSize(checkLength(length) * BYTES.i32)),
    ];
    const free = this.#free.map((block) => ({ ...block }));
    let top = this.#top;
    for (const size of sizes) {
      const best = bestFit(free, size);
      if (best < 0) top += size;
      else if (free[best].size === size) free.splice(best, 1);
      else free[best].size -= size;
    }
    const requested = sizes.reduce((sum, size) => sum + size, 0);
    this.#growTo(top, `${requested} bytes in ${sizes.length} buffers`);
  }

  /** A zero-filled buffer of `length` f64 values. */
  f64(length: number): WasmBuffer<"f64"> {
    return new WasmBuffer(this, "f64", this.#alloc(checkLength(length) * BYTES.f64, true), length);
  }

  /**
   * A buffer of `length` f64 values that is not zero-filled: it holds whatever that memory held
   * before (the data of freed buffers). For buffers the caller overwrites whole before reading
   * them, such as a kernel's output or a copy's destination; it saves one pass over memory.
   */
  f64Uninitialized(length: number): WasmBuffer<"f64"> {
    return new WasmBuffer(this, "f64", this.#alloc(checkLength(length) * BYTES.f64, false), length);
  }

  /** A zero-filled buffer of `length` i32 values. */
  i32(length: number): WasmBuffer<"i32"> {
    return new WasmBuffer(this, "i32", this.#alloc(checkLength(length) * BYTES.i32, true), length);
  }

  /** A buffer holding a copy of `source` (one bulk copy; no zero-filling first). */
  f64From(source: ArrayLike<number>): WasmBuffer<"f64"> {
    return this.f64Uninitialized(source.length).set(source);
  }

  /** A buffer holding a copy of `source` (one bulk copy; no zero-filling first). */
  i32From(source: ArrayLike<number>): WasmBuffer<"i32"> {
    const length = checkLength(source.length);
    return new WasmBuffer(this, "i32", this.#alloc(length * BYTES.i32, false), length).set(source);
  }

  /**
   * A zero-filled rows×cols matrix whose data lives in wasm memory (see {@link ResidentMatrix}):
   * the copying calls read and write it in place, and the `…Buffer` calls take it as it is.
   * Dispose it when done.
   */
  matrix(rows: number, cols: number): ResidentMatrix {
    checkInteger("rows", rows);
    checkInteger("cols", cols);
    return new ResidentMatrix(this.f64(rows * cols), rows, cols);
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
      freeBytes: this.#free.reduce((sum, block) => sum + block.size, this.memory.buffer.byteLength - this.#top),
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

  #alloc(bytes: number, zero: boolean): number {
    const size = blockSize(bytes);
    const ptr = this.#takeFree(size) ?? this.#takeTop(size);
    if (zero) new Uint8Array(this.memory.buffer, ptr, size).fill(0);
    this.#live.set(ptr, size);
    this.#bytesLive += size;
    if (this.#bytesLive > this.#peakBytes) this.#peakBytes = this.#bytesLive;
    return ptr;
  }

  #takeFree(size: number): number | null {
    const best = bestFit(this.#free, size);
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
    this.#growTo(ptr + size, `${size} bytes`);
    this.#top = ptr + size;
    return ptr;
  }

  /** Grows memory (once) so that it holds `end` bytes, within the cap; `what` names the request. */
  #growTo(end: number, what: string): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil(end / PAGE);
    if (pages > this.#maxPages) {
      throw new RangeError(
        `wasm memory cap: allocating ${what} would grow wasm memory to ${pages * PAGE} bytes, above ` +
          `maxMemory = ${this.maxMemory} bytes (${this.#bytesLive} bytes live; see init({ maxMemory }))`,
      );
    }
    try {
      this.memory.grow(pages - have / PAGE);
    } catch (error) {
      throw new RangeError(
        `wasm memory: the engine refused to grow wasm memory from ${have} to ${pages * PAGE} bytes ` +
          `to allocate ${what} (maxMemory = ${this.maxMemory} bytes): ${(error as Error).message}`,
      );
    }
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

  f64Uninitialized(length: number): WasmBuffer<"f64"> {
    return this.#track(this.#arena.f64Uninitialized(length));
  }

  f64From(source: ArrayLike<number>): WasmBuffer<"f64"> {
    return this.#track(this.#arena.f64From(source));
  }

  i32From(source: ArrayLike<number>): WasmBuffer<"i32"> {
    return this.#track(this.#arena.i32From(source));
  }

  /** {@link Arena.reserve} on the scope's arena: call it before the scope's first allocation. */
  reserve(buffers: BufferCounts): void {
    this.#arena.reserve(buffers);
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

/** The size of the block that holds `bytes`: a multiple of 64, at least 64. */
function blockSize(bytes: number): number {
  return Math.max(ALIGN, roundUp(bytes, ALIGN));
}

/** The index of the smallest free block of at least `size` bytes, or −1. */
function bestFit(free: readonly FreeBlock[], size: number): number {
  let best = -1;
  for (let i = 0; i < free.length; i++) {
    if (free[i].size >= size && (best < 0 || free[i].size < free[best].size)) best = i;
  }
  return best;
}

function checkLength(length: number): number {
  if (!Number.isInteger(length) || length < 0) {
    throw new RangeError(`invalid buffer length: expected an integer ≥ 0, got ${length}`);
  }
  return length;
}
