// Unit-norm columns: each column of a matrix divided by its Euclidean norm.
import { runtime } from "../../runtime/init.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import type { Matrix } from "../../matrix.js";
import { checkChoice, checkInteger, checkMatrix, checkOptions } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { proxKernels } from "./kernels.js";

/** What to do with a column of zeros, which has no unit-norm direction. */
export type ZeroColumns = "error" | "keep";

/** Options of {@link normalizeColumns}. */
export interface NormalizeColumnsOptions {
  /**
   * `"error"`: a zero column is a RangeError naming its index (nothing is written).
   * `"keep"`: zero columns are left as they are (zeros) and the others normalized.
   * @defaultValue "error"
   */
  zeroColumns?: ZeroColumns;
  /**
   * Write the result here instead of a new matrix (same shape as A; may be A itself).
   * @defaultValue undefined (a new matrix)
   */
  out?: Matrix;
}

/**
 * Divides every column of A (row-major) by its Euclidean norm, so each column has unit norm,
 * as dictionary-learning steps require. Norms are overflow- and underflow-safe per column
 * (power-of-two scaling); each entry is rounded once and the result is identical on every
 * build. A column holding NaN or ±Infinity becomes all NaN; the other columns are unaffected.
 * With zero rows every column is a zero column.
 *
 * @returns a new matrix, or `options.out`.
 */
export function normalizeColumns(A: Matrix, options?: NormalizeColumnsOptions): Matrix {
  checkMatrix("A", A);
  checkOptions("options", options, ["zeroColumns", "out"]);
  const { zeroColumns = "error", out } = options ?? {};
  checkChoice("zeroColumns", zeroColumns, ["error", "keep"] as const);
  if (out !== undefined) checkSameShape("out", out, A.rows, A.cols);
  const { rows, cols } = A;
  const k = proxKernels();
  return runtime().arena.scope((s) => {
    const workLength = k.normalizeColumnsWorkspaceSize(cols);
    s.reserve({ f64: [A.data.length, workLength] });
    const ab = s.f64From(A.data);
    const ws = s.f64(workLength);
    const zero = k.normalizeColumns(ab.ptr, ab.ptr, rows, cols, ws.ptr, zeroColumns === "keep" ? 1 : 0);
    if (zero >= 0 && zeroColumns === "error") throw zeroColumn("A", zero);
    const result = out ?? { rows, cols, data: new Float64Array(rows * cols) };
    result.data.set(ab.view);
    return result;
  });
}

/**
 * {@link normalizeColumns} on wasm buffers holding row-major rows×cols matrices: out ← a with
 * unit-norm columns; `out` may be `a`. With `zeroColumns: "error"` a zero column throws and
 * nothing is written. Allocates (and frees) a 4·cols workspace in the arena on each call.
 * @returns the index of the first zero column, or −1 (useful with `zeroColumns: "keep"`).
 */
export function normalizeColumnsBuffer(
  out: WasmBuffer<"f64">,
  a: WasmBuffer<"f64">,
  rows: number,
  cols: number,
  options?: Pick<NormalizeColumnsOptions, "zeroColumns">,
): number {
  checkInteger("rows", rows);
  checkInteger("cols", cols);
  checkBuffer("a", a, "f64", rows * cols);
  checkBuffer("out", out, "f64", rows * cols);
  checkOptions("options", options, ["zeroColumns"]);
  const { zeroColumns = "error" } = options ?? {};
  checkChoice("zeroColumns", zeroColumns, ["error", "keep"] as const);
  const k = proxKernels();
  const zero = runtime().arena.scope((s) => {
    const ws = s.f64(k.normalizeColumnsWorkspaceSize(cols));
    return k.normalizeColumns(out.ptr, a.ptr, rows, cols, ws.ptr, zeroColumns === "keep" ? 1 : 0);
  });
  if (zero >= 0 && zeroColumns === "error") throw zeroColumn("a", zero);
  return zero;
}

function checkSameShape(name: string, m: unknown, rows: number, cols: number): void {
  const out = checkMatrix(name, m);
  if (out.rows !== rows || out.cols !== cols) {
    throw new RangeError(`invalid ${name}: expected a ${rows}×${cols} matrix, got a ${out.rows}×${out.cols} matrix`);
  }
}

function zeroColumn(name: string, j: number): RangeError {
  return new RangeError(
    `invalid ${name}: column ${j} is zero and has no unit-norm direction (pass { zeroColumns: "keep" } to leave zero columns as they are)`,
  );
}
