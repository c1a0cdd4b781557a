// determinant(Q): det of a small square matrix, for the components of O(n) and Procrustes over SO(n).
import type { Matrix } from "../matrix.js";

/**
 * det(Q) by Gaussian elimination with partial pivoting (Golub & Van Loan, §3.4): the product of
 * the pivots, signed by the row swaps. Meant for matrices near orthogonal, |det| ≈ 1 (no
 * overflow); 0 for an exactly singular one.
 * @internal
 */
export function determinant(q: Matrix): number {
  const n = q.rows, m = q.data.slice();
  let det = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) [m[c * n + j], m[p * n + j]] = [m[p * n + j], m[c * n + j]];
      det = -det;
    }
    const d = m[c * n + c];
    det *= d;
    if (d === 0) return 0;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / d;
      for (let j = c; j < n; j++) m[r * n + j] -= f * m[c * n + j];
    }
  }
  return det;
}
