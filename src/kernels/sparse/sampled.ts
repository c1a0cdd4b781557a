// Sampled products on observed entries: P_Ω(UVᵀ) and the residual P_Ω(UVᵀ) − values, over the
// wasm kernels of assembly/sparse/sampled.ts. UVᵀ is never formed: each entry costs 2·r flops.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkBoolean, checkIndexArray, checkInteger, checkMatrix, checkOptions } from "../../validate.js";
import { checkBuffer } from "../../runtime/check-buffer.js";
import { checkBufferFinite, checkBufferIndices, checkFactor, checkFiniteMatrix, checkIndicesInRange, checkSparse, checkSparseBuffers } from "./check.js";
import { isCsr, type CsrBuffers, type CsrMatrix, type SparseKernels, type SparseMatrix } from "./types.js";

/**
 * The entries of UVᵀ at the positions (`row[k]`, `col[k]`): `out[k] = Σ_l U[row[k], l]·V[col[k], l]`.
 * U is m×r, V is n×r (same r); rows index U and columns index V. Returns a new array of length
 * `row.length`.
 *
 * NaN/Inf policy: U and V must be finite (RangeError naming the first bad entry), indices must
 * be in range (RangeError naming the array, the position and the value).
 */
export function sampledProduct(U: Matrix, V: Matrix, row: Int32Array, col: Int32Array): Float64Array {
  checkMatrix("U", U);
  checkFactor("V", V, (V as Matrix)?.rows, "V.rows", U.cols, "the rank of U");
  checkFiniteMatrix("U", U);
  checkIndexArray("row", row);
  checkIndexArray("col", col, row.length);
  checkIndicesInRange("row", row, U.rows);
  checkIndicesInRange("col", col, V.rows);
  const nnz = row.length;
  const k = kernels<SparseKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [U.data.length, V.data.length, nnz], i32: [nnz, nnz] });
    const u = s.f64From(U.data);
    const v = s.f64From(V.data);
    const rb = s.i32From(row);
    const cb = s.i32From(col);
    const out = s.f64(nnz);
    k.sampledProduct(out.ptr, nnz, U.cols, u.ptr, v.ptr, rb.ptr, cb.ptr);
    return out.toArray();
  });
}

/**
 * The residual on the observed entries of S: `out[k] = (UVᵀ)[i, j] − value[k]` for each stored
 * entry (i, j) of S, in the order of `S.value` (COO order, or CSR order for a CSR matrix). U is
 * S.rows×r and V is S.cols×r. This is the quantity every matrix completion solver needs:
 * ½‖P_Ω(UVᵀ − M)‖² is half its squared norm and S·V, Sᵀ·U of it give the gradients.
 *
 * NaN/Inf policy: U, V and S.value must be finite; a RangeError names the first bad entry.
 */
export function sampledResidual(U: Matrix, V: Matrix, S: SparseMatrix): Float64Array {
  const sp = checkSparse("S", S);
  const u = checkFactor("U", U, sp.rows, "S.rows");
  const v = checkFactor("V", V, sp.cols, "S.cols", u.cols, "the rank of U");
  const k = kernels<SparseKernels>();
  const r = u.cols;
  return runtime().arena.scope((s) => {
    const nnz = sp.value.length;
    const indices = isCsr<SparseMatrix, CsrMatrix>(sp) ? [sp.rowPtr.length, nnz] : [nnz, nnz];
    s.reserve({ f64: [u.data.length, v.data.length, nnz, nnz], i32: indices });
    const ub = s.f64From(u.data);
    const vb = s.f64From(v.data);
    const value = s.f64From(sp.value);
    const out = s.f64(sp.value.length);
    if (isCsr<SparseMatrix, CsrMatrix>(sp)) {
      const rowPtr = s.i32From(sp.rowPtr);
      const colIdx = s.i32From(sp.colIdx);
      k.csrSampledResidual(out.ptr, sp.rows, r, ub.ptr, vb.ptr, rowPtr.ptr, colIdx.ptr, value.ptr);
    } else {
      const row = s.i32From(sp.row);
      const col = s.i32From(sp.col);
      k.sampledResidual(out.ptr, sp.row.length, r, ub.ptr, vb.ptr, row.ptr, col.ptr, value.ptr);
    }
    return out.toArray();
  });
}

/** Shape of the factors for the buffer-level sampled products. */
export interface SampledDims {
  /** m: rows of the sampled matrix and of U. */
  rows: number;
  /** n: columns of the sampled matrix, rows of V. */
  cols: number;
  /** r: columns of U and V. */
  rank: number;
  /**
   * Check index ranges and that U, V (and the values) are finite, in wasm (O(nnz + (m + n)·r),
   * a few percent of the product). Types and lengths are always checked. Pass `false` only
   * inside a loop whose indices were checked once and whose factors are known finite: an index
   * out of range then reads unrelated wasm memory.
   * @defaultValue true
   */
  check?: boolean;
}

/**
 * Buffer-level {@link sampledProduct}: `out[k] = Σ_l U[row[k], l]·V[col[k], l]`, all operands
 * already in wasm memory (no copies). U is `rows·rank` f64, V is `cols·rank` f64 (row-major),
 * row, col and out have nnz = `row.length` elements. Returns `out`.
 */
