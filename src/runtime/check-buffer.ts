// The check every buffer-level function makes on the WasmBuffer handles it is given, before any
// work: the right element kind, not disposed, in the active runtime's memory (a handle from
// another build's runtime would point into a different memory), and of the right length.
import { WasmBuffer, type ElementKind } from "./buffer.js";
import { runtime } from "./init.js";
import { describe } from "../validate.js";

/**
 * Checks that `value` is a live `WasmBuffer` of `kind` in the active runtime, holding exactly
 * `length` elements (or at least `length` when `exact` is false).
 */
export function checkBuffer<K extends ElementKind>(
  name: string,
  value: unknown,
  kind: K,
  length?: number,
  exact = true,
): WasmBuffer<K> {
  if (!(value instanceof WasmBuffer) || value.kind !== kind) {
    const got = value instanceof WasmBuffer ? `a WasmBuffer<"${value.kind}">` : describe(value);
    throw new TypeError(`invalid ${name}: expected a WasmBuffer<"${kind}">, got ${got}`);
  }
  if (value.disposed) throw new RangeError(`invalid ${name}: the buffer at ${value.ptr} was disposed`);
  if (value.view.buffer !== runtime().memory.buffer) {
    throw new RangeError(`invalid ${name}: the buffer belongs to another runtime (init() switched builds)`);
  }
  if (length !== undefined && (exact ? value.length !== length : value.length < length)) {
    throw new RangeError(`invalid ${name}: expected length ${exact ? "" : "≥ "}${length}, got length ${value.length}`);
  }
  return value as WasmBuffer<K>;
}
