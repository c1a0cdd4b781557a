// The matrix completion residual and gradients in one pass over the observed entries, over
// assembly/sparse/gradient.ts: R = P_Ω(UVᵀ) − M, ∇_U = R·V, ∇_V = Rᵀ·U and ‖R‖², with gemm-style
// α/β accumulation into the gradients. Each entry's U and V rows are loaded once for all three.
import type { WasmBuffer } from "../../runtime/buffer.js";
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { checkFinite, checkInteger, checkMatrix, checkOptions } from "../../validate.js";
import { checkBuffer, checkBufferFinite, checkFactor, checkFiniteMatrix, checkSparse, checkSparseBuffers } from "./check.js";
import {
  isCsr, type CooBuffers, type CsrBuffers, type CsrMatrix, type GradientKernels, type SparseBuffers,
  type SparseMatrix,
} from "./types.js";

/** What {@link sampledResidualGradient} returns. */
export interface ResidualGradient {
  /** R's values, `(UVᵀ)ᵢⱼ − value` per stored entry, in the order of `S.value`. */
  residual: Float64Array;
  /** α·R·V + β·gradU (m×r). */
  gradU: Matrix;
  /** α·Rᵀ·U + β·gradV (n×r). */
  gradV: Matrix;
  /** ‖R‖² = Σ residual²; the loss ½‖P_Ω(UVᵀ − M)‖² is half of it. */
  squaredNorm: number;
}

/** Options of {@link sampledResidualGradient}. */
export interface ResidualGradientOptions {
  /**
   * Scale of the gradient terms.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of the previous gradU and gradV (β = 0 does not read them).
   * @defaultValue 0
   */
  beta?: number;
  /**
   * Where to write α·R·V + β·gradU (updated in place and returned).
   * @defaultValue a new zero matrix
   */
  gradU?: Matrix;
  /**
   * Where to write α·Rᵀ·U + β·gradV (updated in place and returned).
   * @defaultValue a new zero matrix
   */
  gradV?: Matrix;
}

/**
 * The residual of a low-rank model on the observed entries of S and the gradients of
 * f(U, V) = ½‖P_Ω(UVᵀ) − S‖²: with R = P_Ω(UVᵀ) − S, returns R's values, α·R·V + β·gradU,
 * α·Rᵀ·U + β·gradV and ‖R‖², in one pass over the entries (COO or CSR; duplicates act as their sum).
 *
 * NaN/Inf policy: U, V, S.value, α, β and (when β ≠ 0) the given gradients must be finite; a
 * RangeError names the first bad entry.
 */
export function sampledResidualGradient(
  U: Matrix, V: Matrix, S: SparseMatrix, options?: ResidualGradientOptions,
): ResidualGradient {
  const sp = checkSparse("S", S);
  const u = checkFactor("U", U, sp.rows, "S.rows");
  const v = checkFactor("V", V, sp.cols, "S.cols", u.cols, "the rank of U");
  checkOptions("options", options, ["alpha", "beta", "gradU", "gradV"]);
  const { alpha = 1, beta = 0, gradU, gradV } = options ?? {};
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  const r = u.cols;
  const gu = target("gradU", gradU, sp.rows, r, beta);
  const gv = target("gradV", gradV, sp.cols, r, beta);
  const k = kernels<GradientKernels>();
  return runtime().arena.scope((s) => {
    const ub = s.f64From(u.data);
    const vb = s.f64From(v.data);
    const value = s.f64From(sp.value);
    const gub = beta === 0 ? s.f64(gu.data.length) : s.f64From(gu.data);
    const gvb = beta === 0 ? s.f64(gv.data.length) : s.f64From(gv.data);
    let ss: number;
    if (isCsr<SparseMatrix, CsrMatrix>(sp)) {
      const rowPtr = s.i32From(sp.rowPtr);
      const colIdx = s.i32From(sp.colIdx);
      ss = k.csrResidualGradient(value.ptr, gub.ptr, gvb.ptr, sp.rows, sp.cols, r, ub.ptr, vb.ptr,
        rowPtr.ptr, colIdx.ptr, value.ptr, alpha, beta);
    } else {
      const row = s.i32From(sp.row);
      const col = s.i32From(sp.col);
      ss = k.residualGradient(value.ptr, gub.ptr, gvb.ptr, sp.rows, sp.cols, sp.row.length, r, ub.ptr, vb.ptr,
        row.ptr, col.ptr, value.ptr, alpha, beta);
    }
    gu.data.set(gub.view);
    gv.data.set(gvb.view);
    return { residual: value.toArray(), gradU: gu, gradV: gv, squaredNorm: ss };
  });
}

