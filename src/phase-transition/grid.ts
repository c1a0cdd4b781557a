// The grid of a phase transition: its validation and its cells (the Cartesian product of the axes).
import { describe } from "../validate.js";
import type { Grid, GridValue, TrialParameters } from "./types.js";

/** Names the flat rate entries use for their own fields: no axis may take them. */
const RESERVED = ["cell", "rate", "successes", "trials"];

function checkValue(name: string, value: unknown): GridValue {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const error = typeof value === "number" ? RangeError : TypeError;
  throw new error(`invalid ${name}: expected a finite number, a string or a boolean, got ${describe(value)}`);
}

/**
 * Checks that `grid` is an object of non-empty arrays of finite numbers, strings or booleans, with
 * no reserved axis name and, when `allowed` is given, only those axes.
 *
 * @param what the problem the axes belong to, for the unknown-axis message.
 * @throws TypeError / RangeError naming the axis (and entry) and its value.
 */
export function checkGrid(grid: unknown, allowed?: readonly string[], what = "this problem"): Grid {
  if (grid === null || typeof grid !== "object" || Array.isArray(grid)) {
    throw new TypeError(`invalid grid: expected an object of value arrays, e.g. { rank: [1, 2], sampling: [0.1, 0.2] }, got ${describe(grid)}`);
  }
  const axes = Object.entries(grid);
  if (axes.length === 0) throw new RangeError("invalid grid: expected at least one axis, got {}");
  for (const [name, values] of axes) {
    if (RESERVED.includes(name)) {
      throw new RangeError(`invalid grid: the axis name ${name} is reserved (${RESERVED.join(", ")} name fields of the rates)`);
    }
    if (allowed !== undefined && !allowed.includes(name)) {
      throw new TypeError(`unknown grid axis ${name} for ${what}: expected some of ${allowed.join(", ")}`);
    }
    if (!Array.isArray(values) || values.length === 0) {
      throw new TypeError(`invalid grid.${name}: expected a non-empty array of values, got ${describe(values)}`);
    }
    values.forEach((v, k) => checkValue(`grid.${name}[${k}]`, v));
  }
  return grid as Grid;
}

/**
 * The cells of `grid` in order — the first axis varying slowest, the last fastest — each the
 * `defaults` overridden by the cell's value on every axis.
 */
export function gridCells(grid: Grid, defaults: TrialParameters = {}): TrialParameters[] {
  let cells: Record<string, GridValue>[] = [{ ...defaults }];
  for (const [name, values] of Object.entries(grid)) {
    cells = cells.flatMap((cell) => values.map((value) => ({ ...cell, [name]: value })));
  }
  return cells;
}
