// Argument checks shared by the worked problems: a finite, square, symmetric matrix.
import type { Matrix } from "../matrix.js";
import { checkAllFinite, checkMatrix } from "../validate.js";

/**
 * Checks that `a` is a finite square matrix, symmetric within `tolerance · max|aᵢⱼ|`
 * (the same rule as `eigh`). Internal; not re-exported.
 */
export function checkSymmetricMatrix(name: string, a: unknown, tolerance = 1.5e-8): Matrix {
  const m = checkMatrix(name, a);
  if (m.rows !== m.cols) {
    throw new RangeError(`invalid ${name}: expected a square matrix, got a ${m.rows}×${m.cols} matrix`);
  }
  if (m.rows === 0) throw new RangeError(`invalid ${name}: expected a non-empty matrix, got a 0×0 matrix`);
  checkAllFinite(name, m.data);
  const n = m.rows, d = m.data;
  let maxAbs = 0;
  for (let i = 0; i < d.length; i++) maxAbs = Math.max(maxAbs, Math.abs(d[i]));
  const bound = tolerance * maxAbs;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(d[i * n + j] - d[j * n + i]) > bound) {
        throw new RangeError(
          `invalid ${name}: expected a symmetric matrix, but ${name}[${i}][${j}] = ${d[i * n + j]} ≠ ${name}[${j}][${i}] = ${d[j * n + i]}`,
        );
      }
    }
  }
  return m;
}
