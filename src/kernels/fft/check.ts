// Argument checks specific to the FFT wrappers (the generic ones are in src/validate.ts).
import { checkVector } from "../../validate.js";

/** A non-empty Float64Array, optionally of an exact length. */
export function checkSignal(name: string, value: unknown, length?: number): Float64Array {
  const v = checkVector(name, value, length);
  if (v.length === 0) throw new RangeError(`invalid ${name}: expected length ≥ 1, got length 0`);
  return v;
}

/** Largest transform length accepted: plans and buffers must fit in 32-bit wasm memory. */
export const MAX_FFT_LENGTH = 1 << 24;

export function checkLength(name: string, length: number): void {
  if (length > MAX_FFT_LENGTH) {
    throw new RangeError(`invalid ${name}: length ${length} exceeds the largest supported ${MAX_FFT_LENGTH}`);
  }
}
