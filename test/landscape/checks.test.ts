import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { transpose, type Matrix } from "../../src/matrix.js";
import { rayleighQuotient } from "../../src/problems/rayleigh.js";
import { brockett } from "../../src/problems/brockett.js";
import type { Problem } from "../../src/problems/problem.js";
import { checkGradient } from "../../src/landscape/check-gradient.js";
import { checkHessian } from "../../src/landscape/check-hessian.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { gemm } from "../../src/kernels/blas/gemm.js";
import { rankOneFactorization, symmetricFactorization } from "../../src/problems/symmetric-factorization.js";
import { procrustes } from "../../src/problems/procrustes.js";
import { randomPsd, randomSymmetric } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

/** The problem with its Euclidean gradient scaled by `s` (a wrong gradient). */
function scaledGradient<P>(p: Problem<P>, s: number): Problem<P> {
  const M = p.manifold;
  return { ...p, egrad: (x) => M.lincomb(x, s, p.egrad(x)) };
}

/** The problem with its Euclidean Hessian halved (the missing-factor-2 bug). */
function halvedHessian<P>(p: Problem<P>): Problem<P> {
  const M = p.manifold;
  return { ...p, ehessVec: (x, u) => M.lincomb(x, 0.5, p.ehessVec!(x, u)) };
}

