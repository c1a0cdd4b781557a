// How a copying call places its f64 operands in wasm memory: an array that is already a view of
// the active runtime's memory (a ResidentMatrix's data, a WasmBuffer's view) is used where it is;
// any other is copied in with one bulk `TypedArray.set`; a result is written straight into a
// resident `out`, or into a scratch buffer copied out with one bulk copy. The copies run at
// memory speed: no per-element JavaScript loop, no zero-filling of buffers about to be
// overwritten. Where each operand lives is taken once, before the call allocates anything: an
// allocation may grow memory, which detaches every view (the addresses stay valid).
import type { ArenaScope } from "./arena.js";
import { runtime } from "./init.js";

/** An array argument and where it lives, taken before any allocation. */
export interface Operand {
  readonly array: Float64Array;
  /** Its byte address in the active runtime's wasm memory, or −1 when it is not a view of it. */
  readonly address: number;
  readonly length: number;
}

/** The operand of `array` (undefined stays undefined). */
export function operand(array: Float64Array): Operand;
export function operand(array: Float64Array | undefined): Operand | undefined;
export function operand(array: Float64Array | undefined): Operand | undefined {
  if (array === undefined) return undefined;
  return { array, address: residentAddress(array), length: array.length };
}

/** The byte address of `array` in the active runtime's wasm memory when it is a view of it, else −1. */
export function residentAddress(array: Float64Array): number {
  return array.buffer === runtime().memory.buffer ? array.byteOffset : -1;
}

/** True when two typed arrays share bytes of one buffer (in wasm memory or not). */
export function sharesMemory(a: Float64Array, b: Float64Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** The f64 lengths of the copies these inputs need (none for a resident one), for `reserve`. */
export function copyLengths(...operands: Operand[]): number[] {
  return operands.filter((o) => o.address < 0).map((o) => o.length);
}

/** The address of an input the kernel only reads: where it is if resident, else a copy made in `s`. */
export function inputAddress(s: ArenaScope, o: Operand): number {
  return o.address >= 0 ? o.address : s.f64From(o.array).ptr;
}

/** Copies operand `o` into wasm memory at byte address `ptr` (o.length f64; overlap allowed). */
export function copyInto(ptr: number, o: Operand): void {
  const memory = runtime().memory.buffer;
  if (o.address === ptr) return;
  if (o.address >= 0) new Uint8Array(memory).copyWithin(ptr, o.address, o.address + 8 * o.length);
  else new Float64Array(memory, ptr, o.length).set(o.array);
}

/** Where a kernel writes a result, and how the caller gets it. */
export interface ResultTarget {
  /** Byte address the kernel writes (`length` f64). */
  readonly ptr: number;
  /** The result: `out`'s array (filled from the scratch unless written in place) or a new array. */
  finish(): Float64Array;
}

/**
 * True when a result for `out` can be written in place: `out` is resident and shares no byte with
 * a resident input (a kernel must not read what it is writing).
 */
export function writesInPlace(out: Operand | undefined, inputs: readonly Operand[]): boolean {
  return out !== undefined && out.address >= 0 && !inputs.some((a) => overlaps(out, a));
}

function overlaps(a: Operand, b: Operand): boolean {
  return a.address >= 0 && b.address >= 0 && a.address < b.address + 8 * b.length && b.address < a.address + 8 * a.length;
}

/** The f64 length of the scratch {@link resultTarget} will allocate: 0 when it writes in place. */
export function resultScratchLength(out: Operand | undefined, length: number, inputs: readonly Operand[]): number {
  return writesInPlace(out, inputs) ? 0 : length;
}

/**
 * The target of a result of `length` f64: `out`'s own memory when {@link writesInPlace}, else a
 * scratch buffer from `s` (not zero-filled: the kernel must write all of it) whose contents
 * `finish` copies into `out`, or into a new array when `out` is undefined.
 */
export function resultTarget(s: ArenaScope, out: Operand | undefined, length: number, inputs: readonly Operand[]): ResultTarget {
  if (out !== undefined && writesInPlace(out, inputs)) return { ptr: out.address, finish: () => out.array };
  const scratch = s.f64Uninitialized(length);
  return { ptr: scratch.ptr, finish: () => copyOut(scratch.view, out?.array) };
}

/** `view` copied into `out` (same length), or into a new array. */
export function copyOut(view: Float64Array, out?: Float64Array): Float64Array {
  const result = out ?? new Float64Array(view.length);
  result.set(view);
  return result;
}
