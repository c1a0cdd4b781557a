// One alternating least squares (ALS) half-step for matrix completion: every row of U solves its
// own ridge regression on the observed entries of its row, over assembly/completion/als.ts.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkFinite, checkMatrix, checkOptions } from "../../validate.js";
import { checkBufferFinite, checkFactor, checkSparseBuffers } from "../sparse/check.js";
import type { CsrBuffers, CsrMatrix } from "../sparse/types.js";
import { checkCsrBuffersShape, checkCsrOnly, checkRankOptions, type CompletionKernels } from "./types.js";

/** Options of {@link alsSolveRows}. */
export interface AlsSolveRowsOptions {
  /**
   * Where to write the result (S.rows × r, overwritten and returned). It is written only when
   * every row was solved, so after a throw it holds its previous values.
   * @defaultValue a new matrix
   */
  out?: Matrix;
}

/** Options of {@link alsSolveRowsBuffer}. */
export interface AlsSolveRowsBufferOptions {
  /** r: columns of V and of out. */
  rank: number;
  /**
   * Check S's row pointers and column indices and that S.value and V are finite, in wasm
   * (O(nnz + S.cols·r), a few percent of the half-step). Types, lengths and rowPtr[rows] = nnz
   * are always checked. Pass `false` only for buffers checked once that do not change: an index
   * out of range then reads unrelated wasm memory.
   * @defaultValue true
   */
  check?: boolean;
}

/**
 * One ALS half-step: for every row i of the sparse m×n matrix S of observations (CSR, entries
 * yᵢⱼ at (i, j) ∈ Ω), the row uᵢ of the result solves the ridge regression
 *
 *   uᵢ = argmin_u Σ_{j∈Ωᵢ} (⟨u, Vⱼ⟩ − yᵢⱼ)² + λ‖u‖²,  i.e.  (Σⱼ VⱼVⱼᵀ + λI)·u = Σⱼ yᵢⱼVⱼ,
 *
 * where Vⱼ is row j of the n×r matrix V. Returns the m×r matrix U.
 *
 * λ convention: this is the exact minimizer over U of
 * F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F) (see {@link alsObjective}); the V half-step
 * is the same call on the transpose, `alsSolveRows(csrTranspose(S), U, λ)`, and alternating the
 * two never increases F. For an objective written ‖P_Ω(UVᵀ − Y)‖² + (μ/2)(‖U‖²_F + ‖V‖²_F), pass
 * λ = μ/2. Duplicate entries of S count as separate observations.
 *
 * Rows of S without entries give uᵢ = 0 (the minimizer for λ > 0, the minimum-norm one for λ = 0).
 *
 * Algorithm: per row, the Gram matrix Σⱼ VⱼVⱼᵀ and Σⱼ yᵢⱼVⱼ in one pass (f64x2 register tiles),
 * then Cholesky and two triangular solves (Golub & Van Loan §4.2): nnz·(r+1)(r+2) +
 * m·(r³/3 + O(r²)) flops. Each row's solution is backward stable; its error is about
 * cond(Σ VⱼVⱼᵀ + λI)·u, so λ > 0 also bounds the error.
 *
 * NaN/Inf policy: λ must be a finite number ≥ 0; S.value and V must be finite (RangeError naming
 * the first bad entry, as the sparse routines).
 *
 * @throws RangeError naming `lambda` when a row's system is singular in floating point (possible
 * only for λ = 0, or λ negligible next to ‖Vⱼ‖²: e.g. a row with fewer than r entries), naming
 * the first such row; `out` is then left unchanged.
 */
export function alsSolveRows(S: CsrMatrix, V: Matrix, lambda: number, options?: AlsSolveRowsOptions): Matrix {
  const sp = checkCsrOnly("S", S);
  const v = checkFactor("V", V, sp.cols, "S.cols");
  checkFinite("lambda", lambda, 0);
  checkOptions("options", options, ["out"]);
  const r = v.cols;
  const m = sp.rows;
  let target: Matrix | undefined;
  if (options?.out !== undefined) {
    target = checkMatrix("out", options.out);
    if (target.rows !== m || target.cols !== r) {
      throw new RangeError(`invalid out: expected a ${m}×${r} matrix, got a ${target.rows}×${target.cols} matrix`);
    }
  }
  const k = kernels<CompletionKernels>();
  return runtime().arena.scope((s) => {
    const workLength = k.alsWorkspaceSize(r);
    s.reserve({ f64: [sp.value.length, v.data.length, m * r, workLength], i32: [sp.rowPtr.length, sp.colIdx.length] });
    const rowPtr = s.i32From(sp.rowPtr);
    const colIdx = s.i32From(sp.colIdx);
    const value = s.f64From(sp.value);
    const vb = s.f64From(v.data);
    const out = s.f64(m * r);
    const work = s.f64(workLength);
    const failed = k.alsSolveRows(out.ptr, m, r, rowPtr.ptr, colIdx.ptr, value.ptr, vb.ptr, r, lambda, work.ptr);
    if (failed > 0) throw singularRow(failed - 1, sp.rowPtr, lambda);
    if (target === undefined) return { rows: m, cols: r, data: out.toArray() };
    target.data.set(out.view);
    return target;
  });
}

/**
 * Buffer-level {@link alsSolveRows} for solver loops: S in CSR buffers, V (`S.cols·rank` f64,
 * row-major) and out (`S.rows·rank` f64) already in wasm memory, no copies. Returns `out`.
 * The Gram/Cholesky workspace (a few KiB) is allocated and freed inside the call.
 *
 * @throws RangeError naming `lambda` when a row's system is singular (see {@link alsSolveRows});
 * the other rows of `out` are solved all the same, the failed rows keep their previous values,
 * and no NaN is written.
 */
export function alsSolveRowsBuffer(
  out: WasmBuffer<"f64">, S: CsrBuffers, V: WasmBuffer<"f64">, lambda: number, options: AlsSolveRowsBufferOptions,
): WasmBuffer<"f64"> {
  const sb = checkCsrBuffersShape("S", S);
  const { rank, check } = checkRankOptions(options);
  checkFinite("lambda", lambda, 0);
  checkSparseBuffers("S", sb, check);
  checkBuffer("V", V, "f64", sb.cols * rank);
  checkBuffer("out", out, "f64", sb.rows * rank);
  if (out === V || out === sb.value) {
    throw new RangeError(`invalid out: must not be the same buffer as ${out === V ? "V" : "S.value"}`);
  }
  if (check) checkBufferFinite("V", V, sb.cols * rank, { cols: rank });
  const k = kernels<CompletionKernels>();
  runtime().arena.scope((s) => {
    const work = s.f64(k.alsWorkspaceSize(rank));
    const failed = k.alsSolveRows(
      out.ptr, sb.rows, rank, sb.rowPtr.ptr, sb.colIdx.ptr, sb.value.ptr, V.ptr, rank, lambda, work.ptr,
    );
    if (failed > 0) throw singularRow(failed - 1, sb.rowPtr.view, lambda);
  });
  return out;
}

function singularRow(i: number, rowPtr: ArrayLike<number>, lambda: number): RangeError {
  const count = rowPtr[i + 1] - rowPtr[i];
  return new RangeError(
    `invalid lambda: row ${i} of S (${count} ${count === 1 ? "entry" : "entries"}) gives a singular ` +
      `Σ VⱼVⱼᵀ + λI with lambda = ${lambda}; use ${lambda === 0 ? "lambda > 0" : "a larger lambda"}`,
  );
}
