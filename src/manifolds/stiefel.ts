// stiefel(n, k): the Stiefel manifold St(n, k) = { X ∈ ℝ^{n×k} : XᵀX = I_k }.
import type { Matrix } from "../matrix.js";
import { dot } from "../kernels/blas/dot.js";
import { nrm2 } from "../kernels/blas/nrm2.js";
import { gemm } from "../kernels/blas/gemm.js";
import { qr } from "../kernels/linalg/qr.js";
import { polar } from "../kernels/linalg/polar.js";
import { checkChoice, checkInteger, checkOptions } from "../validate.js";
import { allFinite, checkLincomb, checkMat, checkRng, checkStep, combine, containsFrom, mat, unitTangentFromDraws, type Manifold } from "./manifold.js";

/** Options for {@link stiefel} and {@link orthogonalGroup}. */
export interface StiefelOptions {
  /**
   * The retraction: `"qr"` — R_X(t·U) = qf(X + t·U), the Q factor of the thin QR factorization
   * with a positive diagonal in R (first order, cheapest); `"polar"` — R_X(t·U) = the polar factor
   * (X + t·U)(I + t²UᵀU)^{−1/2} (second order, the metric projection onto the manifold).
   * @defaultValue "qr"
   */
  retraction?: "qr" | "polar";
}

/**
 * sym(A) = (A + Aᵀ)/2 of a k×k matrix, in place (also used by orthogonal.ts and the sensing problems).
 * @internal
 */
export function symInPlace(a: Matrix): Matrix {
  const { rows: k, data } = a;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const s = (data[i * k + j] + data[j * k + i]) / 2;
      data[i * k + j] = s;
      data[j * k + i] = s;
    }
  }
  return a;
}

/** U − X·sym(XᵀW) (W = U gives the tangent projection). */
function minusXSym(x: Matrix, w: Matrix, u: Matrix): Matrix {
  const s = symInPlace(gemm(x, w, { transA: true }));
  return gemm(x, s, { alpha: -1, beta: 1, C: u });
}

/**
 * ‖XᵀX − I‖_F of an n×k matrix (NaN for a non-finite entry): the orthonormality residual.
 * @internal
 */
export function orthonormalityResidual(x: Matrix): number {
  if (!allFinite(x.data)) return NaN;
  const g = gemm(x, x, { transA: true }).data;
  const k = x.cols;
  for (let i = 0; i < k; i++) g[i * k + i] -= 1;
  return nrm2(g);
}

/**
 * Builds the manifold; shared by {@link stiefel} and {@link orthogonalGroup}.
 * @internal
 */
export function stiefelLike(
  n: number, k: number, retraction: "qr" | "polar", name: string, typicalDistance: number,
): Manifold<Matrix> {
  const check = (label: string, v: unknown): Matrix => checkMat(label, v, n, k);
  const wrap = (d: Float64Array): Matrix => mat(n, k, d);
  const proj = (x: Matrix, u: Matrix): Matrix => minusXSym(x, u, u);
  const orthonormalize = (y: Matrix): Matrix => (retraction === "qr" ? qr(y).Q : polar(y).Q);
  const dimension = n * k - (k * (k + 1)) / 2;
  const residual = (x: Matrix): number => orthonormalityResidual(check("x", x));
  return {
    name,
    dimension,
    typicalDistance,
    constraint: "‖XᵀX − I‖_F",
    residual,
    contains: containsFrom(residual),
    inner: (x, u, v) => (check("x", x), dot(check("u", u).data, check("v", v).data)),
    norm: (x, u) => (check("x", x), nrm2(check("u", u).data)),
    proj: (x, u) => proj(check("x", x), check("u", u)),
    retract: (x, u, t = 1) => {
      checkStep(t);
      return orthonormalize(wrap(combine(1, check("x", x).data, t, check("u", u).data)));
    },
    egradToRgrad: (x, g) => proj(check("x", x), check("egrad", g)),
    ehessToRhess: (x, g, h, u) => {
      const xm = check("x", x);
      const ud = check("u", u);
      // P_X(∇²f̄[U] − U·sym(Xᵀ∇f̄)) (Boumal 2023, §7.3, eq. (7.39) with the embedded metric).
      const s = symInPlace(gemm(xm, check("egrad", g), { transA: true }));
      const w = gemm(ud, s, { alpha: -1, beta: 1, C: check("ehess", h) });
      return proj(xm, w);
    },
    random: (rng) => {
      const r = checkRng(rng);
      // qf of a Gaussian matrix with R's diagonal positive is Haar-distributed (Mezzadri 2007).
      for (;;) {
        const { Q, R } = qr(wrap(r.normalArray(n * k)));
        let fullRank = true;
        for (let i = 0; i < k; i++) if (!(R.data[i * k + i] > 0)) fullRank = false;
        if (fullRank) return Q;
      }
    },
    randomTangent: (x, rng) => {
      check("x", x);
      checkRng(rng);
      return wrap(unitTangentFromDraws(dimension, () => rng.normalArray(n * k), (g) => proj(x, wrap(g)).data));
    },
    zeroTangent: (x) => (check("x", x), wrap(new Float64Array(n * k))),
    lincomb: (x, a, u, b = 1, v) => {
      check("x", x);
      checkLincomb(a, b, v !== undefined);
      return wrap(combine(a, check("u", u).data, b, v === undefined ? undefined : check("v", v).data));
    },
    transport: (x, y, u) => (check("x", x), proj(check("y", y), check("u", u))),
  };
}

/**
 * The Stiefel manifold St(n, k) = { X ∈ ℝ^{n×k} : XᵀX = I_k } of orthonormal k-frames, dimension
 * nk − k(k+1)/2, as a Riemannian submanifold of ℝ^{n×k} with the Frobenius (embedded) metric
 * (Absil, Mahony & Sepulchre 2008, §3.3.2, §4.1.1, §5.3.3, Example 4.1.3; Boumal 2023, §7.3):
 * - T_X = { ξ : Xᵀξ + ξᵀX = 0 }, P_X(U) = U − X·sym(XᵀU), sym(A) = (A + Aᵀ)/2;
 * - retraction: QR, R_X(t·U) = qf(X + t·U) (R with positive diagonal), or polar,
 *   R_X(t·U) = (X + t·U)(I + t²UᵀU)^{−1/2} = the polar factor of X + t·U;
 * - grad f = P_X(∇f̄), Hess f(X)[U] = P_X(∇²f̄(X)[U] − U·sym(Xᵀ∇f̄(X)));
 * - random points are Haar-uniform (qf of a Gaussian matrix); typicalDistance = √k (Manopt);
 * - residual(X) = ‖XᵀX − I‖_F (NaN for a non-finite entry);
 *   no closed-form distance (`dist` is absent); transport(X, Y, U) = P_Y(U).
 *
 * @param n the number of rows, an integer ≥ 1.
 * @param k the number of columns, an integer in [1, n].
 * @throws TypeError / RangeError for bad sizes, an unknown option or an unknown retraction.
 */
export function stiefel(n: number, k: number, options: StiefelOptions = {}): Manifold<Matrix> {
  checkInteger("n", n, 1);
  checkInteger("k", k, 1, n);
  checkOptions("stiefel options", options, ["retraction"]);
  const retraction = checkChoice("retraction", options.retraction ?? "qr", ["qr", "polar"] as const);
  return stiefelLike(n, k, retraction, `Stiefel(${n}, ${k})`, Math.sqrt(k));
}
