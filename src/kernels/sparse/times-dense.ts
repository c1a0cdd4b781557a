// Sparse × dense products with gemm-style accumulation, out = α·S·V + β·out and
// out = α·Sᵀ·U + β·out, for S in COO or CSR form, over assembly/sparse/spmm.ts.
//
// Approach: COO products scatter one length-r axpy per stored entry into the output row. CSR S·V
// gathers row by row (row-parallel: row i of out depends on row i of S only). CSR Sᵀ·U scatters:
// row i of U is read once and added into the output rows of its columns; for a row-parallel
// gather instead, transpose once with `csrTranspose` and use S·V on Sᵀ.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkBoolean, checkFinite, checkInteger, checkMatrix, checkOptions } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkBufferFinite, checkFactor, checkFiniteMatrix, checkSparse, checkSparseBuffers } from "./check.js";
import {
  isCsr, type CooBuffers, type CsrBuffers, type CsrMatrix, type SparseBuffers, type SparseKernels,
  type SparseMatrix,
} from "./types.js";

/** Options of {@link sparseTimesDense} and {@link sparseTransposeTimesDense}. */
export interface SparseTimesDenseOptions {
  /**
   * Scale of the product.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of the previous `out`. As in BLAS gemm, β = 0 does not read `out` at all.
   * @defaultValue 0
   */
  beta?: number;
  /**
   * Where to write the result (updated in place and returned). Required to accumulate (β ≠ 0)
   * into existing values; without it a new zero matrix is used.
   * @defaultValue a new zero matrix
   */
  out?: Matrix;
}

/**
 * `out = α·S·V + β·out` for a sparse m×n S (COO or CSR) and a dense n×r V; out is m×r.
 * Duplicate entries of S are summed.
 *
 * NaN/Inf policy: S.value, V, α, β and (when β ≠ 0) out must be finite; a RangeError names the
 * first bad entry.
 */
export function sparseTimesDense(S: SparseMatrix, V: Matrix, options?: SparseTimesDenseOptions): Matrix {
  const sp = checkSparse("S", S);
  const v = checkFactor("V", V, sp.cols, "S.cols");
  return product(sp, v, options, false);
}

/**
 * `out = α·Sᵀ·U + β·out` for a sparse m×n S (COO or CSR) and a dense m×r U; out is n×r.
 * Duplicate entries of S are summed.
 *
 * NaN/Inf policy: as {@link sparseTimesDense}.
 */
export function sparseTransposeTimesDense(S: SparseMatrix, U: Matrix, options?: SparseTimesDenseOptions): Matrix {
  const sp = checkSparse("S", S);
  const u = checkFactor("U", U, sp.rows, "S.rows");
  return product(sp, u, options, true);
}

function product(sp: SparseMatrix, b: Matrix, options: SparseTimesDenseOptions | undefined, transpose: boolean): Matrix {
  checkOptions("options", options, ["alpha", "beta", "out"]);
  const { alpha = 1, beta = 0, out } = options ?? {};
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const r = b.cols;
  const outRows = transpose ? sp.cols : sp.rows;
  let target: Matrix;
  if (out === undefined) {
    target = { rows: outRows, cols: r, data: new Float64Array(outRows * r) };
  } else {
    target = checkMatrix("out", out);
    if (target.rows !== outRows || target.cols !== r) {
      throw new RangeError(`invalid out: expected a ${outRows}×${r} matrix, got a ${target.rows}×${target.cols} matrix`);
    }
    // β = 0 never reads out, so its values need not be finite then.
    if (beta !== 0) checkFiniteMatrix("out", target);
  }
  const k = kernels<SparseKernels>();
  runtime().arena.scope((s) => {
    const nnz = sp.value.length;
    const indices = isCsr<SparseMatrix, CsrMatrix>(sp) ? [sp.rowPtr.length, nnz] : [nnz, nnz];
    s.reserve({ f64: [b.data.length, outRows * r, nnz], i32: indices });
    const bb = s.f64From(b.data);
    const ob = beta === 0 ? s.f64(outRows * r) : s.f64From(target.data);
    const value = s.f64From(sp.value);
    if (isCsr<SparseMatrix, CsrMatrix>(sp)) {
      const rowPtr = s.i32From(sp.rowPtr);
      const colIdx = s.i32From(sp.colIdx);
      if (transpose) {
        k.csrTransposeTimesDense(ob.ptr, sp.rows, sp.cols, r, rowPtr.ptr, colIdx.ptr, value.ptr, bb.ptr, alpha, beta);
      } else {
        k.csrTimesDense(ob.ptr, sp.rows, r, rowPtr.ptr, colIdx.ptr, value.ptr, bb.ptr, alpha, beta);
      }
    } else {
      const row = s.i32From(sp.row);
      const col = s.i32From(sp.col);
      const nnz = sp.row.length;
      if (transpose) {
        k.cooTransposeTimesDense(ob.ptr, sp.cols, r, nnz, row.ptr, col.ptr, value.ptr, bb.ptr, alpha, beta);
      } else {
        k.cooTimesDense(ob.ptr, sp.rows, r, nnz, row.ptr, col.ptr, value.ptr, bb.ptr, alpha, beta);
      }
    }
    target.data.set(ob.view);
  });
  return target;
}

