// A plain-JavaScript determinant for the tests: an independent reference (not the library's LU).
import type { Matrix } from "../../src/matrix.js";

/** det of a small square matrix by Gaussian elimination with partial pivoting. */
export function det(a: Matrix): number {
  const n = a.rows, m = a.data.slice();
  let d = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) [m[c * n + j], m[p * n + j]] = [m[p * n + j], m[c * n + j]];
      d = -d;
    }
    d *= m[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / m[c * n + c];
      for (let j = c; j < n; j++) m[r * n + j] -= f * m[c * n + j];
    }
  }
  return d;
}
