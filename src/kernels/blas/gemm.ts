// gemm(A, B, options) = alpha·op(A)·op(B) + beta·C over the wasm `gemm` kernel.
import { kernels, runtime } from "../../runtime/init.js";
import { copyInto, copyLengths, inputAddress, operand, resultScratchLength, resultTarget } from "../../runtime/operands.js";
import { checkBoolean, checkFinite, checkMatrix, checkOptions } from "../../validate.js";
import type { Matrix } from "../../matrix.js";

/** The wasm gemm kernel (assembly/blas/gemm.ts). */
export interface GemmKernel {
  gemm(
    transA: number, transB: number, m: number, n: number, k: number, alpha: number,
    a: number, lda: number, b: number, ldb: number, beta: number, c: number, ldc: number, work: number,
  ): void;
  gemmWorkspaceSize(m: number, n: number, k: number): number;
}

/** Options for {@link gemm}. */
export interface GemmOptions {
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
   * Scale of C. With beta = 0, C is not read (NaN in C does not propagate), as BLAS.
   * @defaultValue 0
   */
  beta?: number;
  /**
   * The matrix added (times beta), op(A).rows × op(B).cols; required when beta ≠ 0. Not modified
   * (unless it is also `out`).
   * @defaultValue none (not read when beta = 0)
   */
  C?: Matrix;
  /**
   * Write the result here (op(A).rows × op(B).cols) instead of a new matrix, and return it. It
   * may be C (an in-place update). A {@link ResidentMatrix} is written in place, with no copy out
   * of wasm memory.
   * @defaultValue undefined (a new matrix)
   */
  out?: Matrix;
}

/** The shapes of alpha·op(A)·op(B): m×k times k×n, checked. */
export function productShape(a: Matrix, b: Matrix, transA: boolean, transB: boolean): { m: number; n: number; k: number } {
  const m = transA ? a.cols : a.rows;
  const k = transA ? a.rows : a.cols;
  const bk = transB ? b.cols : b.rows;
  const n = transB ? b.rows : b.cols;
  if (bk !== k) {
    const aDim = transA ? "rows" : "columns";
    const bDim = transB ? "columns" : "rows";
    throw new RangeError(`invalid B: expected ${k} ${bDim} to match A's ${k} ${aDim}, got ${bk}`);
  }
  return { m, n, k };
}

/**
 * The matrix product alpha·op(A)·op(B) + beta·C as a new matrix (or in `out`), op(X) = X or Xᵀ;
 * C is an input only. Runs the cache-blocked, packed SIMD kernel. Operands that are views of wasm
 * memory ({@link ResidentMatrix}, see `arena.matrix` and `toResident`) are read in place; others
 * are copied in with one bulk copy each. NaN and ±Infinity in A, B and C propagate (as BLAS,
 * alpha = 0 or an inner dimension of 0 skips A and B).
 *
 * @example
 * ```js
 * import { init, gemm, fromRows, toRows } from "benign";
 * await init();
 * const A = fromRows([[1, 2], [3, 4]]), B = fromRows([[5, 6], [7, 8]]);
 * console.log(toRows(gemm(A, B)));                                // [[19, 22], [43, 50]]
 * console.log(toRows(gemm(A, B, { transA: true, alpha: 2 })));   // 2·AᵀB = [[52, 60], [76, 88]]
 * ```
 */
export function gemm(a: Matrix, b: Matrix, options: GemmOptions = {}): Matrix {
  checkMatrix("A", a);
  checkMatrix("B", b);
  checkOptions("gemm options", options, ["transA", "transB", "alpha", "beta", "C", "out"]);
  const { transA = false, transB = false, alpha = 1, beta = 0, C, out } = options;
  checkBoolean("transA", transA);
  checkBoolean("transB", transB);
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const { m, n, k } = productShape(a, b, transA, transB);
  checkProductC(C, beta, m, n);
  if (out !== undefined) checkShape("out", out, m, n);
  const { gemm, gemmWorkspaceSize } = kernels<GemmKernel>();
  const readC = C !== undefined && beta !== 0;
  const betaC = readC ? beta : 0;
  // Rows of A per staged block when A streams through a cache-sized buffer (0: A is copied whole).
  const [oa, ob, oc, oo] = [operand(a.data), operand(b.data), operand(C?.data), operand(out?.data)];
  const blockRows = !transA && n <= STREAM_MAX_N && oa.length > STAGE_F64 && oa.address < 0 ? Math.max(1, Math.floor(STAGE_F64 / k)) : 0;
  return runtime().arena.scope((s) => {
    const inputs = [oa, ob];
    const aLength = blockRows > 0 ? blockRows * k : copyLengths(oa)[0] ?? 0;
    const workLength = gemmWorkspaceSize(blockRows > 0 ? blockRows : m, n, k);
    s.reserve({ f64: [aLength, ...copyLengths(ob), resultScratchLength(oo, m * n, inputs), workLength] });
    const stage = blockRows > 0 ? s.f64Uninitialized(aLength) : null;
    const pa = stage === null ? inputAddress(s, oa) : stage.ptr;
    const pb = inputAddress(s, ob);
    const target = resultTarget(s, oo, m * n, inputs);
    if (readC) copyInto(target.ptr, oc!);
    const work = s.f64Uninitialized(workLength);
    if (stage === null) {
      gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, pa, a.cols, pb, b.cols, betaC, target.ptr, n, work.ptr);
    } else {
      // A thin product reads each entry of A a few times only: copying A whole would write it
      // to memory and read it back; staged in blocks it is read once and stays in cache.
      const view = stage.view;
      for (let i = 0; i < m; i += blockRows) {
        const rows = Math.min(blockRows, m - i);
        view.set(a.data.subarray(i * k, (i + rows) * k));
        gemm(0, transB ? 1 : 0, rows, n, k, alpha, pa, k, pb, b.cols, betaC, target.ptr + 8 * i * n, n, work.ptr);
      }
    }
    const data = target.finish();
    return out ?? { rows: m, cols: n, data };
  });
}

// Thin products (n ≤ STREAM_MAX_N) whose A holds more than STAGE_F64 entries (1 MiB) stream A
// through a staging buffer of that size, a block of whole rows at a time. Measured at
// 2000×2000·2000×10, copying A whole first: 0.34 of the peak loop; staged in 1 MiB blocks: 0.45
// (SIMD build) and 0.48 (relaxed), against 0.49 / 0.58 with A already in wasm memory.
const STAGE_F64 = 1 << 17;
const STREAM_MAX_N = 32;

/** Checks the optional C of a product with an m×n result. */
export function checkProductC(c: Matrix | undefined, beta: number, m: number, n: number): void {
  if (c !== undefined) checkShape("C", c, m, n);
  else if (beta !== 0) {
    throw new RangeError(`invalid C: required when beta is nonzero (beta = ${beta})`);
  }
}

/** Checks that `value` is an m×n matrix. */
export function checkShape(name: string, value: unknown, m: number, n: number): Matrix {
  const c = checkMatrix(name, value);
  if (c.rows !== m || c.cols !== n) {
    throw new RangeError(`invalid ${name}: expected a ${m}×${n} matrix, got a ${c.rows}×${c.cols} matrix`);
  }
  return c;
}
