// sparseCode's answers against independent references: the lasso's KKT conditions checked from
// scratch in plain JS, plain-JS coordinate descent run to convergence, plain OMP by its
// definition, and least squares on OMP's support.
import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { sparseCode } from "../../src/sparse/sparse-code.js";
import { eachBinary } from "../helpers/binaries.js";
import { col, kktResidual, lassoObjective, leastSquaresOnSupport, referenceLasso, referenceOmp } from "./coding-reference.js";
import { instance } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The largest relative KKT residual over the columns, from scratch. */
function worstKkt(Y: Matrix, A: Matrix, X: Matrix, lambda: number, nonnegative: boolean): number {
  let worst = 0;
  for (let j = 0; j < Y.cols; j++) worst = Math.max(worst, kktResidual(A, col(Y, j), col(X, j), lambda, nonnegative));
  return worst;
}

describe("lasso: fista and cd", () => {
  test("the KKT conditions hold to 1e-8 (relative) at the codes, overcomplete dictionary, plain and nonnegative, on every build", async () => {
    const { A, Y } = instance(20, 40, 24, 0.1, 0.05, 11);
    await eachBinary(async (binary) => {
      for (const method of ["fista", "cd"] as const) {
        for (const nonnegative of [false, true]) {
          for (const gram of method === "fista" ? [true, false] : [undefined]) {
            const r = await sparseCode(Y, A, {
              method, ...(gram === undefined ? {} : { gram }), lambda: 0.1, nonnegative, gradientTolerance: 1e-8, maxIterations: 20_000,
            });
            const where = `${binary} ${method} gram=${gram} nonnegative=${nonnegative}`;
            expect(r.result.reason, where).toBe("gradient-tolerance");
            expect(worstKkt(Y, A, r.codes, 0.1, nonnegative), where).toBeLessThanOrEqual(1e-8);
            expect(r.result.gradientNorm, where).toBeLessThanOrEqual(1e-8);
            // The codes are sparse: the lasso keeps far fewer than n atoms.
            const nonzeros = r.codes.data.filter((v) => v !== 0).length;
            expect(nonzeros, where).toBeLessThan(0.5 * 20 * 24);
          }
        }
      }
    });
  });

  test("agrees with plain-JS coordinate descent on a well-conditioned instance: codes to 1e-8, objectives to 1e-10", async () => {
    const { A, Y } = instance(30, 12, 10, 0.4, 0.1, 21);
    for (const nonnegative of [false, true]) {
      const lambda = 0.3;
      const refs = Array.from({ length: Y.cols }, (_, j) => referenceLasso(A, col(Y, j), lambda, nonnegative));
      for (const method of ["fista", "cd"] as const) {
        const r = await sparseCode(Y, A, { method, lambda, nonnegative, gradientTolerance: 1e-11, maxIterations: 20_000 });
        for (let j = 0; j < Y.cols; j++) {
          const x = col(r.codes, j);
          for (let k = 0; k < A.cols; k++) expect(Math.abs(x[k] - refs[j][k]), `${method} ${j} ${k}`).toBeLessThan(1e-8);
          const want = lassoObjective(A, col(Y, j), refs[j], lambda);
          expect(Math.abs(r.objective[j] - want)).toBeLessThanOrEqual(1e-10 * want);
          // The objective reported is that of the codes returned, to rounding.
          expect(Math.abs(r.objective[j] - lassoObjective(A, col(Y, j), x, lambda))).toBeLessThanOrEqual(1e-13 * want);
          // On a strongly convex problem the support is found exactly.
          for (let k = 0; k < A.cols; k++) expect(x[k] === 0, `${method} ${j} ${k}`).toBe(refs[j][k] === 0);
        }
      }
    }
  });

  test("λ = 0 on a tall dictionary is least squares; a zero column codes to 0", async () => {
    const { A, Y } = instance(25, 8, 6, 0.5, 0.3, 31);
    Y.data.forEach((_, t) => t % Y.cols === 2 && (Y.data[t] = 0));
    for (const method of ["fista", "cd"] as const) {
      const r = await sparseCode(Y, A, { method, lambda: 0, gradientTolerance: 1e-12, maxIterations: 50_000 });
      expect(r.result.converged).toBe(true);
      for (let j = 0; j < Y.cols; j++) {
        const ls = leastSquaresOnSupport(A, col(Y, j), [...Array(8).keys()]);
        const x = col(r.codes, j);
        for (let k = 0; k < 8; k++) expect(Math.abs(x[k] - ls[k])).toBeLessThan(1e-9 * (1 + Math.abs(ls[k])));
      }
      expect(col(r.codes, 2).every((v) => v === 0)).toBe(true);
      expect(r.objective[2]).toBe(0);
      expect(r.iterations[2]).toBe(0);
    }
  });
});

describe("omp", () => {
  test("selects the atoms plain OMP selects and matches a least-squares refit on its support, on every build", async () => {
    const { A, Y } = instance(16, 32, 20, 0.15, 0.05, 41);
    await eachBinary(async () => {
      const r = await sparseCode(Y, A, { method: "omp", sparsity: 5 });
      for (let j = 0; j < Y.cols; j++) {
        const y = col(Y, j);
        const ref = referenceOmp(A, y, 5);
        const x = col(r.codes, j);
        const support = [...x.keys()].filter((k) => x[k] !== 0);
        expect(support).toEqual([...ref.support].sort((a, b) => a - b));
        expect(r.iterations[j]).toBe(5);
        const ls = leastSquaresOnSupport(A, y, support);
        support.forEach((k, t) => expect(Math.abs(x[k] - ls[t])).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(ls[t]))));
        const want = lassoObjective(A, y, ls.length ? ref.x : x, 0);
        expect(Math.abs(r.objective[j] - want)).toBeLessThanOrEqual(1e-12 * (1 + want));
      }
      expect(r.result.reason).toBe("max-iterations");
    });
  });

  test("recovers exact sparse codes over an incoherent dictionary, and stops at the residual target", async () => {
    const { A, X0, Y } = instance(64, 128, 30, 0.03, 0, 51);
    // ‖r‖² is tracked as ‖y‖² − ‖Ax‖² (Batch-OMP), exact to about 1e-15·‖y‖²: a target of 1e-9 stops at the true support.
    const exact = await sparseCode(Y, A, { method: "omp", sparsity: 10, residualTolerance: 1e-9 });
    expect(exact.result.reason).toBe("gradient-tolerance");
    for (let t = 0; t < X0.data.length; t++) expect(Math.abs(exact.codes.data[t] - X0.data[t])).toBeLessThan(1e-10);
    for (let j = 0; j < Y.cols; j++) expect(exact.iterations[j]).toBe(col(X0, j).filter((v) => v !== 0).length);
    // With noise: the denoising target n·(Cσ)², C = 1.15.
    const sigma = 0.05;
    const noisy = instance(64, 128, 30, 0.03, sigma, 51);
    const target = 64 * (1.15 * sigma) ** 2;
    const r = await sparseCode(noisy.Y, noisy.A, { method: "omp", residualTolerance: target });
    for (let j = 0; j < Y.cols; j++) {
      const ref = referenceOmp(noisy.A, col(noisy.Y, j), 64, target);
      expect(r.iterations[j]).toBe(ref.support.length);
      expect(2 * r.objective[j]).toBeLessThanOrEqual(target);
      const x = col(r.codes, j);
      for (let k = 0; k < 128; k++) expect(Math.abs(x[k] - ref.x[k])).toBeLessThan(1e-10);
    }
  });
});
