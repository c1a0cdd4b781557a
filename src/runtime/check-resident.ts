// The check every `…Buffer` call makes on a ResidentMatrix operand before any work: a live
// resident matrix of the active runtime, of the expected shape when one is given.
import type { WasmBuffer } from "./buffer.js";
import { ResidentMatrix } from "./resident-matrix.js";
import { runtime } from "./init.js";
import { describe } from "../validate.js";

/** Checks that `value` is a live {@link ResidentMatrix} of the active runtime (rows×cols when given). */
export function checkResidentMatrix(name: string, value: unknown, rows?: number, cols?: number): ResidentMatrix {
  if (!(value instanceof ResidentMatrix)) {
    throw new TypeError(`invalid ${name}: expected a ResidentMatrix (arena.matrix, toResident), got ${describe(value)}`);
  }
  if (value.disposed) throw new RangeError(`invalid ${name}: the resident matrix at ${value.buffer.ptr} was disposed`);
  if (value.buffer.view.buffer !== runtime().memory.buffer) {
    throw new RangeError(`invalid ${name}: the resident matrix belongs to another runtime (init() switched builds)`);
  }
  if (rows !== undefined && cols !== undefined && (value.rows !== rows || value.cols !== cols)) {
    throw new RangeError(`invalid ${name}: expected a ${rows}×${cols} matrix, got a ${value.rows}×${value.cols} matrix`);
  }
  return value;
}

/** Rejects `out` sharing memory with an operand the kernel reads while writing `out`. */
export function checkNoOverlap(outName: string, out: WasmBuffer<"f64">, name: string, other: WasmBuffer<"f64">): void {
  if (out.ptr < other.ptr + 8 * other.length && other.ptr < out.ptr + 8 * out.length) {
    throw new RangeError(`invalid ${outName}: must not share memory with ${name} (the product reads ${name} while writing ${outName})`);
  }
}
