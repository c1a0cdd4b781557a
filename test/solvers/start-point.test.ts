import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import type { Manifold } from "../../src/manifolds/manifold.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { oblique } from "../../src/manifolds/oblique.js";
import { stiefel } from "../../src/manifolds/stiefel.js";
import { orthogonalGroup } from "../../src/manifolds/orthogonal.js";
import { product } from "../../src/manifolds/product.js";
import type { Problem } from "../../src/problems/problem.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { brockett } from "../../src/problems/brockett.js";
import { gradientDescent } from "../../src/solvers/gradient-descent.js";
import { trustRegions } from "../../src/solvers/trust-regions.js";
import { curvilinearSearch } from "../../src/solvers/curvilinear-search.js";
import { perturbedGradientDescent } from "../../src/solvers/perturbed-gradient-descent.js";
import { proximalGradient } from "../../src/solvers/proximal-gradient.js";
import { noRegularizer } from "../../src/solvers/regularizers.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import { checkHessian } from "../../src/landscape/check-hessian.js";
import { hessianSpectrum } from "../../src/landscape/hessian-spectrum.js";
import { classifyCriticalPoint } from "../../src/landscape/classify.js";
import { flatProblem } from "../landscape/flat-problem.js";
import { flat, orthoResidual, unflat } from "../manifolds/checks.js";
import { offOblique } from "../manifolds/cases.js";
import { randomSymmetric } from "./fixtures.js";
import { det } from "../helpers/det.js";

beforeAll(async () => {
  await init();
});

const solvers = { gradientDescent, trustRegions, curvilinearSearch, perturbedGradientDescent } as const;

/**
 * A manifold, a point off it (every entry of a random point scaled by 1.5, one column by 1.5 for
 * the oblique manifold, one entry NaN for a Euclidean space), and the residual of that point by an
 * independent formula (the tests' own, not the manifold's), with the manifold's formula text.
 */
interface OffCase<P> {
  M: Manifold<P>;
  off: P;
  residual: number;
  formula: string;
}

function offCase<P>(M: Manifold<P>, formula: string, residual: (x: P) => number): OffCase<P> {
  const x = M.random(new Rng(7));
  const off = unflat(x, flat(x).map((v) => 1.5 * v));
  return { M, off, residual: residual(off), formula };
}

const sphereNorm = (x: Float64Array): number => Math.abs(Math.hypot(...x) - 1);

function cases(): OffCase<any>[] {
  const S = sphere(4), St = stiefel(5, 2), Ob = oblique(3, 2), O = orthogonalGroup(3), SO = orthogonalGroup(3, { special: true });
  return [
    offCase(S, "|‖x‖ − 1|", sphereNorm),
    offCase(Ob, "maxⱼ |‖xⱼ‖ − 1|", offOblique),
    offCase(St, "‖XᵀX − I‖_F", orthoResidual),
    offCase(O, "‖XᵀX − I‖_F", orthoResidual),
    offCase(SO, "max(‖XᵀX − I‖_F, |det X − 1|)", (x: Matrix) => Math.max(orthoResidual(x), Math.abs(det(x) - 1))),
    offCase(product([S, St]), "max(|‖x‖ − 1|, ‖XᵀX − I‖_F)",
      (x: readonly [Float64Array, Matrix]) => Math.max(sphereNorm(x[0]), orthoResidual(x[1]))),
  ];
}

/** The message for `c`, with the residual to the 3 significant digits it prints. */
function expectedMessage(name: string, c: OffCase<unknown>): RegExp {
  const escape = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const value = Number(c.residual.toPrecision(3));
  return new RegExp(`^invalid ${name}: expected a point of ${escape(c.M.name)} \\(${escape(c.formula)} ≤ 1e-8\\), got ${escape(c.formula)} = ${escape(String(value))}$`);
}

describe("a start point off the manifold", () => {
  test("the issue's cases: [3, 4, 0] on the sphere, a non-orthonormal Stiefel start", async () => {
    const A: Matrix = { rows: 3, cols: 3, data: Float64Array.of(2, 0, 0, 0, 1, 0, 0, 0, 3) };
    await expect(trustRegions(rayleighQuotient(A), Float64Array.of(3, 4, 0))).rejects.toThrow(
      "invalid x0: expected a point of Sphere(3) (|‖x‖ − 1| ≤ 1e-8), got |‖x‖ − 1| = 4",
    );
    const B = brockett(randomSymmetric(5, 3), 2);
    const scaled: Matrix = { rows: 5, cols: 2, data: B.manifold.random(new Rng(1)).data.map((v) => 0.5 * v) };
    await expect(trustRegions(B, scaled)).rejects.toThrow(/^invalid x0: expected a point of Stiefel\(5, 2\) \(‖XᵀX − I‖_F ≤ 1e-8\), got ‖XᵀX − I‖_F = 1.06$/);
  });

  test("every solver rejects it on every manifold, naming x0 and the residual; nothing is evaluated or leaked", async () => {
    const before = runtime().arena.stats().bytesLive;
    for (const c of cases()) {
      let calls = 0;
      const p = flatProblem(c.M, 1, "right");
      const counted: Problem<unknown> = {
        manifold: c.M,
        cost: (x) => (calls++, p.cost(x)),
        egrad: (x) => (calls++, p.egrad(x)),
        ehessVec: (x, u) => (calls++, p.ehessVec!(x, u)),
      };
      for (const [name, solve] of Object.entries(solvers)) {
        const run = (solve as (p: Problem<unknown>, x0: unknown) => Promise<unknown>)(counted, c.off);
        await expect(run, `${name} on ${c.M.name}`).rejects.toThrow(expectedMessage("x0", c));
      }
      expect(calls).toBe(0);
      // Just inside the tolerance is accepted: a random point scaled by 1 + 1e-12.
      const near = unflat(c.off, flat(c.M.random(new Rng(8))).map((v) => (1 + 1e-12) * v));
      const ok = await gradientDescent(counted, near, { maxIterations: 1 });
      expect(ok.iterations).toBe(1);
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });

  test("a non-finite entry is named on a Euclidean space (every solver, proximal gradient included)", async () => {
    const E = euclidean(3);
    const p = flatProblem(E, 2, "right");
    const x0 = Float64Array.of(1, NaN, 0);
    const message = "invalid x0: expected a point of Euclidean(3), got one with a non-finite entry";
    for (const solve of Object.values(solvers)) await expect(solve(p, x0)).rejects.toThrow(message);
    await expect(proximalGradient({ smooth: p, regularizer: noRegularizer() }, x0)).rejects.toThrow(message);
    const Em = euclidean([2, 2]);
    await expect(gradientDescent(flatProblem(Em, 2, "right"), { rows: 2, cols: 2, data: Float64Array.of(0, Infinity, 0, 0) }))
      .rejects.toThrow("invalid x0: expected a point of Euclidean(2×2), got one with a non-finite entry");
  });

  test("checkGradient, checkHessian, hessianSpectrum and classifyCriticalPoint reject it too, naming x", () => {
    const before = runtime().arena.stats().bytesLive;
    for (const c of cases()) {
      const p = flatProblem(c.M, 3, "right");
      const message = expectedMessage("x", c);
      expect(() => checkGradient(p, c.off)).toThrow(message);
      expect(() => checkHessian(p, c.off)).toThrow(message);
      expect(() => hessianSpectrum(p, c.off)).toThrow(message);
      expect(() => classifyCriticalPoint(p, c.off)).toThrow(message);
    }
    expect(runtime().arena.stats().bytesLive).toBe(before);
  });
});
