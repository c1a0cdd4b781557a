// Sparse format conversions over assembly/sparse/convert.ts (stable counting sorts, O(nnz + rows)),
// and the upload of a sparse matrix into wasm buffers for the buffer-level products.
import { Arena, ArenaScope } from "../../runtime/arena.js";
import type { WasmBuffer } from "../../runtime/buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import { describe } from "../../validate.js";
import { checkCoo, checkCsr, checkSparse } from "./check.js";
import {
  isCsr, type CooBuffers, type CooMatrix, type CsrBuffers, type CsrMatrix, type SparseKernels,
  type SparseMatrix,
} from "./types.js";

/** A conversion result with the permutation that produced it. */
export type Permuted<T> = T & {
  /** For each output position p, the input position its entry came from. */
  readonly perm: Int32Array;
};

/**
 * COO → CSR by a stable counting sort on the row index. Entries of one row keep their COO order
 * (columns are sorted only if they were sorted in the input); duplicate (i, j) entries are kept as
 * separate entries, and every product sums them. `perm[p]` is the COO position of CSR entry p, so
 * values given later in COO order map to CSR order as `csrValue[p] = cooValue[perm[p]]`.
 *
 * NaN/Inf policy: values must be finite (RangeError naming the first bad entry).
 */
export function cooToCsr(S: CooMatrix): Permuted<CsrMatrix> {
  const c = checkCoo("S", S);
  const nnz = c.row.length;
  const k = kernels<SparseKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [nnz, nnz], i32: [nnz, nnz, c.rows + 1, nnz, nnz] });
    const row = s.i32From(c.row);
    const col = s.i32From(c.col);
    const value = s.f64From(c.value);
    const rowPtr = s.i32(c.rows + 1);
    const colIdx = s.i32(nnz);
    const out = s.f64(nnz);
    const perm = s.i32(nnz);
    k.cooToCsr(rowPtr.ptr, colIdx.ptr, out.ptr, perm.ptr, c.rows, nnz, row.ptr, col.ptr, value.ptr);
    return {
      rows: c.rows, cols: c.cols, rowPtr: rowPtr.toArray(), colIdx: colIdx.toArray(), value: out.toArray(),
      perm: perm.toArray(),
    };
  });
}

/**
 * The transpose of a CSR matrix, in CSR (equivalently, S in CSC form). Row j of the result lists
 * the entries of column j of S in increasing row order (input order for duplicates), so its
 * columns are sorted. `perm[q]` is the position in S of entry q of the result.
 *
 * NaN/Inf policy: as {@link cooToCsr}.
 */
export function csrTranspose(S: CsrMatrix): Permuted<CsrMatrix> {
  const c = checkCsr("S", S);
  const nnz = c.colIdx.length;
  const k = kernels<SparseKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [nnz, nnz], i32: [c.rows + 1, nnz, c.cols + 1, nnz, nnz] });
    const rowPtr = s.i32From(c.rowPtr);
    const colIdx = s.i32From(c.colIdx);
    const value = s.f64From(c.value);
    const tPtr = s.i32(c.cols + 1);
    const tIdx = s.i32(nnz);
    const tValue = s.f64(nnz);
    const perm = s.i32(nnz);
    k.csrTranspose(tPtr.ptr, tIdx.ptr, tValue.ptr, perm.ptr, c.rows, c.cols, rowPtr.ptr, colIdx.ptr, value.ptr);
    return {
      rows: c.cols, cols: c.rows, rowPtr: tPtr.toArray(), colIdx: tIdx.toArray(), value: tValue.toArray(),
      perm: perm.toArray(),
    };
  });
}

/**
 * CSR → COO in CSR order (the row index of each entry is expanded from rowPtr; colIdx and value
 * are copied). NaN/Inf policy: as {@link cooToCsr}.
 */
export function csrToCoo(S: CsrMatrix): CooMatrix {
  const c = checkCsr("S", S);
  const row = runtime().arena.scope((s) => {
    s.reserve({ i32: [c.rows + 1, c.colIdx.length] });
    const rowPtr = s.i32From(c.rowPtr);
    const out = s.i32(c.colIdx.length);
    kernels<SparseKernels>().csrRowIndices(out.ptr, c.rows, rowPtr.ptr);
    return out.toArray();
  });
  return { rows: c.rows, cols: c.cols, row, col: c.colIdx.slice(), value: c.value.slice() };
}

/** Sparse buffers that free their wasm memory together. */
export type OwnedSparseBuffers<T> = T & { dispose(): void };

/**
 * Copies a validated COO or CSR matrix into wasm buffers for the buffer-level products. The
 * buffers come from `owner` (the active arena by default, or a scope that frees them at its
 * end); call `dispose()` to free them earlier. S is fully validated first (index ranges, row
 * pointers, finite values: RangeError naming the first bad entry), so the buffer-level products
 * can then run with `check: false` as long as the buffers are not modified.
 */
export function toSparseBuffers(S: CooMatrix, owner?: Arena | ArenaScope): OwnedSparseBuffers<CooBuffers>;
export function toSparseBuffers(S: CsrMatrix, owner?: Arena | ArenaScope): OwnedSparseBuffers<CsrBuffers>;
export function toSparseBuffers(
  S: SparseMatrix, owner?: Arena | ArenaScope,
): OwnedSparseBuffers<CooBuffers> | OwnedSparseBuffers<CsrBuffers>;
export function toSparseBuffers(
  S: SparseMatrix, owner: Arena | ArenaScope = runtime().arena,
): OwnedSparseBuffers<CooBuffers> | OwnedSparseBuffers<CsrBuffers> {
  const sp = checkSparse("S", S);
  if (!(owner instanceof Arena || owner instanceof ArenaScope)) {
    throw new TypeError(`invalid owner: expected an Arena or an ArenaScope, got ${describe(owner)}`);
  }
  const made: WasmBuffer[] = [];
  const track = <B extends WasmBuffer>(b: B): B => (made.push(b), b);
  const dispose = (): void => made.forEach((b) => b.dispose());
  try {
    const nnz = sp.value.length;
    owner.reserve({ f64: [nnz], i32: isCsr<CooMatrix, CsrMatrix>(sp) ? [sp.rowPtr.length, nnz] : [nnz, nnz] });
    const value = track(owner.f64From(sp.value));
    if (isCsr<CooMatrix, CsrMatrix>(sp)) {
      const rowPtr = track(owner.i32From(sp.rowPtr));
      const colIdx = track(owner.i32From(sp.colIdx));
      return { rows: sp.rows, cols: sp.cols, rowPtr, colIdx, value, dispose };
    }
    const row = track(owner.i32From(sp.row));
    const col = track(owner.i32From(sp.col));
    return { rows: sp.rows, cols: sp.cols, row, col, value, dispose };
  } catch (error) {
    dispose(); // a failed allocation (memory cannot grow) frees what was already copied
    throw error;
  }
}