// Slope tolerances: a correct model leaves E = O(t²) (gradient) / O(t³) (Hessian); a wrong one
// leaves a nonzero O(t) / O(t²) term that dominates at small t, so the fitted slope is ≈ 1 / ≈ 2.
describe("checkGradient / checkHessian on the worked problems", () => {
  test("Rayleigh quotient on the sphere: both pass at random points, several seeds", () => {
    const rng = new Rng(7);
    for (const n of [2, 5, 20]) {
      const p = rayleighQuotient(randomSymmetric(n, rng));
      for (let s = 0; s < 3; s++) {
        const x = p.manifold.random(rng);
        const g = checkGradient(p, x, { seed: s });
        expect(g.passed, `n=${n} slope=${g.slope}`).toBe(true);
        expect(Math.abs(g.slope - 2)).toBeLessThan(0.2);
        expect(g.tangencyResidual).toBeLessThan(1e-12);
        const h = checkHessian(p, x, { seed: s });
        expect(h.valid).toBe(true);
        expect(h.passed, `n=${n} slope=${h.slope}`).toBe(true);
        expect(Math.abs(h.slope - 3)).toBeLessThan(0.3);
        expect(h.symmetryResidual).toBeLessThan(1e-12);
        expect(h.tangencyResidual).toBeLessThan(1e-12);
      }
    }
  });

  test("Brockett on Stiefel: gradient passes (QR and polar), Hessian passes with polar", () => {
    const rng = new Rng(11);
    for (const [n, k] of [[4, 1], [6, 3], [10, 4], [5, 5]] as const) {
      const A = randomSymmetric(n, rng);
      for (const retraction of ["qr", "polar"] as const) {
        const p = brockett(A, k, { retraction });
        const x = p.manifold.random(rng);
        const g = checkGradient(p, x, { rng });
        expect(g.passed, `${n},${k},${retraction} slope=${g.slope}`).toBe(true);
        expect(Math.abs(g.slope - 2)).toBeLessThan(0.2);
        if (retraction === "polar") {
          const h = checkHessian(p, x, { rng });
          expect(h.passed, `${n},${k} slope=${h.slope}`).toBe(true);
          expect(Math.abs(h.slope - 3)).toBeLessThan(0.3);
        }
      }
    }
  });

  test("Hessian check with the (first-order) QR retraction: invalid off critical points, valid at one", () => {
    const rng = new Rng(3);
    const A = randomSymmetric(6, rng);
    const p = brockett(A, 3, { retraction: "qr" });
    const x = p.manifold.random(rng);
    const h = checkHessian(p, x, { rng });
    expect(h.valid).toBe(false);
    expect(h.passed).toBe(false);
    // The missed t²/2·⟨grad, c''(0)⟩ term makes the error second order.
    expect(Math.abs(h.slope - 2)).toBeLessThan(0.2);
    // At the minimizer (eigenvectors of the 3 smallest eigenvalues) the test is valid again.
    const V = eigh(A).vectors;
    const X: Matrix = { rows: 6, cols: 3, data: new Float64Array(18) };
    for (let i = 0; i < 6; i++) for (let j = 0; j < 3; j++) X.data[i * 3 + j] = V.data[i * 6 + j];
    const hc = checkHessian(p, X, { rng });
    expect(hc.valid).toBe(true);
    expect(hc.passed, `slope=${hc.slope}`).toBe(true);
  });

  test("a wrong gradient fails with slope ≈ 1", () => {
    const rng = new Rng(5);
    const ray = scaledGradient(rayleighQuotient(randomSymmetric(8, rng)), 1.1);
    const br = scaledGradient(brockett(randomSymmetric(7, rng), 3, { retraction: "polar" }), 1.1);
    for (const [p, x] of [[ray, ray.manifold.random(rng)], [br, br.manifold.random(rng)]] as const) {
      const g = checkGradient(p as Problem<unknown>, x, { seed: 2 });
      expect(g.passed).toBe(false);
      expect(Math.abs(g.slope - 1)).toBeLessThan(0.2);
    }
    // A transposed product: egrad = (2AXN)ᵀ instead of 2AXN (square case k = n, so shapes agree).
    const A = randomSymmetric(5, rng);
    const good = brockett(A, 5);
    const wrong: Problem<Matrix> = { ...good, egrad: (x) => transpose(good.egrad(x)) };
    const gw = checkGradient(wrong, good.manifold.random(rng), { seed: 4 });
    expect(gw.passed).toBe(false);
    expect(Math.abs(gw.slope - 1)).toBeLessThan(0.2);
  });

  test("a non-tangent gradient fails on tangency even though the slope is 2", () => {
    const rng = new Rng(6);
    const p = rayleighQuotient(randomSymmetric(6, rng));
    const x = p.manifold.random(rng);
    const bad: Problem<Float64Array> = {
      ...p,
      manifold: { ...p.manifold, egradToRgrad: (y, e) => p.manifold.lincomb(y, 1, p.manifold.egradToRgrad(y, e), 1, y) },
    };
    const g = checkGradient(bad, x);
    expect(Math.abs(g.slope - 2)).toBeLessThan(0.2);
    expect(g.tangencyResidual).toBeGreaterThan(1e-3);
    expect(g.passed).toBe(false);
  });

  test("a wrong Hessian (missing factor 2) fails with slope ≈ 2", () => {
    const rng = new Rng(8);
    const ray = halvedHessian(rayleighQuotient(randomSymmetric(8, rng)));
    const br = halvedHessian(brockett(randomSymmetric(7, rng), 3, { retraction: "polar" }));
    for (const [p, x] of [[ray, ray.manifold.random(rng)], [br, br.manifold.random(rng)]] as const) {
      const h = checkHessian(p as Problem<unknown>, x, { seed: 3 });
      expect(h.valid).toBe(true);
      expect(h.passed).toBe(false);
      expect(Math.abs(h.slope - 2)).toBeLessThan(0.2);
    }
  });

  test("exact models pass with exact = true (quadratic on ℝⁿ)", () => {
    const rng = new Rng(9);
    const A = randomSymmetric(4, rng);
    const p: Problem<Float64Array> = {
      manifold: euclidean(4),
      cost: (x) => { let s = 0; for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) s += x[i] * A.data[i * 4 + j] * x[j]; return s; },
      egrad: (x) => { const g = new Float64Array(4); for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) g[i] += 2 * A.data[i * 4 + j] * x[j]; return g; },
      ehessVec: (_x, u) => { const g = new Float64Array(4); for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) g[i] += 2 * A.data[i * 4 + j] * u[j]; return g; },
    };
    const x = rng.normalArray(4);
    const h = checkHessian(p, x);
    expect(h.exact).toBe(true);
    expect(h.passed).toBe(true);
    const g = checkGradient(p, x);
    expect(g.exact).toBe(false);
    expect(g.passed).toBe(true);
  });

  test("robustness: 40 random instances (sizes, points, directions) all classified right", () => {
    // Fixed seeds, so deterministic; a sweep of 1500 instances (7 checks each) misclassified 2.
    for (let seed = 100; seed < 140; seed++) {
      const rng = new Rng(seed);
      const n = 2 + rng.integer(10), k = 1 + rng.integer(n);
      const A = randomSymmetric(n, rng);
      const r = rayleighQuotient(A), b = brockett(A, k, { retraction: "polar" });
      const x = r.manifold.random(rng), X = b.manifold.random(rng);
      expect(checkGradient(r, x, { rng }).passed).toBe(true);
      expect(checkGradient(b, X, { rng }).passed).toBe(true);
      expect(checkHessian(r, x, { rng }).passed).toBe(true);
      expect(checkHessian(b, X, { rng }).passed).toBe(true);
      expect(checkGradient(scaledGradient(r, 1.1), x, { rng }).passed).toBe(false);
      expect(checkHessian(halvedHessian(b), X, { rng }).passed).toBe(false);
    }
  });

  test("options: direction is used (normalized), bad options are rejected", () => {
    const rng = new Rng(10);
    const p = rayleighQuotient(randomSymmetric(5, rng));
    const x = p.manifold.random(rng);
    const u = p.manifold.lincomb(x, 3, p.manifold.randomTangent(x, rng));
    const g = checkGradient(p, x, { direction: u });
    expect(p.manifold.norm(x, g.direction)).toBeCloseTo(1, 14);
    expect(g.points.t.length).toBe(49);
    expect(g.points.error.length).toBe(49);
    expect(() => checkGradient(p, x, { foo: 1 } as never)).toThrow(/foo/);
    expect(() => checkGradient(p, x, { seed: -1 })).toThrow(/seed/);
    expect(() => checkGradient(p, x, { rng: {} as never })).toThrow(/rng/);
    expect(() => checkGradient(p, x, { direction: new Float64Array(5) })).toThrow(/direction/);
    expect(() => checkGradient({} as never, x)).toThrow(/problem/);
    const { ehessVec: _, ...noHess } = p;
    expect(() => checkHessian(noHess, x)).toThrow(/ehessVec/);
  });
});

