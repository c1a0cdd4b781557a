// orthogonalGroup(n): the orthogonal group O(n) = { X ∈ ℝ^{n×n} : XᵀX = I }.
import type { Matrix } from "../matrix.js";
import { gemm } from "../kernels/blas/gemm.js";
import { eigh } from "../kernels/linalg/eigh.js";
import { checkChoice, checkInteger, checkOptions } from "../validate.js";
import { checkMat, combine, mat, type Manifold } from "./manifold.js";
import { stiefelLike, symInPlace, type StiefelOptions } from "./stiefel.js";

/**
 * The orthogonal group O(n) = St(n, n), dimension n(n − 1)/2, as a Riemannian submanifold of
 * ℝ^{n×n} with the Frobenius metric; tangent vectors are ambient matrices ξ = X·Ω with Ω
 * skew-symmetric (Absil, Mahony & Sepulchre 2008, §3.5.7; Boumal 2023, §7.4). Every operation
 * is the Stiefel one with k = n: P_X(U) = U − X·sym(XᵀU) = X·skew(XᵀU), QR or polar retraction,
 * Hess f(X)[U] = P_X(∇²f̄(X)[U] − U·sym(Xᵀ∇f̄(X))), transport(X, Y, U) = P_Y(U). Random points are
 * Haar-uniform on O(n) (both components, det = ±1). The retraction stays in the connected
 * component of X. typicalDistance = π·√n, the order of the largest geodesic distance
 * ‖log(XᵀY)‖_F ≤ π·√(2⌊n/2⌋) within a component.
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
 * @param options `retraction: "qr" | "polar"` as for {@link stiefel}.
 * @throws TypeError / RangeError for a bad size, an unknown option or an unknown retraction.
 */
export function orthogonalGroup(n: number, options: StiefelOptions = {}): Manifold<Matrix> {
  checkInteger("n", n, 1);
  checkOptions("orthogonalGroup options", options, ["retraction"]);
  const retraction = checkChoice("retraction", options.retraction ?? "qr", ["qr", "polar"] as const);
  const M = stiefelLike(n, n, retraction, `O(${n})`, Math.PI * Math.sqrt(n));
  M.dist = (x, y) => orthogonalDist(checkMat("x", x, n, n), checkMat("y", y, n, n));
  return M;
}

/** ‖log(XᵀY)‖_F, or +Infinity when det(XᵀY) < 0 (see {@link orthogonalGroup}). */
function orthogonalDist(x: Matrix, y: Matrix): number {
  const n = x.rows;
  const q = gemm(x, y, { transA: true });
  if (detSign(q) < 0) return Number.POSITIVE_INFINITY;
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

/** The sign of det(Q) by Gaussian elimination with partial pivoting (Q orthogonal: |det| = 1). */
function detSign(q: Matrix): number {
  const n = q.rows, m = q.data.slice();
  let sign = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]) > Math.abs(m[p * n + c])) p = r;
    if (p !== c) {
      for (let j = 0; j < n; j++) [m[c * n + j], m[p * n + j]] = [m[p * n + j], m[c * n + j]];
      sign = -sign;
    }
    const d = m[c * n + c];
    if (d < 0) sign = -sign;
    if (d === 0) return 0;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c] / d;
      for (let j = c; j < n; j++) m[r * n + j] -= f * m[c * n + j];
    }
  }
  return sign;
}
