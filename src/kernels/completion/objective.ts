// The matrix completion objective that ALS decreases, F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² +
// (λ/2)(‖U‖²_F + ‖V‖²_F), and its data-fit term, over assembly/completion/objective.ts (the
// residual sum of squares, reduced in wasm without a residual array) and the BLAS dot kernel.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkFinite } from "../../validate.js";
import { checkBufferFinite, checkFactor, checkSparseBuffers } from "../sparse/check.js";
import type { CsrBuffers, CsrMatrix } from "../sparse/types.js";
import { checkCsrBuffersShape, checkCsrOnly, checkRankOptions, type CompletionKernels } from "./types.js";

/** Options of the buffer-level objective functions. */
export interface ObjectiveBufferOptions {
  /** r: columns of U and V. */
  rank: number;
  /**
   * Check S's row pointers and column indices and that S.value, U and V are finite, in wasm.
   * Types, lengths and rowPtr[rows] = nnz are always checked.
   * @defaultValue true
   */
  check?: boolean;
}

/**
 * The residual sum of squares on the observed entries, Σ_{(i,j)∈Ω} (⟨Uᵢ, Vⱼ⟩ − yᵢⱼ)² =
 * ‖P_Ω(UVᵀ − Y)‖², for S (CSR, m×n) holding the observations, U m×r and V n×r. Each row's
 * squares are summed and then the row sums, so the rounding error grows with the longest row
 * plus m (not with nnz). Duplicate entries count as separate observations.
 *
 * NaN/Inf policy: S.value, U and V must be finite (RangeError naming the first bad entry).
 */
export function residualSumSquares(S: CsrMatrix, U: Matrix, V: Matrix): number {
  const sp = checkCsrOnly("S", S);
  const u = checkFactor("U", U, sp.rows, "S.rows");
  const v = checkFactor("V", V, sp.cols, "S.cols", u.cols, "the rank of U");
  return withResidualSumSquares(sp, u, v, (_, rss) => rss);
}

/**
 * The objective ALS decreases with the λ convention of {@link alsSolveRows}:
 * F(U, V) = ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)(‖U‖²_F + ‖V‖²_F).
 *
 * NaN/Inf policy: as {@link residualSumSquares}; λ must be a finite number ≥ 0.
 */
export function alsObjective(S: CsrMatrix, U: Matrix, V: Matrix, lambda: number): number {
  const sp = checkCsrOnly("S", S);
  const u = checkFactor("U", U, sp.rows, "S.rows");
  const v = checkFactor("V", V, sp.cols, "S.cols", u.cols, "the rank of U");
  checkFinite("lambda", lambda, 0);
  return withResidualSumSquares(sp, u, v, (k, rss, ub, vb) => combine(k, rss, lambda, ub, vb));
}

/** Copies the checked S, U and V into wasm, sums the squared residuals there and hands on the copies. */
function withResidualSumSquares(
  sp: CsrMatrix, u: Matrix, v: Matrix,
  then: (k: CompletionKernels, rss: number, ub: WasmBuffer<"f64">, vb: WasmBuffer<"f64">) => number,
): number {
  const k = kernels<CompletionKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [sp.value.length, u.data.length, v.data.length], i32: [sp.rowPtr.length, sp.colIdx.length] });
    const rowPtr = s.i32From(sp.rowPtr);
    const colIdx = s.i32From(sp.colIdx);
    const value = s.f64From(sp.value);
    const ub = s.f64From(u.data);
    const vb = s.f64From(v.data);
    return then(k, k.csrResidualSumSquares(sp.rows, u.cols, ub.ptr, vb.ptr, rowPtr.ptr, colIdx.ptr, value.ptr), ub, vb);
  });
}

/**
 * Buffer-level {@link residualSumSquares}: U (`S.rows·rank` f64), V (`S.cols·rank` f64) and S
 * (CSR buffers) in wasm memory, no copies.
 */
export function residualSumSquaresBuffer(
  U: WasmBuffer<"f64">, V: WasmBuffer<"f64">, S: CsrBuffers, options: ObjectiveBufferOptions,
): number {
  const { sb, rank } = checkObjectiveBuffers(U, V, S, options);
  return kernels<CompletionKernels>().csrResidualSumSquares(
    sb.rows, rank, U.ptr, V.ptr, sb.rowPtr.ptr, sb.colIdx.ptr, sb.value.ptr,
  );
}

/** Buffer-level {@link alsObjective}, all operands in wasm memory. */
export function alsObjectiveBuffer(
  U: WasmBuffer<"f64">, V: WasmBuffer<"f64">, S: CsrBuffers, lambda: number, options: ObjectiveBufferOptions,
): number {
  const { sb, rank } = checkObjectiveBuffers(U, V, S, options, lambda);
  const k = kernels<CompletionKernels>();
  const rss = k.csrResidualSumSquares(sb.rows, rank, U.ptr, V.ptr, sb.rowPtr.ptr, sb.colIdx.ptr, sb.value.ptr);
  return combine(k, rss, lambda, U, V);
}

function combine(k: CompletionKernels, rss: number, lambda: number, U: WasmBuffer<"f64">, V: WasmBuffer<"f64">): number {
  if (lambda === 0) return 0.5 * rss;
  const uu = k.dot(U.length, U.ptr, 1, U.ptr, 1);
  const vv = k.dot(V.length, V.ptr, 1, V.ptr, 1);
  return 0.5 * rss + 0.5 * lambda * (uu + vv);
}

function checkObjectiveBuffers(
  U: unknown, V: unknown, S: unknown, options: ObjectiveBufferOptions, ...lambda: [number] | []
): { sb: CsrBuffers; rank: number } {
  const sb = checkCsrBuffersShape("S", S);
  const { rank, check } = checkRankOptions(options);
  if (lambda.length > 0) checkFinite("lambda", lambda[0], 0);
  checkSparseBuffers("S", sb, check);
  const ub = checkBuffer("U", U, "f64", sb.rows * rank);
  const vb = checkBuffer("V", V, "f64", sb.cols * rank);
  if (check) {
    checkBufferFinite("U", ub, sb.rows * rank, { cols: rank });
    checkBufferFinite("V", vb, sb.cols * rank, { cols: rank });
  }
  return { sb, rank };
}
