// Case builders (manifold + membership and tangency residuals) shared by the test files.
import type { Matrix } from "../../src/matrix.js";
import type { Manifold } from "../../src/manifolds/manifold.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { oblique } from "../../src/manifolds/oblique.js";
import { norm, orthoResidual, symResidual, type Case } from "./checks.js";

/** max over columns of |‖xⱼ‖ − 1|. */
export function offOblique(x: Matrix): number {
  let worst = 0;
  for (let j = 0; j < x.cols; j++) {
    let s = 0;
    for (let i = 0; i < x.rows; i++) s += x.data[i * x.cols + j] ** 2;
    worst = Math.max(worst, Math.abs(Math.sqrt(s) - 1));
  }
  return worst;
}

/** √(Σⱼ (xⱼᵀuⱼ)²): zero iff every column of u is orthogonal to that of x. */
export function offObliqueTangent(x: Matrix, u: Matrix): number {
  let s = 0;
  for (let j = 0; j < x.cols; j++) {
    let d = 0;
    for (let i = 0; i < x.rows; i++) d += x.data[i * x.cols + j] * u.data[i * x.cols + j];
    s += d * d;
  }
  return Math.sqrt(s);
}

const dotv = (a: Float64Array, b: Float64Array): number => a.reduce((s, ai, i) => s + ai * b[i], 0);

export const euclideanCase = (n: number): Case<Float64Array> => ({
  M: euclidean(n), offManifold: () => 0, offTangent: () => 0, secondOrder: true,
});

export const sphereCase = (n: number): Case<Float64Array> => ({
  M: sphere(n),
  offManifold: (x) => Math.abs(norm(x) - 1),
  offTangent: (x, u) => Math.abs(dotv(x, u)),
  secondOrder: true,
});

export const obliqueCase = (n: number, k: number): Case<Matrix> => ({
  M: oblique(n, k), offManifold: offOblique, offTangent: offObliqueTangent, secondOrder: true,
});

export const stiefelCase = (M: Manifold<Matrix>, retraction: "qr" | "polar"): Case<Matrix> => ({
  M, offManifold: orthoResidual, offTangent: symResidual, secondOrder: retraction === "polar",
});
