// orthogonalGroup(n): the orthogonal group O(n) = { X ∈ ℝ^{n×n} : XᵀX = I }.
import type { Matrix } from "../matrix.js";
import { checkChoice, checkInteger, checkOptions } from "../validate.js";
import type { Manifold } from "./manifold.js";
import { stiefelLike, type StiefelOptions } from "./stiefel.js";

/**
 * The orthogonal group O(n) = St(n, n), dimension n(n − 1)/2, as a Riemannian submanifold of
 * ℝ^{n×n} with the Frobenius metric; tangent vectors are ambient matrices ξ = X·Ω with Ω
 * skew-symmetric (Absil, Mahony & Sepulchre 2008, §3.5.7; Boumal 2023, §7.4). Every operation
 * is the Stiefel one with k = n: P_X(U) = U − X·sym(XᵀU) = X·skew(XᵀU), QR or polar retraction,
 * Hess f(X)[U] = P_X(∇²f̄(X)[U] − U·sym(Xᵀ∇f̄(X))), transport(X, Y, U) = P_Y(U). Random points are
 * Haar-uniform on O(n) (both components, det = ±1). The retraction stays in the connected
 * component of X. No `dist` (it would need a matrix logarithm); typicalDistance = π·√n, the
 * order of the largest geodesic distance ‖log(XᵀY)‖_F ≤ π·√(2⌊n/2⌋) within SO(n).
 *
 * @param n the size, an integer ≥ 1.
 * @param options `retraction: "qr" | "polar"` as for {@link stiefel}.
 * @throws TypeError / RangeError for a bad size, an unknown option or an unknown retraction.
 */
export function orthogonalGroup(n: number, options: StiefelOptions = {}): Manifold<Matrix> {
  checkInteger("n", n, 1);
  checkOptions("orthogonalGroup options", options, ["retraction"]);
  const retraction = checkChoice("retraction", options.retraction ?? "qr", ["qr", "polar"] as const);
  return stiefelLike(n, n, retraction, `O(${n})`, Math.PI * Math.sqrt(n));
}
