// kronecker(A, B): the Kronecker product, the separable 2-D dictionary of two 1-D ones.
import type { Matrix } from "../../matrix.js";

/**
 * A ⊗ B, the (A.rows·B.rows) × (A.cols·B.cols) matrix with entry (i·B.rows + s, k·B.cols + l) =
 * A[i, k]·B[s, l]. With A and B 1-D dictionaries for the rows and the columns of a patch stored
 * row-major (entry (i, s) at i·cols + s), its column k·B.cols + l is the outer product of atom k
 * of A and atom l of B: the separable 2-D dictionary, whose adjoint maps a patch P to AᵀPB.
 */
export function kronecker(a: Matrix, b: Matrix): Matrix {
  const rows = a.rows * b.rows;
  const cols = a.cols * b.cols;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < a.rows; i++) {
    for (let s = 0; s < b.rows; s++) {
      const out = (i * b.rows + s) * cols;
      for (let k = 0; k < a.cols; k++) {
        const aik = a.data[i * a.cols + k];
        const at = out + k * b.cols;
        for (let l = 0; l < b.cols; l++) data[at + l] = aik * b.data[s * b.cols + l];
      }
    }
  }
  return { rows, cols, data };
}

/**
 * The (rows·cols)×atoms dictionary of a rows×cols patch must fit in one Float64Array: a RangeError
 * naming the larger size otherwise, before the factors are built.
 */
export function checkKroneckerSize(rows: number, cols: number, atoms: number): void {
  const entries = rows * cols * atoms;
  if (entries > 2 ** 32) {
    throw new RangeError(
      `invalid ${rows >= cols ? "rows" : "cols"}: the ${rows * cols}×${atoms} dictionary of ${rows}×${cols} patches ` +
        `has ${entries} entries, more than one Float64Array can hold`,
    );
  }
}
