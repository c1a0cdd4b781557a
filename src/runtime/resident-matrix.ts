// A matrix whose data lives in wasm memory: the `Matrix` shape every public function takes, with
// `data` a view of one arena block, re-created after memory growth like a WasmBuffer's view.
import type { WasmBuffer } from "./buffer.js";
import { disposeSymbol } from "./disposable.js";
import type { Matrix } from "../matrix.js";

/**
 * A rows×cols row-major matrix held in wasm memory (make one with `runtime().arena.matrix(rows,
 * cols)` or {@link toResident}). It is a `Matrix`: every function that takes a matrix takes it.
 * The copying calls (`gemm`, `gemv`, `syrk`, `ger`, the 2-D convolutions) read it where it is,
 * with no copy in, and with `{ out: residentMatrix }` write their result into it, with no copy
 * out; the `…Buffer` calls (`gemmBuffer`, …) take only resident operands. `data` is a view of
 * wasm memory, re-created whenever memory has grown (growth detaches old views): read
 * `M.data` again after any call that may allocate rather than keeping the array. Call
 * `dispose()` (or `using`) to return its memory to the arena.
 */
export class ResidentMatrix implements Matrix {
  readonly rows: number;
  readonly cols: number;
  /** The arena block holding the rows·cols entries, row-major. */
  readonly buffer: WasmBuffer<"f64">;

  /** Views `buffer` (rows·cols f64, not checked here: use `arena.matrix` or `toResident`). */
  constructor(buffer: WasmBuffer<"f64">, rows: number, cols: number) {
    this.buffer = buffer;
    this.rows = rows;
    this.cols = cols;
  }

  /** The entries, a view of wasm memory valid until memory next grows. Throws once disposed. */
  get data(): Float64Array {
    return this.buffer.view;
  }

  get disposed(): boolean {
    return this.buffer.disposed;
  }

  /** Returns the memory to the arena. Disposing twice is a no-op. */
  dispose(): void {
    this.buffer.dispose();
  }

  [disposeSymbol](): void {
    this.dispose();
  }
}
