import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import type { Problem } from "../../src/problems/problem.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import { checkHessian } from "../../src/landscape/check-hessian.js";
import { gaussianOperator } from "../../src/sensing/gaussian-operator.js";
import { sensingProblem, symmetricSensingProblem, type FactorPair } from "../../src/sensing/problems.js";

beforeAll(async () => {
  await init();
});

function randomMatrix(rows: number, cols: number, rng: Rng): Matrix {
  return { rows, cols, data: rng.normalArray(rows * cols) };
}

/** The problem with its Euclidean gradient scaled by `s` (a wrong gradient the check must catch). */
function scaledGradient<P>(p: Problem<P>, s: number): Problem<P> {
  const M = p.manifold;
  return { ...p, costAndGrad: undefined, egrad: (x) => M.lincomb(x, s, p.egrad(x)) };
}

/** The problem with its Euclidean Hessian scaled by 1/2 (the missing-factor-2 bug). */
function halvedHessian<P>(p: Problem<P>): Problem<P> {
  const M = p.manifold;
  return { ...p, ehessVec: (x, u) => M.lincomb(x, 0.5, p.ehessVec!(x, u)) };
}

describe("matrix sensing problems", () => {
  test("symmetric ¼‖𝒜(UUᵀ) − y‖² + (λ/2)‖U‖²: gradient and Hessian pass the Taylor checks (and a wrong one fails)", () => {
    const rng = new Rng(1);
    for (const [symmetricOperator, lambda] of [[true, 0], [false, 0.3]] as const) {
      const op = gaussianOperator([8, 8], 60, { seed: 4, symmetric: symmetricOperator });
      const y = rng.normalArray(60);
      const p = symmetricSensingProblem(op, y, { rank: 3, lambda });
      for (let seed = 1; seed <= 3; seed++) {
        const U = randomMatrix(8, 3, rng);
        const g = checkGradient(p, U, { seed });
        expect(g.passed).toBe(true);
        const h = checkHessian(p, U, { seed });
        expect(h.passed).toBe(true);
        // costAndGrad agrees with cost and egrad
        const both = p.costAndGrad!(U);
        expect(both.cost).toBe(p.cost(U));
        expect(Array.from(both.egrad.data)).toEqual(Array.from(p.egrad(U).data));
      }
      const U = randomMatrix(8, 3, rng);
      expect(checkGradient(scaledGradient(p, 1.1), U).passed).toBe(false);
      expect(checkHessian(halvedHessian(p), U).passed).toBe(false);
      op.dispose();
    }
  });

  test("general ½‖𝒜(UVᵀ) − y‖² + (β/8)‖UᵀU − VᵀV‖² + (λ/2)(‖U‖² + ‖V‖²): Taylor checks pass for every term", () => {
    const rng = new Rng(2);
    const op = gaussianOperator([7, 5], 50, { seed: 8 });
    const y = rng.normalArray(50);
    for (const [balance, lambda] of [[0, 0], [1, 0], [2.5, 0.4]] as const) {
      const p = sensingProblem(op, y, { rank: 2, balance, lambda });
      for (let seed = 1; seed <= 3; seed++) {
        const x: FactorPair = [randomMatrix(7, 2, rng), randomMatrix(5, 2, rng)];
        expect(checkGradient(p, x, { seed }).passed).toBe(true);
        expect(checkHessian(p, x, { seed }).passed).toBe(true);
      }
      const x: FactorPair = [randomMatrix(7, 2, rng), randomMatrix(5, 2, rng)];
      expect(checkGradient(scaledGradient(p, 0.9), x).passed).toBe(false);
      expect(checkHessian(halvedHessian(p), x).passed).toBe(false);
    }
    op.dispose();
  });

  test("the cost is the stated formula (against a plain-JS evaluation through apply)", () => {
    const rng = new Rng(3);
    const op = gaussianOperator([6, 4], 30, { seed: 1 });
    const y = rng.normalArray(30);
    const [U, V] = [randomMatrix(6, 2, rng), randomMatrix(4, 2, rng)];
    const X = { rows: 6, cols: 4, data: new Float64Array(24) };
    for (let i = 0; i < 6; i++) for (let j = 0; j < 4; j++) for (let l = 0; l < 2; l++) X.data[i * 4 + j] += U.data[i * 2 + l] * V.data[j * 2 + l];
    const ax = op.apply(X);
    let data = 0;
    for (let k = 0; k < 30; k++) data += (ax[k] - y[k]) ** 2;
    const gram = (A: Matrix): number[] => [0, 1, 2, 3].map((q) => {
      const [a, b] = [q >> 1, q & 1];
      let s = 0;
      for (let i = 0; i < A.rows; i++) s += A.data[i * 2 + a] * A.data[i * 2 + b];
      return s;
    });
    const gu = gram(U);
    const gv = gram(V);
    let imbalance = 0;
    for (let q = 0; q < 4; q++) imbalance += (gu[q] - gv[q]) ** 2;
    const norms = gu[0] + gu[3] + gv[0] + gv[3];
    const expected = data / 2 + (1.5 / 8) * imbalance + (0.2 / 2) * norms;
    expect(sensingProblem(op, y, { rank: 2, balance: 1.5, lambda: 0.2 }).cost([U, V])).toBeCloseTo(expected, 10);
    op.dispose();
  });

  test("bad arguments name the argument", () => {
    const op = gaussianOperator([4, 3], 10);
    const y = new Float64Array(10);
    expect(() => sensingProblem({} as never, y, { rank: 1 })).toThrow("invalid operator: expected a GaussianOperator");
    expect(() => sensingProblem(op, new Float64Array(9), { rank: 1 })).toThrow("invalid y: expected length 10, got length 9");
    expect(() => sensingProblem(op, y.map((_, i) => (i === 4 ? NaN : 0)), { rank: 1 })).toThrow("invalid y: entry 4 is NaN");
    expect(() => sensingProblem(op, y, { rank: 4 })).toThrow("invalid rank: expected an integer in [1, 3], got 4");
    expect(() => sensingProblem(op, y, { rank: 1, lambda: -1 })).toThrow("invalid lambda: expected a finite number ≥ 0, got -1");
    expect(() => sensingProblem(op, y, { rank: 1, balance: NaN })).toThrow("invalid balance");
    expect(() => sensingProblem(op, y, { rank: 1, lamda: 1 } as never)).toThrow("lamda");
    expect(() => symmetricSensingProblem(op, y, { rank: 1 })).toThrow("invalid operator: the symmetric problem needs a square operator, got 4×3");
    op.dispose();
    expect(() => sensingProblem(op, y, { rank: 1 })).toThrow("invalid operator: it was disposed");
  });
});
