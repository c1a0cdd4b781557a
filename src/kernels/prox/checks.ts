// Argument checks specific to the prox wrappers (thresholds, bounds, `out` options and
// wasm buffer handles); each throws before any work with the argument named.
import { checkFinite, checkOptions, checkVector, describe } from "../../validate.js";

/** A scalar threshold: a finite number ≥ 0 (−0 allowed). */
export function checkThreshold(name: string, value: unknown): number {
  return checkFinite(name, value, 0);
}

/** A per-entry threshold array: a Float64Array of `length` finite entries ≥ 0. */
export function checkThresholdArray(name: string, value: Float64Array, length: number): Float64Array {
  checkVector(name, value, length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (!(v >= 0 && v - v === 0)) throw invalidThresholdEntry(name, i, v);
  }
  return value;
}

export function invalidThresholdEntry(name: string, index: number, value: number): RangeError {
  return new RangeError(`invalid ${name}: entry ${index} is ${describe(value)}; expected a finite number ≥ 0`);
}

/** A box bound: any number but NaN (±Infinity allowed). */
export function checkBound(name: string, value: unknown): number {
  if (typeof value !== "number") {
    throw new TypeError(`invalid ${name}: expected a number, got ${describe(value)}`);
  }
  if (Number.isNaN(value)) throw new RangeError(`invalid ${name}: expected a number (±Infinity allowed), got NaN`);
  return value;
}

/** Options `{ out?: Float64Array }` of a vector function; returns `out` checked against `length`. */
export function checkVectorOut(options: unknown, length: number): Float64Array | undefined {
  checkOptions("options", options, ["out"]);
  const out = (options as { out?: unknown } | undefined)?.out;
  return out === undefined ? undefined : checkVector("out", out, length);
}