export function sampledProductBuffer(
  out: WasmBuffer<"f64">, U: WasmBuffer<"f64">, V: WasmBuffer<"f64">,
  row: WasmBuffer<"i32">, col: WasmBuffer<"i32">, dims: SampledDims,
): WasmBuffer<"f64"> {
  const { nnz, r } = checkSampledBuffers(out, U, V, row, col, undefined, dims);
  kernels<SparseKernels>().sampledProduct(out.ptr, nnz, r, U.ptr, V.ptr, row.ptr, col.ptr);
  return out;
}

/**
 * Buffer-level {@link sampledResidual} in COO form: `out[k] = Σ_l U[row[k], l]·V[col[k], l] −
 * value[k]`, all operands in wasm memory. `out` may be the `value` buffer itself (overwritten in
 * place). Returns `out`.
 */
export function sampledResidualBuffer(
  out: WasmBuffer<"f64">, U: WasmBuffer<"f64">, V: WasmBuffer<"f64">,
  row: WasmBuffer<"i32">, col: WasmBuffer<"i32">, value: WasmBuffer<"f64">, dims: SampledDims,
): WasmBuffer<"f64"> {
  checkBuffer("value", value, "f64"); // required here (sampledProductBuffer's checks allow none)
  const { nnz, r } = checkSampledBuffers(out, U, V, row, col, value, dims);
  kernels<SparseKernels>().sampledResidual(out.ptr, nnz, r, U.ptr, V.ptr, row.ptr, col.ptr, value.ptr);
  return out;
}

/** Options of {@link csrSampledResidualBuffer}. */
export interface CsrSampledDims {
  /** r: columns of U and V. */
  rank: number;
  /**
   * Check row pointers, column indices and that U, V and S.value are finite, in wasm. Types,
   * lengths and rowPtr[rows] = nnz are always checked.
   * @defaultValue true
   */
  check?: boolean;
}

/**
 * Buffer-level {@link sampledResidual} in CSR form: `out[p] = Σ_l U[i, l]·V[colIdx[p], l] − value[p]`
 * for the entries p of each row i, in CSR order, all in wasm memory. U is `S.rows·rank`, V is
 * `S.cols·rank`, out has nnz elements and may be `S.value` itself (overwritten). The result is the
 * value array of the residual matrix R with S's pattern, ready for the CSR products. Returns `out`.
 */
export function csrSampledResidualBuffer(
  out: WasmBuffer<"f64">, U: WasmBuffer<"f64">, V: WasmBuffer<"f64">, S: CsrBuffers, dims: CsrSampledDims,
): WasmBuffer<"f64"> {
  if (dims === undefined) throw new TypeError("invalid dims: expected { rank }, got undefined");
  checkOptions("dims", dims, ["rank", "check"]);
  const { rank, check = true } = dims;
  checkInteger("dims.rank", rank, 0, 0x7fffffff);
  checkBoolean("dims.check", check);
  if (S === null || typeof S !== "object" || !isCsr<object, CsrBuffers>(S)) {
    throw new TypeError("invalid S: expected CSR buffers { rows, cols, rowPtr, colIdx, value }");
  }
  const nnz = checkSparseBuffers("S", S, check);
  checkBuffer("out", out, "f64", nnz);
  checkBuffer("U", U, "f64", S.rows * rank);
  checkBuffer("V", V, "f64", S.cols * rank);
  if (out === U || out === V) throw new RangeError(`invalid out: must not be the same buffer as ${out === U ? "U" : "V"}`);
  if (check) {
    checkBufferFinite("U", U, S.rows * rank, { cols: rank });
    checkBufferFinite("V", V, S.cols * rank, { cols: rank });
  }
  kernels<SparseKernels>().csrSampledResidual(out.ptr, S.rows, rank, U.ptr, V.ptr, S.rowPtr.ptr, S.colIdx.ptr, S.value.ptr);
  return out;
}

function checkSampledBuffers(
  out: unknown, U: unknown, V: unknown, row: unknown, col: unknown, value: unknown, dims: SampledDims,
): { nnz: number; r: number } {
  if (dims === undefined) throw new TypeError("invalid dims: expected { rows, cols, rank }, got undefined");
  checkOptions("dims", dims, ["rows", "cols", "rank", "check"]);
  const { rows, cols, rank, check = true } = dims;
  checkInteger("dims.rows", rows, 0, 0x7fffffff);
  checkInteger("dims.cols", cols, 0, 0x7fffffff);
  checkInteger("dims.rank", rank, 0, 0x7fffffff);
  checkBoolean("dims.check", check);
  const rb = checkBuffer("row", row, "i32");
  const nnz = rb.length;
  const cb = checkBuffer("col", col, "i32", nnz);
  checkBuffer("out", out, "f64", nnz);
  const ub = checkBuffer("U", U, "f64", rows * rank);
  const vb = checkBuffer("V", V, "f64", cols * rank);
  const valb = value === undefined ? undefined : checkBuffer("value", value, "f64", nnz);
  if (out === U || out === V) throw new RangeError(`invalid out: must not be the same buffer as ${out === U ? "U" : "V"}`);
  if (check) {
    checkBufferIndices("row", rb, nnz, rows);
    checkBufferIndices("col", cb, nnz, cols);
    checkBufferFinite("U", ub, rows * rank, { cols: rank });
    checkBufferFinite("V", vb, cols * rank, { cols: rank });
    if (valb !== undefined) checkBufferFinite("value", valb, nnz);
  }
  return { nnz, r: rank };
}
