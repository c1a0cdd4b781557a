// choleskySolve(L, B): X with L·Lᵀ·X = B, over the wasm choleskySolve kernel.
import { kernels, runtime } from "../../runtime/init.js";
import type { Matrix } from "../../matrix.js";
import type { CholeskyKernels } from "./cholesky.js";
import { asRhsKind, checkFiniteSquare, checkRhs } from "./solve-common.js";

/**
 * Solves A·X = B given the Cholesky factor L of A = L·Lᵀ (from {@link cholesky}): forward
 * substitution L·Y = B, then back substitution Lᵀ·X = Y (Golub & Van Loan §3.1, §4.2).
 *
 * `L` is n×n; only its lower triangle with the diagonal is read. `B` is an n×p Matrix (p
 * right-hand sides) or a Float64Array of length n; X has the same kind.
 *
 * Accuracy: each triangular solve is backward stable, so with L from `cholesky` the computed X
 * solves (A + ΔA)·X = B with ‖ΔA‖ ≲ c·n·u·‖A‖, and ‖X − X*‖/‖X*‖ ≲ c·n·cond(A)·u.
 *
 * @throws RangeError naming `L` if it is not square, has a non-finite entry or a diagonal entry
 * that is not > 0 (not a Cholesky factor), and naming `B` if its rows do not match or it has a
 * non-finite entry.
 */
export function choleskySolve(L: Matrix, B: Float64Array): Float64Array;
export function choleskySolve(L: Matrix, B: Matrix): Matrix;
export function choleskySolve(L: Matrix, B: Matrix | Float64Array): Matrix | Float64Array {
  checkFiniteSquare("L", L);
  const n = L.rows;
  for (let i = 0; i < n; i++) {
    const d = L.data[i * n + i];
    if (!(d > 0)) {
      throw new RangeError(`invalid L: diagonal entry ${i} is ${d}; expected a Cholesky factor with a positive diagonal`);
    }
  }
  const rhs = checkRhs("B", B, n);
  const { choleskySolve: solveKernel } = kernels<CholeskyKernels>();
  return runtime().arena.scope((s) => {
    s.reserve({ f64: [L.data.length, rhs.data.length] });
    const l = s.f64From(L.data);
    const b = s.f64From(rhs.data);
    solveKernel(b.ptr, rhs.cols, rhs.cols, l.ptr, n, n);
    return asRhsKind(rhs, n, b.toArray());
  });
}
