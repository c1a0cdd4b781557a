// orthogonalGroup(n): the orthogonal group O(n) = { X ∈ ℝ^{n×n} : XᵀX = I }, or its component SO(n).
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { eigh } from "../kernels/linalg/eigh.js";
import { checkBoolean, checkChoice, checkInteger, checkOptions } from "../validate.js";
import { determinant } from "./determinant.js";
import { checkMat, combine, containsFrom, mat, type Manifold } from "./manifold.js";
import { orthonormalityResidual, stiefelLike, symInPlace, type StiefelOptions } from "./stiefel.js";

/** Options for {@link orthogonalGroup}. */
export interface OrthogonalGroupOptions extends StiefelOptions {
  /**
   * The special orthogonal group SO(n) = { X ∈ O(n) : det X = +1 } (the rotations) instead of
   * O(n): `random` is Haar-uniform on SO(n) and `contains` also requires det X = +1.
   * @defaultValue false
   */
  special?: boolean;
}

/**
 * The orthogonal group O(n) = St(n, n), dimension n(n − 1)/2, as a Riemannian submanifold of
 * ℝ^{n×n} with the Frobenius metric; tangent vectors are ambient matrices ξ = X·Ω with Ω
 * skew-symmetric (Absil, Mahony & Sepulchre 2008, §3.5.7; Boumal 2023, §7.4). Every operation
 * is the Stiefel one with k = n: P_X(U) = U − X·sym(XᵀU) = X·skew(XᵀU), QR or polar retraction,
 * Hess f(X)[U] = P_X(∇²f̄(X)[U] − U·sym(Xᵀ∇f̄(X))), transport(X, Y, U) = P_Y(U),
 * residual(X) = ‖XᵀX − I‖_F. typicalDistance = π·√n, the order of the largest geodesic distance
 * ‖log(XᵀY)‖_F ≤ π·√(2⌊n/2⌋) within a component.
 *
 * O(n) has two connected components, det X = +1 (the rotations, SO(n)) and det X = −1, and
 * the retraction never leaves the component of X (det(X + tXΩ) = det X·det(I + tΩ) > 0 for Ω
 * skew). Random points are Haar-uniform on O(n), so half of them lie in each component: a
 * solver started there can only reach the best point of that component. For Procrustes
 * (`procrustes`), whose global minimizer over O(n) may be a reflection, a start in the other
 * component converges to the best point of that component. When the answer must be a rotation,
 * use `{ special: true }`: SO(n), with Haar-uniform random points on SO(n) (a Haar point of O(n)
 * with its first column negated when det = −1: right multiplication by diag(−1, 1, …, 1)
 * preserves the Haar measure and swaps the components) and residual(X) =
 * max(‖XᵀX − I‖_F, |det X − 1|), so that `contains` (and every solver, for x0) rejects a reflection.
 *
 * dist(X, Y) = ‖log(XᵀY)‖_F, the geodesic distance of the bi-invariant metric (Boumal 2023,
 * §7.4), when det(XᵀY) = 1; +Infinity when X and Y lie in different components (det = −1).
 * Computed without a matrix logarithm: Q = XᵀY is normal, so the eigenvectors vᵢ of sym(Q) span
 * its invariant rotation planes, and each rotation angle is θᵢ = 2·atan2(‖(Q − I)vᵢ‖, ‖(Q + I)vᵢ‖)
 * with (Q ∓ I)vᵢ = Xᵀ(Y ∓ X)vᵢ, accurate for small angles and for angles near π alike;
 * dist = √(Σᵢ θᵢ²) (each plane counted by its two eigenvectors). Cost: one eigh and four n×n
 * products.
 *
 * @param n the size, an integer ≥ 1.
 * @param options `retraction: "qr" | "polar"` as for {@link stiefel}; `special` for SO(n).
 * @throws TypeError / RangeError for a bad size, an unknown option or an unknown retraction.
 */
export function orthogonalGroup(n: number, options: OrthogonalGroupOptions = {}): Manifold<Matrix> {
  checkInteger("n", n, 1);
  checkOptions("orthogonalGroup options", options, ["retraction", "special"]);
  const retraction = checkChoice("retraction", options.retraction ?? "qr", ["qr", "polar"] as const);
  const special = checkBoolean("special", options.special ?? false);
  const M = stiefelLike(n, n, retraction, special ? `SO(${n})` : `O(${n})`, Math.PI * Math.sqrt(n));
  M.dist = (x, y) => orthogonalDist(checkMat("x", x, n, n), checkMat("y", y, n, n));
  if (!special) return M;
  const random = M.random;
  const residual = (x: Matrix): number => {
    const r = orthonormalityResidual(checkMat("x", x, n, n));
    return Number.isNaN(r) ? r : Math.max(r, Math.abs(determinant(x) - 1));
  };
  return {
    ...M,
    constraint: "max(‖XᵀX − I‖_F, |det X − 1|)",
    residual,
    contains: containsFrom(residual),
    random: (rng) => {
      const q = random(rng);
      if (determinant(q) < 0) for (let i = 0; i < n; i++) q.data[i * n] = -q.data[i * n];
      return q;
    },
  };
}

/** ‖log(XᵀY)‖_F, or +Infinity when det(XᵀY) < 0 (see {@link orthogonalGroup}). */
function orthogonalDist(x: Matrix, y: Matrix): number {
  const n = x.rows;
  const q = gemm(x, y, { transA: true });
  if (determinant(q) < 0) return Number.POSITIVE_INFINITY;
  const v = eigh(symInPlace(q)).vectors; // q is not needed afterwards
  const minus = gemm(gemm(x, mat(n, n, combine(1, y.data, -1, x.data)), { transA: true }), v);
  const plus = gemm(gemm(x, mat(n, n, combine(1, y.data, 1, x.data)), { transA: true }), v);
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      a += minus.data[i * n + j] ** 2;
      b += plus.data[i * n + j] ** 2;
    }
    sum += (2 * Math.atan2(Math.sqrt(a), Math.sqrt(b))) ** 2;
  }
  return Math.sqrt(sum);
}