describe("checkGradient / checkHessian on every problem of the library", () => {
  const rng = new Rng(21);
  const gaussian = (rows: number, cols: number): Matrix => ({ rows, cols, data: rng.normalArray(rows * cols) });
  interface Case { p: Problem<any>; wrongGradient: Problem<any>; wrongHessian: Problem<any> }
  // Each problem with a realistic gradient bug and a realistic Hessian bug (built lazily: the
  // runtime is initialized only after collection). Procrustes uses the polar retraction so that
  // the Hessian check is valid off critical points.
  const cases: [string, () => Case][] = [
    ["rayleighQuotient", () => {
      const p = rayleighQuotient(randomSymmetric(6, rng));
      return {
        p,
        wrongGradient: { ...p, egrad: (x: Float64Array) => p.egrad(x).map((v) => v / 2) }, // ∇ of xᵀAx/2
        wrongHessian: { ...p, ehessVec: (x: Float64Array, u: Float64Array) => p.ehessVec!(x, u).map((v, i) => v + u[i]) }, // 2(A + I/2)u
      };
    }],
    ["brockett", () => {
      const C = randomSymmetric(6, rng);
      const p = brockett(C, 3, { retraction: "polar" });
      return {
        p,
        wrongGradient: { ...p, egrad: (x: Matrix) => ({ ...x, data: p.egrad(x).data.map((v) => v / 2) }) }, // AXN: the 2 forgotten
        wrongHessian: { ...p, ehessVec: (_x: Matrix, u: Matrix) => gemm(C, u, { alpha: 2 }) }, // 2AU: N forgotten
      };
    }],
    ["rankOneFactorization", () => {
      const p = rankOneFactorization(randomPsd(7, rng, 3));
      return {
        p,
        wrongGradient: { ...p, costAndGrad: undefined, egrad: (u: Float64Array) => p.egrad(u).map((v) => 2 * v) }, // ½ instead of ¼
        wrongHessian: { // without the 2(uᵀv)u term
          ...p,
          ehessVec: (u: Float64Array, v: Float64Array) => {
            let uv = 0;
            for (let i = 0; i < u.length; i++) uv += u[i] * v[i];
            return p.ehessVec!(u, v).map((h, i) => h - 2 * uv * u[i]);
          },
        },
      };
    }],
    ["symmetricFactorization", () => {
      const X = randomPsd(7, rng, 3);
      const p = symmetricFactorization(X, 3);
      return {
        p,
        wrongGradient: { ...p, costAndGrad: undefined, egrad: (u: Matrix) => gemm(X, u, { alpha: -1 }) }, // −XU: UUᵀU dropped
        wrongHessian: { // without V(UᵀU)
          ...p,
          ehessVec: (u: Matrix, v: Matrix) => gemm(v, gemm(u, u, { transA: true }), { alpha: -1, beta: 1, C: p.ehessVec!(u, v) }),
        },
      };
    }],
    ["procrustes", () => {
      const A = gaussian(6, 4), B = gaussian(6, 4);
      const p = procrustes(A, B, { retraction: "polar" });
      return {
        p,
        // 2RᵀA instead of 2AᵀR (a transposed product).
        wrongGradient: { ...p, costAndGrad: undefined, egrad: (q: Matrix) => gemm(gemm(A, q, { beta: -1, C: B }), A, { transA: true, alpha: 2 }) },
        wrongHessian: { ...p, ehessVec: (_q: Matrix, u: Matrix) => gemm(gemm(A, A, { transA: true }), u) }, // AᵀAU: the 2 forgotten
      };
    }],
  ];

  // A wrong gradient leaves an O(t) error term (slope ≈ 1), a wrong Hessian an O(t²) one (≈ 2).
  test.each(cases)("%s: right derivatives pass at random points, wrong ones fail", (_name, make) => {
    const { p, wrongGradient, wrongHessian } = make();
    for (let t = 0; t < 3; t++) {
      const x = p.manifold.random(rng);
      const g = checkGradient(p, x, { rng });
      expect(g.passed, `gradient slope ${g.slope}`).toBe(true);
      const h = checkHessian(p, x, { rng });
      expect(h.passed, `Hessian slope ${h.slope}`).toBe(true);
      const gw = checkGradient(wrongGradient, x, { rng });
      expect(gw.passed).toBe(false);
      expect(Math.abs(gw.slope - 1), `wrong gradient slope ${gw.slope}`).toBeLessThan(0.2);
      expect(checkGradient(scaledGradient(p, 1.1), x, { rng }).passed).toBe(false);
      const hw = checkHessian(wrongHessian, x, { rng });
      expect(hw.passed).toBe(false);
      expect(Math.abs(hw.slope - 2), `wrong Hessian slope ${hw.slope}`).toBeLessThan(0.2);
      expect(checkHessian(halvedHessian(p), x, { rng }).passed).toBe(false);
    }
  });
});
