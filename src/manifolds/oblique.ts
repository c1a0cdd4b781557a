// oblique(n, k): the oblique manifold OB(n, k) of n×k matrices with unit-norm columns.
import type { Matrix } from "../matrix.js";
import { dot } from "../kernels/blas/dot.js";
import { nrm2 } from "../kernels/blas/nrm2.js";
import { normalizeColumns } from "../kernels/prox/normalize-columns.js";
import { checkInteger } from "../validate.js";
import { allFinite, checkLincomb, checkMat, checkRng, checkStep, combine, containsFrom, mat, unitTangentFromDraws, type Manifold } from "./manifold.js";

/** The k column inner products Σᵢ aᵢⱼ·bᵢⱼ of two n×k row-major arrays. */
function columnDots(a: Float64Array, b: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[j] += a[i * k + j] * b[i * k + j];
  return out;
}

/** u − x·diag(c) in place on u (column j of u minus cⱼ times column j of x). */
function subtractScaledColumns(u: Float64Array, x: Float64Array, c: Float64Array, n: number, k: number): Float64Array {
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) u[i * k + j] -= c[j] * x[i * k + j];
  return u;
}

/**
 * The oblique manifold OB(n, k) = { X ∈ ℝ^{n×k} : every column of X has unit norm } — the product
 * of k spheres S^{n−1}, one per column — with the Frobenius metric (dimension (n − 1)·k). All
 * operations are the sphere's, column by column (Absil & Gallivan, "Joint diagonalization on the
 * oblique manifold for independent component analysis", ICASSP 2006; Boumal 2023, §7.2):
 * - P_X(U) = U − X·diag(diag(XᵀU)); retraction R_X(t·U) = normalized columns of X + t·U;
 * - grad f = P_X(∇f̄), Hess f(X)[U] = P_X(∇²f̄(X)[U]) − U·diag(diag(Xᵀ∇f̄(X)));
 * - dist(X, Y) = √(Σⱼ arccos(xⱼᵀyⱼ)²); random columns are uniform; typicalDistance = π·√k;
 * - residual(X) = maxⱼ |‖xⱼ‖ − 1| (NaN for a non-finite entry);
 * - transport(X, Y, U) = P_Y(U).
 *
 * @param n the column length, an integer ≥ 1.
 * @param k the number of columns, an integer ≥ 1.
 * @throws TypeError / RangeError if `n` or `k` is not an integer ≥ 1.
 */
export function oblique(n: number, k: number): Manifold<Matrix> {
  checkInteger("n", n, 1);
  checkInteger("k", k, 1);
  const check = (name: string, v: unknown): Float64Array => checkMat(name, v, n, k).data;
  const wrap = (d: Float64Array): Matrix => mat(n, k, d);
  // Columns scaled to unit norm (overflow-safe, by the prox kernel); a zero column is kept, and
  // cannot occur here: ‖xⱼ + t·uⱼ‖² = 1 + t²‖uⱼ‖² for tangent u, and random() redraws zeros.
  const unitColumns = (d: Float64Array): Matrix => normalizeColumns(wrap(d), { zeroColumns: "keep" });
  const proj = (x: Float64Array, u: Float64Array): Float64Array =>
    subtractScaledColumns(u.slice(), x, columnDots(x, u, n, k), n, k);
  const residual = (x: Matrix): number => {
    const xd = check("x", x);
    if (!allFinite(xd)) return NaN;
    const squares = columnDots(xd, xd, n, k);
    let worst = 0;
    for (let j = 0; j < k; j++) worst = Math.max(worst, Math.abs(Math.sqrt(squares[j]) - 1));
    return worst;
  };
  return {
    name: `Oblique(${n}, ${k})`,
    dimension: (n - 1) * k,
    typicalDistance: Math.PI * Math.sqrt(k),
    constraint: "maxⱼ |‖xⱼ‖ − 1|",
    residual,
    contains: containsFrom(residual),
    inner: (x, u, v) => (check("x", x), dot(check("u", u), check("v", v))),
    norm: (x, u) => (check("x", x), nrm2(check("u", u))),
    proj: (x, u) => wrap(proj(check("x", x), check("u", u))),
    retract: (x, u, t = 1) => {
      checkStep(t);
      return unitColumns(combine(1, check("x", x), t, check("u", u)));
    },
    egradToRgrad: (x, g) => wrap(proj(check("x", x), check("egrad", g))),
    ehessToRhess: (x, g, h, u) => {
      const xd = check("x", x);
      const hx = proj(xd, check("ehess", h));
      return wrap(subtractScaledColumns(hx, check("u", u), columnDots(xd, check("egrad", g), n, k), n, k));
    },
    random: (rng) => {
      const r = checkRng(rng);
      const y = r.normalArray(n * k);
      // A zero column has probability 0; redraw it rather than return a non-unit column.
      const norms = columnDots(y, y, n, k);
      for (let j = 0; j < k; j++) {
        while (norms[j] === 0) {
          let s = 0;
          for (let i = 0; i < n; i++) s += (y[i * k + j] = r.normal()) ** 2;
          norms[j] = s;
        }
      }
      return unitColumns(y);
    },
    randomTangent: (x, rng) => {
      const xd = check("x", x);
      checkRng(rng);
      return wrap(unitTangentFromDraws((n - 1) * k, () => rng.normalArray(n * k), (g) => proj(xd, g)));
    },
    zeroTangent: (x) => (check("x", x), wrap(new Float64Array(n * k))),
    lincomb: (x, a, u, b = 1, v) => {
      check("x", x);
      checkLincomb(a, b, v !== undefined);
      return wrap(combine(a, check("u", u), b, v === undefined ? undefined : check("v", v)));
    },
    dist: (x, y) => {
      const xd = check("x", x);
      const d = combine(1, xd, -1, check("y", y));
      const sq = columnDots(d, d, n, k);
      let s = 0;
      for (let j = 0; j < k; j++) s += (2 * Math.asin(Math.min(1, Math.sqrt(sq[j]) / 2))) ** 2;
      return Math.sqrt(s);
    },
    transport: (x, y, u) => (check("x", x), wrap(proj(check("y", y), check("u", u)))),
  };
}
