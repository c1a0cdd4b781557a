// The sparse and ALS kernels on row blocks of a CSR matrix in wasm memory, with a safe point after
// each block, so that a pass over Ω never blocks the event loop for long. The buffers are trusted
// (built by buildObservedMatrix and the methods); nothing is checked here.
import type { WasmBuffer } from "../runtime/buffer.js";
import { kernels } from "../runtime/init.js";
import type { CsrBuffers, SparseKernels } from "../kernels/sparse/types.js";
import type { CompletionKernels } from "../kernels/completion/types.js";
import { ENTRY_CHUNK } from "./observed.js";
import type { Steps } from "./steps.js";

/** Work per block, in flops (≈ 1–4 ms of kernel time). */
const BLOCK_WORK = 1 << 23;

/** What row blocks need of a CSR matrix: its row count and pointers (wasm buffers or JS arrays). */
interface RowPointers {
  readonly rows: number;
  readonly rowPtr: { readonly view: Int32Array };
}

/**
 * Consecutive row blocks [i0, i1) of S whose work perEntry·(entries) + perRow·(rows) is about
 * BLOCK_WORK (at least one row each). The row pointers are re-read for every block (after the
 * caller's pause, wasm memory may have grown).
 */
export function* rowBlocks(S: RowPointers, perEntry: number, perRow: number): Generator<[number, number], void, void> {
  let i0 = 0;
  while (i0 < S.rows) {
    const rp = S.rowPtr.view;
    let i1 = i0 + 1;
    let work = perEntry * (rp[i1] - rp[i0]) + perRow;
    while (i1 < S.rows) {
      const next = work + perEntry * (rp[i1 + 1] - rp[i1]) + perRow;
      if (next > BLOCK_WORK) break;
      work = next;
      i1++;
    }
    yield [i0, i1];
    i0 = i1;
  }
}

/** Row blocks of about ENTRY_CHUNK entries, for passes over the entries in JavaScript. */
export function entryBlocks(S: RowPointers): Generator<[number, number], void, void> {
  return rowBlocks(S, BLOCK_WORK / ENTRY_CHUNK, 1);
}

type Kernels = SparseKernels & CompletionKernels;

/**
 * out (S.rows × r) = P_Ω(UVᵀ − Y)·V + λU over the entries p = (i, j) of S (Y its values; U's rows
 * are S's rows, V's its columns) in one pass (the kernel `csrResidualGradient`); returns the sum
 * of the squared residuals. On Sᵀ with U and V swapped it gives the gradient in V.
 */
export function* residualGradientSteps(
  out: WasmBuffer<"f64">, U: WasmBuffer<"f64">, V: WasmBuffer<"f64">, S: CsrBuffers, r: number, lambda: number,
): Steps<number> {
  const k = kernels<Kernels>();
  let total = 0;
  for (const [i0, i1] of rowBlocks(S, 4 * r + 2, r)) {
    const rows = i0 * r * 8;
    total += k.csrResidualGradient(out.ptr + rows, i1 - i0, r, U.ptr + rows, V.ptr, S.rowPtr.ptr + i0 * 4, S.colIdx.ptr, S.value.ptr, lambda);
    yield;
  }
  return total;
}

/**
 * The steps of `residualGradientSteps` that also give ∇_V in `outV` (S.cols × r): outV = λ·V, then
 * the kernel `csrResidualGradients` adds Rᵀ·U to it by rows, block after block — the same ∇_V as
 * residualGradientSteps over Sᵀ gives, without that pass. Returns ‖R‖²_F.
 */
export function* residualGradientsSteps(
  outU: WasmBuffer<"f64">, outV: WasmBuffer<"f64">, U: WasmBuffer<"f64">, V: WasmBuffer<"f64">, S: CsrBuffers, r: number,
  lambda: number,
): Steps<number> {
  const k = kernels<Kernels>();
  const gv = outV.view, v = V.view;
  for (let t = 0; t < gv.length; t++) gv[t] = lambda * v[t];
  let total = 0;
  for (const [i0, i1] of rowBlocks(S, 6 * r + 2, r)) {
    const rows = i0 * r * 8;
    total += k.csrResidualGradients(
      outU.ptr + rows, outV.ptr, i1 - i0, r, U.ptr + rows, V.ptr, S.rowPtr.ptr + i0 * 4, S.colIdx.ptr, S.value.ptr, lambda,
    );
    yield;
  }
  return total;
}

/** Σ_p (⟨U[i, :], V[j, :]⟩ − S.value[p])² over the entries of S, without a residual array. */
export function* residualSumSquaresSteps(U: WasmBuffer<"f64">, V: WasmBuffer<"f64">, S: CsrBuffers, r: number): Steps<number> {
  const k = kernels<Kernels>();
  let total = 0;
  for (const [i0, i1] of rowBlocks(S, 2 * r + 3, 0)) {
    total += k.csrResidualSumSquares(i1 - i0, r, U.ptr + i0 * r * 8, V.ptr, S.rowPtr.ptr + i0 * 4, S.colIdx.ptr, S.value.ptr);
    yield;
  }
  return total;
}

/** out (S.rows × r) = α·S·X + β·out, X S.cols × r: row-parallel gathers. */
export function* timesDenseSteps(
  out: WasmBuffer<"f64">, S: CsrBuffers, X: WasmBuffer<"f64">, r: number, alpha: number, beta: number,
): Steps<void> {
  const k = kernels<Kernels>();
  for (const [i0, i1] of rowBlocks(S, 2 * r, r)) {
    k.csrTimesDense(out.ptr + i0 * r * 8, i1 - i0, r, S.rowPtr.ptr + i0 * 4, S.colIdx.ptr, S.value.ptr, X.ptr, alpha, beta);
    yield;
  }
}

/**
 * One ALS half-step in row blocks: row i of `out` solves (Σ_{j∈Ωᵢ} VⱼVⱼᵀ + λI)·u = Σ_{j∈Ωᵢ} yᵢⱼVⱼ
 * (the kernel `alsSolveRows`; `work` is its workspace of `alsWorkspaceSize(r)` doubles). Returns
 * −1, or the first row whose system was singular (its row of `out` is left as it was).
 */
export function* alsHalfStepSteps(
  out: WasmBuffer<"f64">, S: CsrBuffers, V: WasmBuffer<"f64">, r: number, lambda: number, work: WasmBuffer<"f64">,
): Steps<number> {
  const k = kernels<Kernels>();
  let failed = -1;
  for (const [i0, i1] of rowBlocks(S, (r + 1) * (r + 2), (r * r * r) / 3 + 2 * r * r)) {
    const f = k.alsSolveRows(out.ptr + i0 * r * 8, i1 - i0, r, S.rowPtr.ptr + i0 * 4, S.colIdx.ptr, S.value.ptr, V.ptr, r, lambda, work.ptr);
    if (f > 0 && failed < 0) failed = i0 + f - 1;
    yield;
  }
  return failed;
}
