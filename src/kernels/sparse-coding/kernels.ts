// The wasm exports the sparse coders call on buffers resident in wasm memory (byte addresses are
// numbers): the per-row steps of assembly/sparse-coding/ and the BLAS kernels they combine with.
// Internal to the sparse family: the coders check their inputs once, at their front door.
import type { ResidentKernels } from "../../problems/resident.js";

/** Pointer-level signatures, as in assembly/sparse-coding/ and assembly/blas/ (copy, dot, gemv, gemm: ResidentKernels). */
export interface SparseCodingKernels extends ResidentKernels {
  /**
   * One FISTA step per row: x⁺ (into xPrev), ⟨y − x⁺, x⁺ − x⟩ (restart) and ‖x⁺ − x‖² (step) per
   * row; returns the number of nonzeros of x⁺.
   */
  lassoFistaStep(
    rows: number, k: number, x: number, xPrev: number, grad: number, gradPrev: number, beta: number,
    invL: number, lambda: number, nonnegative: number, restart: number, step: number,
  ): number;
  /**
   * lassoFistaStep, then per row, while the running count of nonzeros of x⁺ is at most
   * `maxNonzeros`: lassoGramGradient (into gradPrev) and lassoRowStats of x⁺ (fused per row, the
   * same bits). Returns the number of nonzeros of x⁺.
   */
  lassoFistaIteration(
    rows: number, k: number, x: number, xPrev: number, grad: number, gradPrev: number, beta: number,
    invL: number, lambda: number, nonnegative: number, restart: number, step: number,
    b: number, gram: number, yy: number, violation: number, objective: number, maxNonzeros: number,
  ): number;
  /** g = Gx − b per row, summed over the nonzeros of x. */
  lassoGramGradient(rows: number, k: number, x: number, grad: number, b: number, gram: number): void;
  /** Per row: the largest KKT violation of the lasso and its objective, from x, ∇f(x) and b = Aᵀy. */
  lassoRowStats(
    rows: number, k: number, x: number, grad: number, b: number, yy: number, lambda: number, nonnegative: number,
    violation: number, objective: number,
  ): void;
  /** One cyclic coordinate-descent sweep per row on the Gram matrix; leaves ∇f(x) in grad. */
  lassoCdSweep(
    rows: number, k: number, x: number, grad: number, b: number, gram: number, lambda: number, nonnegative: number,
    step: number,
  ): void;
  /** One batch-OMP step per row (one atom added, least squares refit, status per row). */
  ompStep(
    rows: number, k: number, maxAtoms: number, gram: number, b: number, yy: number, tolerance: number,
    alpha: number, coef: number, support: number, chol: number, count: number, residual: number, status: number,
  ): void;
  asum(n: number, x: number, incx: number): number;
  syrk(
    trans: number, n: number, k: number, alpha: number, a: number, lda: number,
    beta: number, c: number, ldc: number, work: number,
  ): void;
  syrkWorkspaceSize(n: number, k: number): number;
}
