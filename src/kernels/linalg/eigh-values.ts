// eighValues(A): the eigenvalues alone of a real symmetric matrix over the wasm `eighValues` kernel.
import type { Matrix } from "../../matrix.js";
import { kernels, runtime } from "../../runtime/init.js";
import { checkSymmetricInput, type EighOptions } from "./eigh.js";

interface EighValuesKernel {
  eighValues(values: number, n: number, a: number, lda: number, work: number): number;
  eighWorkspaceSize(n: number): number;
}

/**
 * The eigenvalues of the real symmetric n×n matrix `a`, ascending — {@link eigh} without the
 * eigenvectors, several times faster for large n (Householder tridiagonalization, 4n³/3 flops,
 * then the implicit-shift QL iteration on the tridiagonal matrix, O(n²)).
 *
 * Accuracy: backward stable; each eigenvalue has absolute error ≈ ε‖A‖₂. Within
 * `symmetryTolerance` only the lower triangle of `a` is used. Non-finite input is rejected.
 *
 * @throws TypeError if `a` is not a matrix or an option has the wrong type.
 * @throws RangeError if `a` is not square, has a non-finite entry, or is not symmetric.
 * @throws Error if the QL iteration does not converge within 30·n sweeps (not seen in practice).
 */
export function eighValues(a: Matrix, options: EighOptions = {}): Float64Array {
  checkSymmetricInput(a, options);
  const n = a.rows;
  const k = kernels<EighValuesKernel>();
  return runtime().arena.scope((s) => {
    const workLength = k.eighWorkspaceSize(n);
    s.reserve({ f64: [n * n, n, workLength] });
    const ab = s.f64From(a.data);
    const values = s.f64(n);
    const work = s.f64(workLength);
    const info = k.eighValues(values.ptr, n, ab.ptr, n, work.ptr);
    if (info !== 0) {
      throw new Error(`eighValues: the QL iteration did not converge (stopped at eigenvalue ${info - 1} of ${n} after 30·n sweeps)`);
    }
    return values.toArray();
  });
}
