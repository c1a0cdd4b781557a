// Handle checks shared by the resident (wasm-buffer) FFT and convolution wrappers.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkInteger, describe } from "../../validate.js";
import { checkLength } from "./check.js";

/** A live f64 buffer of the active runtime with at least one element; returns its length. */
export function checkSignalBuffer(name: string, value: unknown): number {
  const b = checkBuffer(name, value, "f64");
  if (b.length === 0) throw new RangeError(`invalid ${name}: expected length ≥ 1, got length 0`);
  return b.length;
}

/** Two distinct buffers (the real transforms and the convolutions read one while writing the other). */
export function checkDistinct(out: WasmBuffer<"f64">, inp: WasmBuffer<"f64">, inName: string): void {
  if (out === inp || out.ptr === inp.ptr) {
    throw new RangeError(`invalid out: must be a different buffer from ${inName} (this operation is not in place)`);
  }
}

/** A shape [rows, cols] of integers ≥ 1 whose product is at most the largest transform length. */
export function checkShape(name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new TypeError(`invalid ${name}: expected [rows, cols], got ${describe(value)}`);
  }
  const rows = checkInteger(`${name}[0]`, value[0], 1);
  const cols = checkInteger(`${name}[1]`, value[1], 1);
  checkLength(name, rows * cols);
  return [rows, cols];
}