/** Options of the buffer-level sparse × dense products. */
export interface SparseTimesDenseBufferOptions {
  /** r: columns of the dense operand and of out. */
  rank: number;
  /**
   * Scale of the product.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of the previous out (β = 0 does not read it).
   * @defaultValue 0
   */
  beta?: number;
  /**
   * Check index ranges, row pointers and that the values and the dense operand are finite, in
   * wasm (O(nnz + size)). Types, lengths and rowPtr[rows] = nnz are always checked. Pass `false`
   * only when the sparse buffers were checked once and do not change: an index out of range then
   * reads and writes unrelated wasm memory.
   * @defaultValue true
   */
  check?: boolean;
}

/**
 * Buffer-level {@link sparseTimesDense}: `out = α·S·V + β·out` with S in COO or CSR buffers, V
 * (`S.cols·rank` f64) and out (`S.rows·rank` f64) in wasm memory, row-major. Returns `out`.
 */
export function sparseTimesDenseBuffer(
  out: WasmBuffer<"f64">, S: SparseBuffers, V: WasmBuffer<"f64">, options: SparseTimesDenseBufferOptions,
): WasmBuffer<"f64"> {
  return productBuffer(out, S, V, options, false);
}

/**
 * Buffer-level {@link sparseTransposeTimesDense}: `out = α·Sᵀ·U + β·out` with U (`S.rows·rank`)
 * and out (`S.cols·rank`) in wasm memory. Returns `out`.
 */
export function sparseTransposeTimesDenseBuffer(
  out: WasmBuffer<"f64">, S: SparseBuffers, U: WasmBuffer<"f64">, options: SparseTimesDenseBufferOptions,
): WasmBuffer<"f64"> {
  return productBuffer(out, S, U, options, true);
}

function productBuffer(
  out: WasmBuffer<"f64">, S: SparseBuffers, b: WasmBuffer<"f64">, options: SparseTimesDenseBufferOptions,
  transpose: boolean,
): WasmBuffer<"f64"> {
  if (options === undefined) throw new TypeError("invalid options: expected { rank }, got undefined");
  checkOptions("options", options, ["rank", "alpha", "beta", "check"]);
  const { rank, alpha = 1, beta = 0, check = true } = options;
  checkInteger("rank", rank, 0, 0x7fffffff);
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  checkBoolean("check", check);
  const nnz = checkSparseBuffers("S", S, check);
  const inRows = transpose ? S.rows : S.cols;
  const outRows = transpose ? S.cols : S.rows;
  const bName = transpose ? "U" : "V";
  checkBuffer(bName, b, "f64", inRows * rank);
  checkBuffer("out", out, "f64", outRows * rank);
  if (out === b || out === S.value) {
    throw new RangeError(`invalid out: must not be the same buffer as ${out === b ? bName : "S.value"}`);
  }
  if (check) {
    checkBufferFinite(bName, b, inRows * rank, { cols: rank });
    if (beta !== 0) checkBufferFinite("out", out, outRows * rank, { cols: rank });
  }
  const k = kernels<SparseKernels>();
  if (isCsr<CooBuffers, CsrBuffers>(S)) {
    if (transpose) {
      k.csrTransposeTimesDense(out.ptr, S.rows, S.cols, rank, S.rowPtr.ptr, S.colIdx.ptr, S.value.ptr, b.ptr, alpha, beta);
    } else {
      k.csrTimesDense(out.ptr, S.rows, rank, S.rowPtr.ptr, S.colIdx.ptr, S.value.ptr, b.ptr, alpha, beta);
    }
  } else if (transpose) {
    k.cooTransposeTimesDense(out.ptr, S.cols, rank, nnz, S.row.ptr, S.col.ptr, S.value.ptr, b.ptr, alpha, beta);
  } else {
    k.cooTimesDense(out.ptr, S.rows, rank, nnz, S.row.ptr, S.col.ptr, S.value.ptr, b.ptr, alpha, beta);
  }
  return out;
}
