// Orthogonal dictionary learning instances Y = A₀·X₀, plain-JS references and a leak check for the tests.
import { expect } from "vitest";
import { bernoulliGaussian } from "../../../src/data/bernoulli.js";
import { randomOrthogonal } from "../../../src/data/orthogonal.js";
import { gemm } from "../../../src/kernels/blas/gemm.js";
import type { Matrix } from "../../../src/matrix.js";
import { runtime } from "../../../src/runtime/init.js";

export interface Instance {
  A0: Matrix;
  X0: Matrix;
  Y: Matrix;
}

/** Y = A₀·X₀ with A₀ Haar on O(n) and X₀ ~ BG(θ), n×p, from one seed. */
export function instance(n: number, p: number, theta: number, seed: number): Instance {
  const A0 = randomOrthogonal(n, { seed: 1000 + seed });
  const X0 = bernoulliGaussian(n, p, theta, { seed: 2000 + seed });
  return { A0, X0, Y: gemm(A0, X0) };
}

/** min over the columns a of A₀ and signs of ‖q ∓ a‖ for a unit vector q. */
export function distanceToNearestAtom(q: ArrayLike<number>, A0: Matrix): number {
  let best = Infinity;
  for (let j = 0; j < A0.cols; j++) {
    let dot = 0;
    for (let i = 0; i < A0.rows; i++) dot += q[i] * A0.data[i * A0.cols + j];
    let s = 0;
    for (let i = 0; i < A0.rows; i++) s += (q[i] - Math.sign(dot || 1) * A0.data[i * A0.cols + j]) ** 2;
    best = Math.min(best, Math.sqrt(s));
  }
  return best;
}

/** ‖MᵀM − I‖_max for a matrix M with orthonormal columns (plain loops). */
export function orthogonalityDefect(M: Matrix): number {
  let worst = 0;
  for (let a = 0; a < M.cols; a++) {
    for (let b = 0; b < M.cols; b++) {
      let s = 0;
      for (let i = 0; i < M.rows; i++) s += M.data[i * M.cols + a] * M.data[i * M.cols + b];
      worst = Math.max(worst, Math.abs(s - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/** Runs `body` and checks that the wasm arena holds exactly what it held before. */
export async function noLeak(body: () => Promise<void>): Promise<void> {
  const before = runtime().arena.stats();
  await body();
  const after = runtime().arena.stats();
  expect(after.buffersLive).toBe(before.buffersLive);
  expect(after.bytesLive).toBe(before.bytesLive);
}
