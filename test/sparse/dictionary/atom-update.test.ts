// The dictionary update against plain-JS references: Mairal's closed form per atom, and with a
// mask the optimality conditions of the separable problem on the unit ball.
import { beforeAll, expect, test } from "vitest";
import { init, kernels, runtime } from "../../../src/runtime/init.js";
import { ArenaScope } from "../../../src/runtime/arena.js";
import { Rng } from "../../../src/data/rng.js";
import type { SparseCodingKernels } from "../../../src/kernels/sparse-coding/kernels.js";
import { SufficientStatistics } from "../../../src/sparse/dictionary/statistics.js";
import { updateAtoms } from "../../../src/sparse/dictionary/atom-update.js";

beforeAll(async () => {
  await init();
});

const n = 7, K = 5, m = 40;

function problem(seed: number, masked: boolean) {
  const rng = new Rng(seed);
  const Y = rng.normalArray(n * m);
  const X = rng.normalArray(K * m).map((v) => (rng.uniform() < 0.5 ? 0 : v));
  for (let j = 0; j < m; j++) X[4 * m + j] = 0; // atom 4 unused: dead
  const mask = masked ? Uint8Array.from({ length: n * m }, () => (rng.uniform() < 0.6 ? 1 : 0)) : undefined;
  if (mask !== undefined) for (let t = 0; t < n * m; t++) if (mask[t] === 0) Y[t] = 0;
  const A = rng.normalArray(n * K).map((v) => 0.3 * v);
  return { Y, X, A, mask };
}

/** Runs one pass of updateAtoms on fresh statistics; returns the new A, the dead atoms, B and C. */
function run(p: ReturnType<typeof problem>) {
  const kern = kernels<SparseCodingKernels>();
  const scope = new ArenaScope(runtime().arena);
  try {
    const stats = new SufficientStatistics(kern, scope, n, K, m, p.mask !== undefined);
    const Yb = scope.f64From(p.Y), Xb = scope.f64From(p.X), Ab = scope.f64From(p.A);
    stats.accumulate(Yb, Xb, m, 0, 1, p.mask);
    const dead = updateAtoms(kern, stats, Ab, 1, scope.f64(2 * n));
    return { A: Ab.toArray(), dead, B: stats.B.toArray(), C: stats.C.toArray() };
  } finally {
    scope.disposeAll();
  }
}

test("unmasked: B = XXᵀ, C = YXᵀ and each atom aⱼ ← u/max(Bⱼⱼ, ‖u‖), u = cⱼ − A·bⱼ + Bⱼⱼaⱼ, in turn (plain JS)", () => {
  const p = problem(1, false);
  const got = run(p);
  const B = new Float64Array(K * K), C = new Float64Array(n * K);
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) for (let j = 0; j < m; j++) B[a * K + b] += p.X[a * m + j] * p.X[b * m + j];
  for (let i = 0; i < n; i++) for (let a = 0; a < K; a++) for (let j = 0; j < m; j++) C[i * K + a] += p.Y[i * m + j] * p.X[a * m + j];
  got.B.forEach((v, t) => expect(v).toBeCloseTo(B[t], 12));
  got.C.forEach((v, t) => expect(v).toBeCloseTo(C[t], 12));
  const A = p.A.slice();
  for (let j = 0; j < 4; j++) {
    const u = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[i * K + k] * B[k * K + j];
      u[i] = C[i * K + j] - s + B[j * K + j] * A[i * K + j];
    }
    const norm = Math.hypot(...u);
    for (let i = 0; i < n; i++) A[i * K + j] = u[i] / Math.max(B[j * K + j], norm);
  }
  expect(got.dead).toEqual([4]);
  got.A.forEach((v, t) => expect(Math.abs(v - A[t])).toBeLessThan(1e-13));
});

test("masked: the last atom updated minimizes its block ½Σᵢhᵢaᵢ² − uᵢaᵢ over ‖a‖ ≤ 1 (KKT, and no random feasible point does better)", () => {
  for (const seed of [2, 3, 4]) {
    const p = problem(seed, true);
    const got = run(p);
    expect(got.dead).toEqual([4]);
    const j = 3; // the last live atom: the others are final when it is updated
    const h = new Float64Array(n), u = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let hs = 0, bs = 0, cs = 0;
      for (let c = 0; c < m; c++) {
        if (p.mask![i * m + c] !== 1) continue;
        hs += p.X[j * m + c] ** 2;
        cs += p.Y[i * m + c] * p.X[j * m + c];
        for (let k = 0; k < K; k++) bs += p.X[j * m + c] * p.X[k * m + c] * got.A[i * K + k];
      }
      h[i] = hs;
      u[i] = cs - bs + hs * got.A[i * K + j];
    }
    const a = Array.from({ length: n }, (_, i) => got.A[i * K + j]);
    const f = (d: number[]) => d.reduce((s, v, i) => s + 0.5 * h[i] * v * v - u[i] * v, 0);
    const norm = Math.hypot(...a);
    expect(norm).toBeLessThanOrEqual(1 + 1e-12);
    // KKT: (hᵢ + μ)aᵢ = uᵢ with one μ ≥ 0, μ = 0 unless the constraint is active.
    const mus = a.map((v, i) => (Math.abs(v) > 1e-8 ? u[i] / v - h[i] : NaN)).filter((v) => !Number.isNaN(v));
    const mu = mus[0];
    for (const v of mus) expect(Math.abs(v - mu)).toBeLessThan(1e-8 * (1 + Math.abs(mu)));
    expect(mu).toBeGreaterThanOrEqual(-1e-9);
    if (mu > 1e-9) expect(Math.abs(norm - 1)).toBeLessThan(1e-12);
    const rng = new Rng(seed + 100);
    for (let trial = 0; trial < 200; trial++) {
      const d = a.map((v) => v + 0.05 * rng.normal());
      const s = Math.hypot(...d);
      const feasible = s > 1 ? d.map((v) => v / s) : d;
      expect(f(feasible)).toBeGreaterThanOrEqual(f(a) - 1e-12);
    }
  }
});
