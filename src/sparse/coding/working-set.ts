// WorkingSet: the columns being coded, one per row of a few wasm arrays, compacted as they finish.
import type { ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";

type Rows = WasmBuffer<"f64"> | WasmBuffer<"i32">;

/**
 * The columns a sparse coder iterates on together: row r of every per-row array belongs to
 * column `column[r]` of Y, rows 0 … active−1 are in use. Each array holds `capacity` rows of a
 * fixed width, contiguous (row r at r·width), so a block step is one kernel call over
 * `active` rows and one gemm. A finished row is removed by moving the last row into its place,
 * which keeps the rows in use contiguous; new columns are appended after them.
 */
export class WorkingSet {
  readonly capacity: number;
  /** Rows in use. */
  active = 0;
  /** The column of Y each row holds. */
  readonly column: Int32Array;
  /** Iterations each row has taken. */
  readonly iterations: Int32Array;
  readonly #scope: ArenaScope;
  readonly #wasm: { buffer: Rows; width: number }[] = [];
  readonly #js: (Float64Array | Int32Array)[] = [];

  constructor(scope: ArenaScope, capacity: number) {
    this.#scope = scope;
    this.capacity = capacity;
    this.column = this.perRow(Int32Array);
    this.iterations = this.perRow(Int32Array);
  }

  /** A wasm array of `width` f64 per row (zero-filled), moved with the rows. */
  f64(width: number): WasmBuffer<"f64"> {
    const buffer = this.#scope.f64(this.capacity * width);
    this.#wasm.push({ buffer, width });
    return buffer;
  }

  /** A wasm array of `width` i32 per row (zero-filled), moved with the rows. */
  i32(width: number): WasmBuffer<"i32"> {
    const buffer = this.#scope.i32(this.capacity * width);
    this.#wasm.push({ buffer, width });
    return buffer;
  }

  /** A JS array of one value per row, moved with the rows. */
  perRow<T extends Float64Array | Int32Array>(kind: new (length: number) => T): T {
    const array = new kind(this.capacity);
    this.#js.push(array);
    return array;
  }

  /** The number of rows free for new columns. */
  get free(): number {
    return this.capacity - this.active;
  }

  /** Removes row r (moving the last row in use into its place). */
  remove(r: number): void {
    const last = --this.active;
    if (r === last) return;
    for (const { buffer, width } of this.#wasm) buffer.view.copyWithin(r * width, last * width, last * width + width);
    for (const array of this.#js) array[r] = array[last];
  }
}
