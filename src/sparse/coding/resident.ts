// sparseCodeResident: sparse coding on buffers already in wasm memory, for code that alternates
// coding with other work (dictionary learning, denoising) and keeps its data resident.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import type { SolverOptions } from "../../solvers/options.js";
import { checkBoolean, checkInteger } from "../../validate.js";
import { codeColumns, type CodedColumns } from "./code-columns.js";
import type { CodingBuffers } from "./context.js";
import { resolveSparseCodeOptions, type SparseCodeMethodOptions } from "./options.js";

/** Options of {@link sparseCodeResident}: those of `sparseCode`, with `warmStart` for `init`. */
export interface SparseCodeResidentOptions extends SparseCodeMethodOptions, SolverOptions<WasmBuffer<"f64">> {
  /**
   * Start from the codes X holds ("fista", "cd"); else from 0.
   * @defaultValue false
   */
  warmStart?: boolean;
}

/**
 * `sparseCode` on resident buffers, without copies: Y (n×p), A (n×K) and X (K×p) row-major in
 * wasm memory of the active runtime; optionally G = AᵀA (K×K) and AᵀY (K×p) when the caller has
 * them (else G is formed once when the method uses it, and each column's Aᵀy when it is loaded).
 * The codes are written into X (which holds the start with `warmStart`); returns the objective
 * and iterations per column and the solver record (its point is X; `onIteration` sees X with the
 * codes as they stand).
 *
 * Checks the handles, their lengths and the options; the DATA is trusted: finite, nonzero atoms,
 * G and AᵀY consistent with A and Y, a nonnegative start for `nonnegative` (validate it where it
 * enters, as `sparseCode` does). X must not share memory with the other buffers.
 *
 * @throws TypeError / RangeError for bad sizes, handles or options, before any work.
 */
export async function sparseCodeResident(data: CodingBuffers, options: SparseCodeResidentOptions): Promise<CodedColumns> {
  const n = checkInteger("n", data.n, 0);
  const K = checkInteger("K", data.K, 1);
  const p = checkInteger("p", data.p, 0);
  checkBuffer("A", data.A, "f64", n * K);
  checkBuffer("Y", data.Y, "f64", n * p);
  checkBuffer("X", data.X, "f64", K * p);
  if (data.G !== undefined) checkBuffer("G", data.G, "f64", K * K);
  if (data.AtY !== undefined) checkBuffer("AtY", data.AtY, "f64", K * p);
  for (const other of [data.A, data.Y, data.G, data.AtY]) {
    if (other === data.X) throw new RangeError(`invalid X: must not be the same buffer as A, Y, G or AtY`);
  }
  const resolved = resolveSparseCodeOptions<WasmBuffer<"f64">>(options, { n, K, p }, ["warmStart"]);
  const warmStart = resolved.method !== "omp" && checkBoolean("warmStart", options.warmStart ?? false);
  return codeColumns(data, resolved, warmStart);
}