function target(name: string, given: Matrix | undefined, rows: number, cols: number, beta: number): Matrix {
  if (given === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  const m = checkMatrix(name, given);
  if (m.rows !== rows || m.cols !== cols) {
    throw new RangeError(`invalid ${name}: expected a ${rows}×${cols} matrix, got a ${m.rows}×${m.cols} matrix`);
  }
  if (beta !== 0) checkFiniteMatrix(name, m);
  return m;
}

/** Options of {@link sampledResidualGradientBuffer}. */
export interface ResidualGradientBufferOptions {
  /** r: columns of U, V and the gradients. */
  rank: number;
  /**
   * Scale of the gradient terms.
   * @defaultValue 1
   */
  alpha?: number;
  /**
   * Scale of the previous gradients (β = 0 does not read them).
   * @defaultValue 0
   */
  beta?: number;
  /**
   * Check indices, row pointers and finiteness of S.value, U, V (and the gradients when β ≠ 0),
   * in wasm. Types, lengths and rowPtr[rows] = nnz are always checked. Pass `false` only for
   * sparse buffers checked once and factors known finite.
   * @defaultValue true
   */
  check?: boolean;
}

/**
 * Buffer-level {@link sampledResidualGradient}: writes R's values into `residual` (nnz f64, may be
 * `S.value` itself, overwritten), α·R·V + β·gradU into `gradU` (rows·rank) and α·Rᵀ·U + β·gradV into
 * `gradV` (cols·rank), all in wasm memory; returns ‖R‖².
 */
export function sampledResidualGradientBuffer(
  residual: WasmBuffer<"f64">, gradU: WasmBuffer<"f64">, gradV: WasmBuffer<"f64">,
  U: WasmBuffer<"f64">, V: WasmBuffer<"f64">, S: SparseBuffers, options: ResidualGradientBufferOptions,
): number {
  if (options === undefined) throw new TypeError("invalid options: expected { rank }, got undefined");
  checkOptions("options", options, ["rank", "alpha", "beta", "check"]);
  const { rank, alpha = 1, beta = 0, check = true } = options;
  checkInteger("rank", rank, 0, 0x7fffffff);
  checkFinite("alpha", alpha);
  checkFinite("beta", beta);
  if (typeof check !== "boolean") throw new TypeError(`invalid check: expected a boolean, got ${String(check)}`);
  const nnz = checkSparseBuffers("S", S, check);
  const m = S.rows;
  const n = S.cols;
  checkBuffer("residual", residual, "f64", nnz);
  checkBuffer("gradU", gradU, "f64", m * rank);
  checkBuffer("gradV", gradV, "f64", n * rank);
  checkBuffer("U", U, "f64", m * rank);
  checkBuffer("V", V, "f64", n * rank);
  // Outputs must not overlap any other operand, except that the residual may overwrite S.value.
  const operands: [string, WasmBuffer][] = [
    ["residual", residual], ["gradU", gradU], ["gradV", gradV], ["U", U], ["V", V], ["S.value", S.value],
  ];
  for (const [name, out] of operands.slice(0, 3)) {
    for (const [other, buffer] of operands) {
      if (other === name || (name === "residual" && other === "S.value")) continue;
      if (out === buffer) throw new RangeError(`invalid ${name}: must not be the same buffer as ${other}`);
    }
  }
  if (check) {
    checkBufferFinite("U", U, m * rank, { cols: rank });
    checkBufferFinite("V", V, n * rank, { cols: rank });
    if (beta !== 0) {
      checkBufferFinite("gradU", gradU, m * rank, { cols: rank });
      checkBufferFinite("gradV", gradV, n * rank, { cols: rank });
    }
  }
  const k = kernels<GradientKernels>();
  if (isCsr<CooBuffers, CsrBuffers>(S)) {
    return k.csrResidualGradient(residual.ptr, gradU.ptr, gradV.ptr, m, n, rank, U.ptr, V.ptr,
      S.rowPtr.ptr, S.colIdx.ptr, S.value.ptr, alpha, beta);
  }
  return k.residualGradient(residual.ptr, gradU.ptr, gradV.ptr, m, n, nnz, rank, U.ptr, V.ptr,
    S.row.ptr, S.col.ptr, S.value.ptr, alpha, beta);
}
