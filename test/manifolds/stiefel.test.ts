import { beforeAll, describe, expect, test } from "vitest";
import { init, runtime } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { stiefel } from "../../src/manifolds/stiefel.js";
import { orthogonalGroup } from "../../src/manifolds/orthogonal.js";
import { polar } from "../../src/kernels/linalg/polar.js";
import type { Matrix } from "../../src/matrix.js";
import { checkManifold, diff } from "./checks.js";
import { stiefelCase } from "./cases.js";
import { det } from "../helpers/det.js";

beforeAll(async () => {
  await init();
});

describe("stiefel", () => {
  test("every shared property, QR and polar retractions, several sizes", () => {
    for (const [n, k] of [[3, 1], [5, 2], [6, 6], [9, 4]] as const) {
      for (const retraction of ["qr", "polar"] as const) {
        const M = stiefel(n, k, { retraction });
        expect(M.dimension).toBe(n * k - (k * (k + 1)) / 2);
        checkManifold(stiefelCase(M, retraction), [1, 2]);
      }
    }
  });

  test("the retractions: QR has R with positive diagonal; polar is the closest point", () => {
    const n = 7, k = 3;
    const rng = new Rng(4);
    const Mq = stiefel(n, k), Mp = stiefel(n, k, { retraction: "polar" });
    const x = Mq.random(rng);
    const u = Mq.randomTangent(x, rng);
    const y: Matrix = { rows: n, cols: k, data: x.data.map((xi, i) => xi + 0.9 * u.data[i]) };
    // QR: Q = qf(X + tU), so QᵀY is upper triangular with a positive diagonal.
    const q = Mq.retract(x, u, 0.9);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let v = 0;
        for (let r = 0; r < n; r++) v += q.data[r * k + i] * y.data[r * k + j];
        if (j < i) expect(Math.abs(v)).toBeLessThan(1e-14);
        else expect(v).toBeGreaterThan(0);
      }
    }
    // Polar: (X + tU)(I + t²UᵀU)^{-1/2}; compare with the polar factor of the kernel, and check
    // the closed form through PᵀY = (I + t²UᵀU)^{1/2} symmetric positive definite: YᵀY = (PᵀY)².
    const p = Mp.retract(x, u, 0.9);
    expect(diff(p, polar(y).Q)).toBeLessThan(1e-14);
    const pty = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let r = 0; r < n; r++) pty[i * k + j] += p.data[r * k + i] * y.data[r * k + j];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        expect(Math.abs(pty[i * k + j] - pty[j * k + i])).toBeLessThan(1e-14);
        let yy = 0, sq = 0;
        for (let r = 0; r < n; r++) yy += y.data[r * k + i] * y.data[r * k + j];
        for (let l = 0; l < k; l++) sq += pty[i * k + l] * pty[l * k + j];
        expect(Math.abs(yy - sq)).toBeLessThan(1e-13);
      }
    }
  });

  test("Brockett cost f(X) = tr(XᵀAXN): the gradient vanishes at the eigenvector frame", () => {
    // With A = diag(a) and N = diag(ν), X = [e₁ … e_k] is a critical point (Absil et al. 2008, §4.8).
    const n = 5, k = 2;
    const M = stiefel(n, k);
    const a = [5, 4, 3, 2, 1], nu = [2, 1];
    const x: Matrix = { rows: n, cols: k, data: new Float64Array(n * k) };
    for (let j = 0; j < k; j++) x.data[j * k + j] = 1;
    // ∇f̄ = 2·A·X·N.
    const g: Matrix = { rows: n, cols: k, data: x.data.map((xi, idx) => 2 * a[Math.floor(idx / k)] * xi * nu[idx % k]) };
    expect(diff(M.egradToRgrad(x, g), new Float64Array(n * k))).toBe(0);
  });

  test("orthogonal group: every shared property; random points on both components", () => {
    for (const n of [2, 3, 5]) {
      for (const retraction of ["qr", "polar"] as const) {
        const M = orthogonalGroup(n, { retraction });
        expect(M.dimension).toBe((n * (n - 1)) / 2);
        checkManifold(stiefelCase(M, retraction), [1, 2]);
      }
    }
    const M = orthogonalGroup(3);
    const rng = new Rng(12);
    const signs = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const x = M.random(rng);
      signs.add(Math.sign(det(x)));
      // The retraction stays in the connected component of x (det is continuous along t ↦ R(tu)).
      expect(Math.sign(det(M.retract(x, M.randomTangent(x, rng), 2)))).toBe(Math.sign(det(x)));
    }
    expect([...signs].sort()).toEqual([-1, 1]);
    expect(M.typicalDistance).toBeCloseTo(Math.PI * Math.sqrt(3), 15);
  });

  test("orthogonal group distance: closed forms, invariance, components", () => {
    const rot = (angles: number[]): Matrix => {
      const n = 2 * angles.length;
      const data = new Float64Array(n * n);
      angles.forEach((a, b) => {
        const i = 2 * b;
        data[i * n + i] = Math.cos(a);
        data[i * n + i + 1] = -Math.sin(a);
        data[(i + 1) * n + i] = Math.sin(a);
        data[(i + 1) * n + i + 1] = Math.cos(a);
      });
      return { rows: n, cols: n, data };
    };
    const I2 = rot([0]);
    // A rotation by θ in one plane: log has Frobenius norm √2·θ, for θ tiny, moderate, near π.
    for (const theta of [1e-9, 0.3, 2, Math.PI - 1e-7, Math.PI]) {
      const d = orthogonalGroup(2).dist!(I2, rot([theta]));
      // Relative accuracy a few ε: the angle comes from atan2 of two accurately computed norms.
      expect(Math.abs(d / (Math.SQRT2 * theta) - 1)).toBeLessThan(1e-13);
    }
    const M4 = orthogonalGroup(4);
    const I4 = rot([0, 0]);
    expect(Math.abs(M4.dist!(I4, rot([0.5, 2.5])) - Math.sqrt(2 * 0.25 + 2 * 6.25))).toBeLessThan(1e-13);
    // Equal angles in two planes (a repeated eigenvalue of sym(Q)): still exact.
    expect(Math.abs(M4.dist!(I4, rot([1, 1])) - 2)).toBeLessThan(1e-13);
    // Bi-invariance: dist(ZX, ZY) = dist(XZ, YZ) = dist(X, Y) for orthogonal Z.
    const M = orthogonalGroup(5);
    const rng = new Rng(17);
    const mul = (a: Matrix, b: Matrix): Matrix => {
      const n = a.rows, c = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) c[i * n + j] += a.data[i * n + l] * b.data[l * n + j];
      return { rows: n, cols: n, data: c };
    };
    let x = M.random(rng), y = M.random(rng);
    if (det(x) * det(y) < 0) y = { rows: 5, cols: 5, data: y.data.map((v, i) => (i % 5 === 0 ? -v : v)) };
    const z = M.random(rng);
    const d = M.dist!(x, y);
    expect(Number.isFinite(d)).toBe(true);
    expect(Math.abs(M.dist!(mul(z, x), mul(z, y)) - d)).toBeLessThan(1e-13 * d);
    expect(Math.abs(M.dist!(mul(x, z), mul(y, z)) - d)).toBeLessThan(1e-13 * d);
    // Flipping one column of y changes the component: no connecting curve.
    const yFlip = { rows: 5, cols: 5, data: y.data.map((v, i) => (i % 5 === 0 ? -v : v)) };
    expect(M.dist!(x, yFlip)).toBe(Number.POSITIVE_INFINITY);
  });

  test("O(1) = {±1} has dimension 0 and a zero tangent space", () => {
    const M = orthogonalGroup(1);
    const x = M.random(new Rng(2));
    expect(Math.abs(x.data[0])).toBe(1);
    expect(M.randomTangent(x, new Rng(3)).data[0]).toBe(0);
  });

  test("bad input: clear errors, nothing leaked", () => {
    const before = runtime().arena.stats().buffersLive;
    expect(() => stiefel(3, 4)).toThrow(/invalid k: expected an integer in \[1, 3\], got 4/);
    expect(() => stiefel(3, 0)).toThrow(RangeError);
    expect(() => stiefel(3, 2, { retraction: "cayley" } as never)).toThrow(
      /invalid retraction: expected one of "qr", "polar", got "cayley"/,
    );
    expect(() => stiefel(3, 2, { retract: "qr" } as never)).toThrow(/unknown option retract in stiefel options/);
    expect(() => orthogonalGroup(0)).toThrow(/invalid n/);
    expect(() => orthogonalGroup(3, { foo: 1 } as never)).toThrow(/unknown option foo in orthogonalGroup options/);
    const M = stiefel(3, 2);
    const x = M.random(new Rng(1));
    const bad: Matrix = { rows: 3, cols: 2, data: Float64Array.of(0, 0, Number.NaN, 0, 0, 0) };
    expect(() => M.retract(x, bad)).toThrow(RangeError);
    expect(() => M.inner(x, x, { rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(/invalid v: expected a 3×2 matrix/);
    expect(runtime().arena.stats().buffersLive).toBe(before);
  });
});
