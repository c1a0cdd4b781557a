// How a copying call places its f64 operands in wasm memory: an array that is already a view of
// the active runtime's memory (a ResidentMatrix's data, a WasmBuffer's view) is used where it is;
// any other is copied in with one bulk `TypedArray.set`; a result is written straight into a
// resident `out`, or into a scratch buffer copied out with one bulk copy. The copies run at
// memory speed: no per-element JavaScript loop, no zero-filling of buffers about to be
// overwritten.
import type { ArenaScope } from "./arena.js";
import { runtime } from "./init.js";

/**
 * The byte address of `array` in the active runtime's wasm memory when it is a view of that
 * memory, else −1.
 */
export function residentAddress(array: Float64Array): number {
  return array.buffer === runtime().memory.buffer ? array.byteOffset : -1;
}

/** True when two arrays are views of the active runtime's memory whose bytes intersect. */
export function overlapsResident(a: Float64Array, b: Float64Array): boolean {
  const pa = residentAddress(a);
  const pb = residentAddress(b);
  return pa >= 0 && pb >= 0 && pa < pb + b.byteLength && pb < pa + a.byteLength;
}

/** True when two typed arrays share bytes of one buffer (in wasm memory or not). */
export function sharesMemory(a: Float64Array, b: Float64Array): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** The f64 lengths of the copies these inputs need (none for a resident one), for `reserve`. */
export function copyLengths(...arrays: Float64Array[]): number[] {
  return arrays.filter((a) => residentAddress(a) < 0).map((a) => a.length);
}

/** The address of an input the kernel only reads: where it is if resident, else a copy made in `s`. */
export function inputAddress(s: ArenaScope, array: Float64Array): number {
  const p = residentAddress(array);
  return p >= 0 ? p : s.f64From(array).ptr;
}

/** Where a kernel writes a result, and how the caller gets it. */
export interface ResultTarget {
  /** Byte address the kernel writes (`length` f64). */
  readonly ptr: number;
  /** True when the kernel writes `out`'s own memory (nothing to copy out). */
  readonly inPlace: boolean;
  /** The result: `out` (filled from the scratch unless in place) or a new array. */
  finish(): Float64Array;
}

/**
 * True when a result of `out` can be written in place: `out` is resident and shares no byte with
 * a resident input (a kernel must not read what it is writing).
 */
export function writesInPlace(out: Float64Array | undefined, inputs: readonly Float64Array[]): boolean {
  return out !== undefined && residentAddress(out) >= 0 && !inputs.some((a) => overlapsResident(out, a));
}

/** The f64 length of the scratch {@link resultTarget} will allocate: 0 when it writes in place. */
export function resultScratchLength(out: Float64Array | undefined, length: number, inputs: readonly Float64Array[]): number {
  return writesInPlace(out, inputs) ? 0 : length;
}

/**
 * The target of a result of `length` f64: `out`'s own memory when {@link writesInPlace}, else a
 * scratch buffer from `s` (not zero-filled: the kernel must write all of it) whose contents
 * `finish` copies into `out`, or into a new array when `out` is undefined.
 */
export function resultTarget(
  s: ArenaScope, out: Float64Array | undefined, length: number, inputs: readonly Float64Array[],
): ResultTarget {
  if (writesInPlace(out, inputs)) {
    const ptr = residentAddress(out as Float64Array);
    return { ptr, inPlace: true, finish: () => out as Float64Array };
  }
  const scratch = s.f64Uninitialized(length);
  return { ptr: scratch.ptr, inPlace: false, finish: () => copyOut(scratch.view, out) };
}

/** `view` copied into `out` (same length), or into a new array. */
export function copyOut(view: Float64Array, out?: Float64Array): Float64Array {
  const result = out ?? new Float64Array(view.length);
  result.set(view);
  return result;
}

/** Copies `source` (resident or not) into wasm memory at byte address `ptr` (`source.length` f64). */
export function copyInto(ptr: number, source: Float64Array): void {
  const memory = runtime().memory.buffer;
  const from = residentAddress(source);
  if (from === ptr) return;
  if (from >= 0) new Uint8Array(memory).copyWithin(ptr, from, from + source.byteLength);
  else new Float64Array(memory, ptr, source.length).set(source);
}
