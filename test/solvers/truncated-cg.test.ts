import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import type { Matrix } from "../../src/matrix.js";
import { gemv } from "../../src/kernels/blas/gemv.js";
import { solve } from "../../src/kernels/linalg/solve.js";
import { euclidean } from "../../src/manifolds/euclidean.js";
import { sphere } from "../../src/manifolds/sphere.js";
import { eigh } from "../../src/kernels/linalg/eigh.js";
import { truncatedCG } from "../../src/solvers/truncated-cg.js";
import { randomPsd } from "./fixtures.js";

beforeAll(async () => {
  await init();
});

const n = 12;
const M = euclidean(n);
const x = new Float64Array(n);

/** GGᵀ/n + shift·I (`randomPsd`): positive definite for shift > 0, indefinite for shift < −λ_min(GGᵀ/n). */
function shifted(seed: number, shift: number): Matrix {
  const H = randomPsd(n, seed);
  for (let i = 0; i < n; i++) H.data[i * n + i] += shift;
  return H;
}

const norm = (v: Float64Array): number => Math.hypot(...v);
const model = (H: Matrix, g: Float64Array, eta: Float64Array): number => {
  const h = gemv(H, eta);
  let s = 0;
  for (let i = 0; i < n; i++) s += g[i] * eta[i] + 0.5 * eta[i] * h[i];
  return s;
};

/**
 * The model at the Cauchy point, its minimizer along −g within ‖η‖ ≤ radius: the first Steihaug–Toint
 * iterate, which later iterates only improve on (Conn, Gould & Toint 2000, Theorem 7.5.1).
 */
const cauchyModel = (H: Matrix, g: Float64Array, radius: number): number => {
  const hg = gemv(H, g);
  let gg = 0;
  let gHg = 0;
  for (let i = 0; i < n; i++) {
    gg += g[i] * g[i];
    gHg += g[i] * hg[i];
  }
  const onBoundary = radius / Math.sqrt(gg);
  const t = gHg > 0 ? Math.min(gg / gHg, onBoundary) : onBoundary;
  return -t * gg + 0.5 * t * t * gHg;
};

