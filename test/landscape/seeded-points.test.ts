// The derivative checks at the point a user writes first, x = M.random(new Rng(s)), on every
// manifold: the checkers' own random directions must not collapse onto x (a Gaussian draw equal to
// the one that made x projects to zero), so wrong gradients are rejected and right ones pass.
import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Manifold } from "../../src/manifolds/manifold.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { oblique } from "../../src/manifolds/oblique.js";
import { stiefel } from "../../src/manifolds/stiefel.js";
import { orthogonalGroup } from "../../src/manifolds/orthogonal.js";
import { product } from "../../src/manifolds/product.js";
import { riemannianHessianVec, type Problem } from "../../src/problems/problem.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import { checkHessian } from "../../src/landscape/check-hessian.js";
import { hessianSpectrum } from "../../src/landscape/hessian-spectrum.js";
import { lanczos } from "../../src/landscape/lanczos.js";
import { flatProblem } from "./flat-problem.js";

beforeAll(async () => {
  await init();
});

const MANIFOLDS: [string, Manifold<any>][] = [
  ["euclidean(7)", euclidean(7)],
  ["euclidean([3, 4])", euclidean([3, 4])],
  ["sphere(20)", sphere(20)],
  ["sphere(2)", sphere(2)],
  ["oblique(5, 3)", oblique(5, 3)],
  ["stiefel(6, 3, qr)", stiefel(6, 3)],
  ["stiefel(6, 3, polar)", stiefel(6, 3, { retraction: "polar" })],
  ["orthogonalGroup(4)", orthogonalGroup(4)],
  ["product(sphere(5), stiefel(4, 2))", product([sphere(5), stiefel(4, 2)])],
];

const SEEDS = Array.from({ length: 20 }, (_, s) => s);

describe.each(MANIFOLDS)("derivative checks at M.random(new Rng(s)) on %s", (_name, M) => {
  test("the right gradient passes, every wrong one is rejected, for 20 seeds (default options)", () => {
    const right = flatProblem(M, 3, "right");
    const wrong: [string, Problem<unknown>][] = [
      ["gradient × 2", flatProblem(M, 3, "scaled")],
      ["one sign flipped", flatProblem(M, 3, "sign")],
      ["off by 1e-3 relative", flatProblem(M, 3, "relative")],
    ];
    for (const s of SEEDS) {
      const x = M.random(new Rng(s));
      const ok = checkGradient(right, x);
      expect(ok.passed, `seed ${s}: slope ${ok.slope}`).toBe(true);
      expect(ok.exact, `seed ${s}`).toBe(false);
      for (const [what, p] of wrong) {
        const bad = checkGradient(p, x);
        expect(bad.passed, `${what}, seed ${s}: slope ${bad.slope}`).toBe(false);
      }
      // The same with the seed the user drew x from.
      expect(checkGradient(wrong[0][1], x, { seed: s }).passed, `seed ${s}, same seed`).toBe(false);
    }
  });

  test("the right Hessian passes where the test is valid, a halved one is rejected", () => {
    const right = flatProblem(M, 3, "right");
    for (const s of SEEDS) {
      const x = M.random(new Rng(s));
      const ok = checkHessian(right, x);
      if (!ok.valid) continue; // the QR retraction on Stiefel is not second order
      expect(ok.passed, `seed ${s}: slope ${ok.slope}`).toBe(true);
      expect(checkHessian(flatProblem(M, 3, "half-hessian"), x).passed, `seed ${s}`).toBe(false);
    }
  });

  test("Lanczos and hessianSpectrum start from a usable tangent vector at the seeded point", () => {
    if (M.dimension < 2) return;
    const right = flatProblem(M, 3, "right");
    for (const s of SEEDS.slice(0, 5)) {
      const x = M.random(new Rng(s));
      const dense = hessianSpectrum(right, x, { method: "dense" }).values;
      const { values } = hessianSpectrum(right, x, { method: "lanczos", steps: M.dimension, seed: s });
      expect(values[0]).toBeCloseTo(dense[0], 8);
      expect(values[values.length - 1]).toBeCloseTo(dense[dense.length - 1], 8);
      const r = lanczos(M, x, (u) => riemannianHessianVec(right, x, u), { steps: 3, seed: s });
      expect(Array.from(r.ritzValues).every(Number.isFinite)).toBe(true);
    }
  });
});

test("a given direction that is not tangent is rejected with its residual", () => {
  const M = sphere(5);
  const x = M.random(new Rng(3));
  expect(() => checkGradient(flatProblem(M, 3, "right"), x, { direction: x })).toThrow(
    /invalid direction: expected a tangent vector at x, its normal part is 1\.00 of its norm/,
  );
});
