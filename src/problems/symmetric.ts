// Argument checks shared by the worked problems: a finite, square, symmetric matrix.
import type { Matrix } from "../matrix.js";
import { checkAllFinite, checkMatrix, checkSquare, checkSymmetric } from "../validate.js";

/**
 * Checks that `a` is a finite square matrix, symmetric within `tolerance · max|aᵢⱼ|`
 * (the same rule as `eigh`). Internal; not re-exported.
 */
export function checkSymmetricMatrix(name: string, a: unknown, tolerance = 1.5e-8): Matrix {
  const m = checkMatrix(name, a);
  checkSquare(name, m);
  if (m.rows === 0) throw new RangeError(`invalid ${name}: expected a non-empty matrix, got a 0×0 matrix`);
  checkAllFinite(name, m.data);
  checkSymmetric(name, m, tolerance);
  return m;
}