describe("truncatedCG", () => {
  test("positive definite Hessian, large radius: the Newton step −H⁻¹g", async () => {
    const H = shifted(1, 0.5);
    const g = new Rng(2).normalArray(n);
    // κ = 1e-14 asks for the exact model minimizer; CG needs ≤ n steps in exact arithmetic.
    const out = await truncatedCG(M, x, g, (u) => gemv(H, u), 1e6, { kappa: 1e-14, theta: 1, maxIterations: 3 * n });
    const newton = solve(H, g.map((v) => -v));
    const diff = norm(out.eta.map((v, i) => v - newton[i]));
    // cond(H) ≤ (λ_max + 0.5)/0.5 ≈ 10: the solve and CG both agree with the truth to ~cond·1e-14.
    expect(diff / norm(newton)).toBeLessThan(1e-11);
    expect(out.exit).toBe("residual");
    expect(out.boundary).toBe(false);
    expect(out.iterations).toBeLessThanOrEqual(n + 2);
    // H[η] is accumulated alongside η: it must equal the product recomputed.
    const h = gemv(H, out.eta);
    expect(norm(out.hessEta.map((v, i) => v - h[i]))).toBeLessThan(1e-12 * norm(h));
  });

  test("default κ, θ: the residual test ‖g + Hη‖ ≤ ‖g‖·min(‖g‖, κ) holds at exit", async () => {
    const H = shifted(3, 0.5);
    const g = new Rng(4).normalArray(n).map((v) => 0.05 * v);
    const out = await truncatedCG(M, x, g, (u) => gemv(H, u), 1e6, { kappa: 0.1, theta: 1, maxIterations: n });
    expect(out.exit).toBe("residual");
    const r = gemv(H, out.eta).map((v, i) => v + g[i]);
    expect(norm(r)).toBeLessThanOrEqual(norm(g) * Math.min(norm(g), 0.1) * (1 + 1e-12));
  });

  test("indefinite Hessian: exits on negative curvature on the boundary, decreasing the model", async () => {
    for (let seed = 0; seed < 5; seed++) {
      const H = shifted(10 + seed, -1);
      const g = new Rng(20 + seed).normalArray(n).map((v) => 1e-3 * v);
      const radius = 0.7;
      const out = await truncatedCG(M, x, g, (u) => gemv(H, u), radius, { kappa: 0.1, theta: 1, maxIterations: n });
      expect(out.exit).toBe("negative-curvature");
      expect(out.boundary).toBe(true);
      expect(Math.abs(norm(out.eta) - radius)).toBeLessThan(1e-12);
      expect(out.norm).toBeCloseTo(radius, 12);
      // At least the Cauchy decrease (both sides negative; 1e-12 relative slack for rounding).
      expect(model(H, g, out.eta)).toBeLessThanOrEqual(cauchyModel(H, g, radius) * (1 - 1e-12));
    }
  });

  test("positive definite Hessian, small radius: stops on the boundary", async () => {
    const H = shifted(5, 0.5);
    const g = new Rng(6).normalArray(n);
    const out = await truncatedCG(M, x, g, (u) => gemv(H, u), 0.01, { kappa: 0.1, theta: 1, maxIterations: n });
    expect(out.exit).toBe("boundary");
    expect(Math.abs(norm(out.eta) - 0.01)).toBeLessThan(1e-15);
    expect(model(H, g, out.eta)).toBeLessThanOrEqual(cauchyModel(H, g, 0.01) * (1 - 1e-12));
  });

  test("zero gradient: η = 0 without a Hessian product; a throwing checkpoint stops at once", async () => {
    const H = shifted(7, 0.5);
    let products = 0;
    const hv = (u: Float64Array): Float64Array => (products++, gemv(H, u));
    const still = await truncatedCG(M, x, new Float64Array(n), hv, 1, { kappa: 0.1, theta: 1, maxIterations: n });
    expect(still.norm).toBe(0);
    expect(products).toBe(0);
    const g = new Rng(8).normalArray(n);
    let calls = 0;
    const stop = (): Promise<void> => (++calls > 3 ? Promise.reject(new Error("stop")) : Promise.resolve());
    await expect(truncatedCG(M, x, g, hv, 1e6, { kappa: 1e-14, theta: 1, maxIterations: n }, stop)).rejects.toThrow("stop");
    // A checkpoint before each product: the fourth one stopped the solve before a fourth product.
    expect(products).toBe(3);
    // The inner cap: one iteration with a tiny κ exits on max-iterations with the Cauchy-like step.
    const one = await truncatedCG(M, x, g, hv, 1e6, { kappa: 1e-14, theta: 1, maxIterations: 1 });
    expect(one.exit).toBe("max-iterations");
    expect(one.iterations).toBe(1);
  });

  test("a gradient with a rounding-size normal part gives no spurious negative curvature (sphere)", async () => {
    // Rayleigh quotient of A = GGᵀ/n + 1000·I at its bottom eigenvector x: Hess[u] = P(2Au) − 2(xᵀAx)u.
    // A gradient computed from ∇f̄ = 2Ax (‖·‖ ≈ 2000) is tangent only to ~2000·ε ≈ 4e-13, as large as
    // g itself near x; unprojected, the −2000·u term would make ⟨δ, Hδ⟩ < 0 and send η to the boundary.
    const A = shifted(30, 1000);
    const { vectors } = eigh(A);
    const S = sphere(n);
    const p = new Float64Array(n).map((_, i) => vectors.data[i * n]);
    const egrad = gemv(A, p, { alpha: 2 });
    const tangent = S.randomTangent(p, new Rng(31));
    const g = tangent.map((v, i) => 1e-12 * v + 1e-12 * p[i]);
    const hv = (u: Float64Array): Float64Array => S.ehessToRhess(p, egrad, gemv(A, u, { alpha: 2 }), u);
    const out = await truncatedCG(S, p, g, hv, 1, { kappa: 0.1, theta: 1, maxIterations: n });
    // (The exit is "max-iterations" or "residual": the target ‖r‖ ≤ ‖g‖² = 1e-24 is at rounding level.)
    expect(out.boundary).toBe(false);
    // Hess ⪰ 2(λ₂ − λ₁) > 0 on the tangent space: the Newton step has norm ≲ ‖g‖/(2(λ₂ − λ₁)).
    expect(out.norm).toBeLessThan(1e-10);
  });
});
