// NonFiniteValueError: a problem function returned NaN or ±Infinity; nonFiniteEntry says where.

/** The problem functions whose values the solvers check (see `SolverResult.nonFinite`). */
export type NonFiniteFunction =
  | "cost"
  | "egrad"
  | "ehessVec"
  | "regularizer.value"
  | "regularizer.prox"
  | "gradientNorm"
  | "update";

/**
 * Thrown by {@link PointCache} (and the solvers' own checks) when a problem function returns a
 * NaN or ±Infinity value, or an array with such an entry. A RangeError, as the library's other
 * rejections of non-finite data. The solvers catch it and stop with reason `"non-finite"`.
 */
export class NonFiniteValueError extends RangeError {
  /** The function that returned the value. */
  readonly function: NonFiniteFunction;
  /** Where and what: `"NaN"` for a number, `"entry 3 is -Infinity"`, `"factor 1: entry 0 is NaN"`. */
  readonly value: string;
  /** The block whose `update` returned it (`alternatingMinimization`), else undefined. */
  readonly block: string | undefined;

  constructor(fn: NonFiniteFunction, value: string, block?: string) {
    super(`${fn}${block === undefined ? "" : ` of block ${block}`} returned a non-finite value (${value})`);
    this.name = "NonFiniteValueError";
    this.function = fn;
    this.value = value;
    this.block = block;
  }
}

/**
 * Where `value` is not finite: its description for a number, a Float64Array, a matrix
 * `{ data }` or an array of such values (a product point), or undefined when every entry is
 * finite (also for other kinds of values, which it cannot inspect).
 */
export function nonFiniteEntry(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : String(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = nonFiniteEntry(value[i]);
      if (inner !== undefined) return `factor ${i}: ${inner}`;
    }
    return undefined;
  }
  const data = value instanceof Float64Array ? value : (value as { data?: unknown } | null)?.data;
  if (!(data instanceof Float64Array)) return undefined;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return `entry ${i} is ${data[i]}`;
  return undefined;
}

/** Returns `value`, or throws a {@link NonFiniteValueError} naming `fn` if it is not finite. */
export function checkedValue<T>(fn: NonFiniteFunction, value: T, block?: string): T {
  const where = nonFiniteEntry(value);
  if (where !== undefined) throw new NonFiniteValueError(fn, where, block);
  return value;
}
