import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import { Rng } from "../../src/data/rng.js";
import { orthogonalGroup } from "../../src/manifolds/orthogonal.js";
import type { Matrix } from "../../src/matrix.js";
import { checkManifold, orthoResidual, symResidual } from "./checks.js";
import { det } from "../helpers/det.js";

beforeAll(async () => {
  await init();
});

/** The membership residual of SO(n), from the plain-JS determinant: max(‖XᵀX − I‖_F, |det X − 1|). */
const offSpecial = (x: Matrix): number => Math.max(orthoResidual(x), Math.abs(det(x) - 1));

describe("orthogonalGroup(n, { special: true }) = SO(n)", () => {
  test("every shared property, both retractions, several sizes", () => {
    for (const n of [2, 3, 5]) {
      for (const retraction of ["qr", "polar"] as const) {
        const M = orthogonalGroup(n, { retraction, special: true });
        expect(M.name).toBe(`SO(${n})`);
        expect(M.dimension).toBe((n * (n - 1)) / 2);
        checkManifold({ M, offManifold: offSpecial, offTangent: symResidual, secondOrder: retraction === "polar" }, [1, 2]);
      }
    }
  });

  test("random points are rotations, and retractions keep them so; a reflection is not contained", () => {
    const M = orthogonalGroup(4, { special: true });
    const O = orthogonalGroup(4);
    const rng = new Rng(5);
    for (let i = 0; i < 40; i++) {
      const x = M.random(rng);
      expect(Math.abs(det(x) - 1)).toBeLessThan(1e-13);
      expect(M.contains(x)).toBe(true);
      expect(Math.abs(det(M.retract(x, M.randomTangent(x, rng), 3)) - 1)).toBeLessThan(1e-13);
    }
    // diag(−1, 1, 1, 1): orthogonal, det −1, at residual |det − 1| = 2 from SO(4).
    const reflection: Matrix = { rows: 4, cols: 4, data: Float64Array.from({ length: 16 }, (_, i) => (i === 0 ? -1 : i % 5 === 0 ? 1 : 0)) };
    expect(O.contains(reflection)).toBe(true);
    expect(M.contains(reflection)).toBe(false);
    expect(M.residual(reflection)).toBe(2);
    expect(M.constraint).toBe("max(‖XᵀX − I‖_F, |det X − 1|)");
    // SO(1) = {1}.
    expect(orthogonalGroup(1, { special: true }).random(new Rng(3)).data[0]).toBe(1);
  });

  test("random is Haar on SO(3): first and second moments of the entries and of the trace", () => {
    // For Haar Q on SO(n), n ≥ 2: E[Qᵢⱼ] = 0 and E[Qᵢⱼ²] = 1/n (each column is uniform on the
    // sphere), E[tr Q] = 0 and, for n ≥ 3, E[(tr Q)²] = 1 (the defining representation is
    // irreducible). Tolerances: 5 standard errors over N = 4000 draws (sd of Qᵢⱼ ≤ 0.58, of Qᵢⱼ²
    // 0.30, of tr Q 1, of (tr Q)² ≤ 1.5).
    const n = 3, N = 4000;
    const M = orthogonalGroup(n, { special: true });
    const rng = new Rng(11);
    const mean = new Float64Array(n * n), square = new Float64Array(n * n);
    let trace = 0, trace2 = 0;
    for (let s = 0; s < N; s++) {
      const q = M.random(rng).data;
      let t = 0;
      for (let i = 0; i < n * n; i++) {
        mean[i] += q[i] / N;
        square[i] += (q[i] * q[i]) / N;
      }
      for (let i = 0; i < n; i++) t += q[i * n + i];
      trace += t / N;
      trace2 += (t * t) / N;
    }
    const se = (sd: number): number => (5 * sd) / Math.sqrt(N);
    for (let i = 0; i < n * n; i++) {
      expect(Math.abs(mean[i])).toBeLessThan(se(0.58));
      expect(Math.abs(square[i] - 1 / n)).toBeLessThan(se(0.3));
    }
    expect(Math.abs(trace)).toBeLessThan(se(1));
    expect(Math.abs(trace2 - 1)).toBeLessThan(se(1.5));
  });

  test("bad option", () => {
    expect(() => orthogonalGroup(3, { special: "yes" } as never)).toThrow(/invalid special: .*"yes"/);
  });
});
