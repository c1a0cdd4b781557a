// Argument checks shared by every public function. Each throws before any work starts, with
// a message that names the argument and shows the value it got.
import type { Matrix } from "./matrix.js";

/** A short, printable description of any value, for error messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (ArrayBuffer.isView(value)) {
    return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  }
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (typeof value === "function") return "a function";
  if (typeof value === "object") {
    const m = value as Partial<Matrix>;
    if (typeof m.rows === "number" && typeof m.cols === "number") return `a ${m.rows}×${m.cols} matrix`;
    return "an object";
  }
  return String(value);
}

/**
 * A new zero-filled Float64Array of `length` entries. A length this engine cannot allocate is a
 * RangeError naming `name` (`what` describes the size, e.g. "a 1000×1000 matrix has 1000000
 * entries") instead of the engine's own "Invalid typed array length".
 */
export function newFloat64Array(name: string, length: number, what = `${length} entries`): Float64Array {
  try {
    return new Float64Array(length);
  } catch (error) {
    throw new RangeError(
      `invalid ${name}: ${what} (${8 * length} bytes), more than this engine can allocate as a ` +
        `Float64Array (${(error as Error).message})`,
    );
  }
}

/** Rejects any key of `options` not in `allowed`; also rejects a non-object. */
export function checkOptions(name: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`invalid ${name}: expected an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`unknown option ${key} in ${name}: expected one of ${allowed.join(", ")}`);
    }
  }
}

/** An integer in [min, max]. */
export function checkInteger(name: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`invalid ${name}: expected an integer, got ${describe(value)}`);
  }
  if (value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`invalid ${name}: expected an integer ${range}, got ${value}`);
  }
  return value;
}

/** A finite number, optionally bounded below (inclusive). */
export function checkFinite(name: string, value: unknown, min = -Infinity): number {
  if (typeof value !== "number") {
    throw new TypeError(`invalid ${name}: expected a finite number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value) || value < min) {
    const bound = min === -Infinity ? "" : ` ≥ ${min}`;
    throw new RangeError(`invalid ${name}: expected a finite number${bound}, got ${describe(value)}`);
  }
  return value;
}

export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new TypeError(`invalid ${name}: expected a boolean, got ${describe(value)}`);
  }
  return value;
}

/** One of a fixed set of strings. */
export function checkChoice<T extends string>(name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    const list = choices.map((c) => JSON.stringify(c)).join(", ");
    throw new TypeError(`invalid ${name}: expected one of ${list}, got ${describe(value)}`);
  }
  return value as T;
}

/** A Float64Array, optionally of an exact length. */
export function checkVector(name: string, value: unknown, length?: number): Float64Array {
  if (!(value instanceof Float64Array)) {
    throw new TypeError(`invalid ${name}: expected a Float64Array, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`invalid ${name}: expected length ${length}, got length ${value.length}`);
  }
  return value;
}

/** An Int32Array, optionally of an exact length. */
export function checkIndexArray(name: string, value: unknown, length?: number): Int32Array {
  if (!(value instanceof Int32Array)) {
    throw new TypeError(`invalid ${name}: expected an Int32Array, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`invalid ${name}: expected length ${length}, got length ${value.length}`);
  }
  return value;
}

/** A well-formed Matrix: integer rows, cols ≥ 0 and a Float64Array of rows·cols values. */
export function checkMatrix(name: string, value: unknown): Matrix {
  const m = value as Partial<Matrix> | null;
  if (m !== null && typeof m === "object") {
    // A resident matrix's data is a getter, which throws once its memory was disposed.
    try {
      void m.data;
    } catch (error) {
      throw new RangeError(`invalid ${name}: ${(error as Error).message}`);
    }
  }
  if (
    m === null ||
    typeof m !== "object" ||
    !Number.isInteger(m.rows) ||
    !Number.isInteger(m.cols) ||
    (m.rows as number) < 0 ||
    (m.cols as number) < 0 ||
    !(m.data instanceof Float64Array)
  ) {
    throw new TypeError(
      `invalid ${name}: expected a matrix { rows, cols, data: Float64Array }, got ${describe(value)}`,
    );
  }
  if (m.data.length !== (m.rows as number) * (m.cols as number)) {
    throw new RangeError(
      `invalid ${name}: data has length ${m.data.length}, expected rows·cols = ${m.rows}·${m.cols}`,
    );
  }
  return m as Matrix;
}

/** Throws a RangeError naming `name` if any entry of `data` is NaN or ±Infinity. */
export function checkAllFinite(name: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new RangeError(`invalid ${name}: entry ${i} is ${data[i]}; expected finite values`);
    }
  }
}

/** A square matrix (the caller has checked it is a well-formed Matrix). */
export function checkSquare(name: string, m: Matrix): Matrix {
  if (m.rows !== m.cols) {
    throw new RangeError(`invalid ${name}: expected a square matrix, got a ${m.rows}×${m.cols} matrix`);
  }
  return m;
}

/**
 * A square matrix symmetric within `tolerance · max|aᵢⱼ|`: throws a RangeError naming the first
 * pair of mirrored entries that differ by more.
 */
export function checkSymmetric(name: string, m: Matrix, tolerance: number): Matrix {
  checkSquare(name, m);
  const { rows: n, data } = m;
  let maxAbs = 0;
  for (let i = 0; i < data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(data[i]));
  const bound = tolerance * maxAbs;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const upper = data[i * n + j];
      const lower = data[j * n + i];
      if (Math.abs(upper - lower) > bound) {
        throw new RangeError(
          `invalid ${name}: expected a symmetric matrix, but ${name}[${i}][${j}] = ${upper} and ` +
            `${name}[${j}][${i}] = ${lower} differ by ${Math.abs(upper - lower)} > tolerance·max|aᵢⱼ| = ${bound}`,
        );
      }
    }
  }
  return m;
}
