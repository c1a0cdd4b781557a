// gemmBuffer, syrkBuffer: the BLAS-3 products on resident matrices, in place, for solver loops.
import { checkNoOverlap, checkResidentMatrix } from "../../runtime/check-resident.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { ResidentMatrix } from "../../runtime/resident-matrix.js";
import { checkBoolean, checkFinite, checkOptions } from "../../validate.js";
import { productShape, type GemmKernel } from "./gemm.js";
import type { SyrkKernel } from "./syrk.js";

/** Options for {@link gemmBuffer}. */
export interface GemmBufferOptions {
  /**
   * Use Aᵀ in place of A.
   * @defaultValue false
   */
  transA?: boolean;
  /**
   * Use Bᵀ in place of B.
   * @defaultValue false
   */
  transB?: boolean;
  /**
   * Scale of the product.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of the old `out`. With beta = 0, `out` is not read (NaN in it does not propagate).
   * @defaultValue 0
   */
  beta?: number;
}

/**
 * {@link gemm} on resident matrices, as BLAS dgemm: out ← alpha·op(A)·op(B) + beta·out, with no
 * copy in or out of wasm memory. A, B and out are live {@link ResidentMatrix} handles of the
 * active runtime (`arena.matrix`, `toResident`); out is op(A).rows × op(B).cols and must not share
 * memory with A or B. A workspace for the packed blocks is taken from the arena for the call.
 * NaN and ±Infinity propagate as in `gemm`.
 * @returns out
 */
export function gemmBuffer(out: ResidentMatrix, a: ResidentMatrix, b: ResidentMatrix, options?: GemmBufferOptions): ResidentMatrix {
  checkResidentMatrix("A", a);
  checkResidentMatrix("B", b);
  checkOptions("gemmBuffer options", options, ["transA", "transB", "alpha", "beta"]);
  const { transA = false, transB = false, alpha = 1, beta = 0 } = options ?? {};
  checkBoolean("transA", transA);
  checkBoolean("transB", transB);
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const { m, n, k } = productShape(a, b, transA, transB);
  checkResidentMatrix("out", out, m, n);
  checkNoOverlap("out", out.buffer, "A", a.buffer);
  checkNoOverlap("out", out.buffer, "B", b.buffer);
  const kernel = kernels<GemmKernel>();
  const workLength = kernel.gemmWorkspaceSize(m, n, k);
  runtime().arena.scope((s) => {
    const work = s.f64Uninitialized(workLength);
    kernel.gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a.buffer.ptr, a.cols, b.buffer.ptr, b.cols, beta, out.buffer.ptr, n, work.ptr);
  });
  return out;
}

/** Options for {@link syrkBuffer}. */
export interface SyrkBufferOptions {
  /**
   * Scale of AᵀA.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of the old `out` (its upper triangle is read). With beta = 0, `out` is not read.
   * @defaultValue 0
   */
  beta?: number;
}

/**
 * {@link syrk} on resident matrices: out ← alpha·AᵀA + beta·out (A is k×n, out n×n), both
 * triangles of out filled, no copy in or out of wasm memory; out must not share memory with A.
 * NaN and ±Infinity propagate.
 * @returns out
 */
export function syrkBuffer(out: ResidentMatrix, a: ResidentMatrix, options?: SyrkBufferOptions): ResidentMatrix {
  checkResidentMatrix("A", a);
  checkOptions("syrkBuffer options", options, ["alpha", "beta"]);
  const { alpha = 1, beta = 0 } = options ?? {};
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const n = a.cols;
  checkResidentMatrix("out", out, n, n);
  checkNoOverlap("out", out.buffer, "A", a.buffer);
  const kernel = kernels<SyrkKernel>();
  const workLength = kernel.syrkWorkspaceSize(n, a.rows);
  runtime().arena.scope((s) => {
    const work = s.f64Uninitialized(workLength);
    kernel.syrk(1, n, a.rows, alpha, a.buffer.ptr, a.cols, beta, out.buffer.ptr, n, work.ptr);
  });
  return out;
}
