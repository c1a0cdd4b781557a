// toResident(M): a copy of any matrix in wasm memory, for repeated calls on the same operand.
import type { Matrix } from "../matrix.js";
import { checkMatrix } from "../validate.js";
import { runtime } from "./init.js";
import { ResidentMatrix } from "./resident-matrix.js";

/**
 * A copy of `m` in the active runtime's wasm memory, as a {@link ResidentMatrix}: pay the copy
 * once, then every call that takes it reads it in place. Dispose it when done. A matrix too
 * large for wasm memory under `maxMemory` is a RangeError naming the bytes and the cap.
 *
 * @example
 * ```js
 * import { init, toResident, gemm, fromRows, toRows } from "benign";
 * await init();
 * const A = toResident(fromRows([[1, 2], [3, 4]]));      // copied into wasm memory once
 * console.log(toRows(gemm(A, A)));                       // [[7, 10], [15, 22]], A read in place
 * A.dispose();
 * ```
 */
export function toResident(m: Matrix): ResidentMatrix {
  checkMatrix("m", m);
  return new ResidentMatrix(runtime().arena.f64From(m.data), m.rows, m.cols);
}
