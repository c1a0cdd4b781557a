// eigh(A): all eigenpairs of a real symmetric matrix over the wasm `eigh` kernel.
import type { Matrix } from "../../matrix.js";
import { kernels, runtime } from "../../runtime/init.js";
import { checkAllFinite, checkFinite, checkMatrix, checkOptions, checkSquare, checkSymmetric } from "../../validate.js";

interface EighKernel {
  eigh(values: number, vectors: number, n: number, a: number, lda: number, work: number): number;
  eighWorkspaceSize(n: number): number;
}

/** Options for {@link eigh}. */
export interface EighOptions {
  /**
   * How far from symmetric `a` may be: the call fails when some |aᵢⱼ − aⱼᵢ| exceeds
   * `symmetryTolerance · max|aᵢⱼ|`. Within it, only the lower triangle is used. Pass a large
   * value to skip the check and factor the symmetric matrix defined by the lower triangle.
   * @defaultValue 1.5e-8 (√ε: accepts rounding-level asymmetry of computed Hessians)
   */
  symmetryTolerance?: number;
}

/** The result of {@link eigh}: A = V·diag(values)·Vᵀ. */
export interface EighResult {
  /** The n eigenvalues, ascending (as LAPACK dsyev / numpy.linalg.eigh). */
  values: Float64Array;
  /**
   * n×n orthogonal matrix whose column j is the unit eigenvector of `values[j]`, signed so that
   * its largest-magnitude entry is positive (the first such entry on ties).
   */
  vectors: Matrix;
}

/**
 * All eigenvalues and eigenvectors of the real symmetric n×n matrix `a`.
 *
 * Algorithm: exact power-of-two scaling, Householder tridiagonalization T = QᵀAQ, then the
 * implicit Wilkinson-shift QL iteration (EISPACK tql2) with the rotations accumulated into Q
 * (Golub & Van Loan, *Matrix Computations*, §8.3); about 8n³ flops (4n³/3 + 4n³/3 for the
 * reduction and Q, ≈ 5n³ for the rotations: measured ≈ 0.9n² of them for random matrices).
 *
 * Accuracy: backward stable — the result is the exact eigendecomposition of A + E with
 * ‖E‖₂ ≈ ε‖A‖₂ — so each eigenvalue has absolute error ≈ ε‖A‖₂ (small eigenvalues are not
 * relatively accurate) and each eigenvector is accurate to ≈ ε‖A‖₂ / gap, gap being the distance
 * to the rest of the spectrum; `vectors` is orthogonal to ≈ nε.
 *
 * Only the lower triangle of `a` enters the computation, after a check that `a` is symmetric
 * within `symmetryTolerance`. Non-finite input (NaN, ±Infinity) is rejected with a RangeError.
 *
 * @throws TypeError if `a` is not a matrix or an option has the wrong type.
 * @throws RangeError if `a` is not square, has a non-finite entry, or is not symmetric.
 * @throws Error if the QL iteration does not converge within 30·n sweeps (not seen in practice).
 */
export function eigh(a: Matrix, options: EighOptions = {}): EighResult {
  checkSymmetricInput(a, options);
  const n = a.rows;
  const k = kernels<EighKernel>();
  return runtime().arena.scope((s) => {
    const workLength = k.eighWorkspaceSize(n);
    s.reserve({ f64: [n * n, n, n * n, workLength] });
    const ab = s.f64From(a.data);
    const values = s.f64(n);
    const vectors = s.f64(n * n);
    const work = s.f64(workLength);
    const info = k.eigh(values.ptr, vectors.ptr, n, ab.ptr, n, work.ptr);
    if (info !== 0) {
      throw new Error(`eigh: the QL iteration did not converge (stopped at eigenvalue ${info - 1} of ${n} after 30·n sweeps)`);
    }
    return { values: values.toArray(), vectors: { rows: n, cols: n, data: vectors.toArray() } };
  });
}

/**
 * The argument checks of {@link eigh} (also used by `eighValues`): a finite, square matrix,
 * symmetric within `options.symmetryTolerance`. Internal; not re-exported.
 */
export function checkSymmetricInput(a: Matrix, options: EighOptions): void {
  checkMatrix("a", a);
  checkOptions("options", options, ["symmetryTolerance"]);
  const { symmetryTolerance = 1.5e-8 } = options;
  checkFinite("symmetryTolerance", symmetryTolerance, 0);
  checkSquare("a", a);
  checkAllFinite("a", a.data);
  checkSymmetric("a", a, symmetryTolerance);
}
