// solve(A, B): X with A·X = B for square A, by LU with partial pivoting (wasm luFactor/luSolve).
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import { asRhsKind, checkFiniteSquare, checkRhs } from "./solve-common.js";

/** Kernel signatures used by the LU wrappers (byte pointers, row-major storage). */
export interface LUKernels {
  luFactor(a: number, n: number, lda: number, piv: number): number;
  luSolve(b: number, p: number, ldb: number, a: number, n: number, lda: number, piv: number): void;
  luSolveTransposed(b: number, a: number, n: number, lda: number, piv: number): void;
}

/**
 * Solves A·X = B for a square n×n matrix A by Gaussian elimination with partial pivoting,
 * P·A = L·U (Golub & Van Loan, Matrix Computations 4th ed., §3.4, Algorithm 3.4.1), then
 * forward and back substitution.
 *
 * `B` is an n×p Matrix (p right-hand sides) or a Float64Array of length n; X has the same kind.
 *
 * Accuracy: backward stable in practice (Higham, ASNA 2nd ed., Thm 9.4; the pivot growth
 * factor is small for all but contrived matrices): the computed X solves (A + ΔA)·X = B with
 * ‖ΔA‖ ≲ c·n·u·‖A‖, so ‖X − X*‖/‖X*‖ ≲ c·n·cond(A)·u.
 *
 * Near-singular A: no warning is raised and X is returned as computed, its relative error
 * growing like cond(A)·u (meaningless once cond(A) ≳ 1/u ≈ 10¹⁶). Check with {@link rcond}
 * when that matters.
 *
 * @throws RangeError naming `A` if it is not square, has a NaN or ±Infinity entry, or is
 * singular (some column has no non-zero pivot: the message names the 0-based column), and
 * naming `B` if its rows do not match or it has a non-finite entry.
 */
export function solve(A: Matrix, B: Float64Array): Float64Array;
export function solve(A: Matrix, B: Matrix): Matrix;
export function solve(A: Matrix, B: Matrix | Float64Array): Matrix | Float64Array {
  checkFiniteSquare("A", A);
  const n = A.rows;
  const rhs = checkRhs("B", B, n);
  const { luFactor, luSolve } = kernels<LUKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [A.data.length, rhs.data.length], i32: [n] });
    const a = s.f64From(A.data);
    const piv = s.i32(n);
    const b = s.f64From(rhs.data);
    const info = luFactor(a.ptr, n, n, piv.ptr);
    if (info > 0) throw singularError(info - 1);
    luSolve(b.ptr, rhs.cols, rhs.cols, a.ptr, n, n, piv.ptr);
    return asRhsKind(rhs, n, b.toArray());
  });
}

/** The error for an exactly zero pivot in column `k`. */
export function singularError(k: number): RangeError {
  return new RangeError(`invalid A: singular, column ${k} has no non-zero pivot in its LU factorization`);
}
