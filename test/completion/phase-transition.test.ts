// The phase transition of exact matrix completion (issue 4): success against the number of
// observed entries, in multiples of the degrees of freedom d = r(m + n − r) of an m×n rank-r matrix.
//
// Theory. The rank-r matrices form a manifold of dimension d. With s < d observed entries, the
// set of rank-r matrices that agree with the data is (through the truth) a variety of dimension
// ≥ d − s > 0, so no method can single out the truth: every trial below d must fail, and the
// failure is one of identifiability, not of optimization. The test shows it constructively: it
// walks along that set, away from the truth, to a rank-r matrix with zero training error that is
// ≥ 50% away from it. Above d, uniform sampling also needs ≥ r entries in every row and column
// (coupon collector), and the guarantees of the nonconvex methods from a spectral start need
// s ≳ C·μ·r·(m + n)·log(m + n) (Keshavan, Montanari & Oh 2010; Sun & Luo 2016; Chi, Lu & Chen
// 2019): at m = n = 60, 5·d is comfortably there and every trial must succeed.
//
// The sweep: m = n = 60, ranks 2 and 4, s ∈ {0.8, 1.5, 3, 5}·d, 4 seeds, method "gd" (λ = 0, the
// exact problem, from the spectral start; GD rather than ALS because ALS with λ = 0 rejects rows
// with fewer than r entries, which are common below 2·d, and a λ > 0 biases the fit), success =
// relative error ‖UVᵀ − X‖_F/‖X‖_F < 1e-4. The samples are nested: for each seed the positions
// are a prefix of one random permutation of the cells, so a larger count observes a superset.
// Identifiability is monotone under supersets, so the success rate can only rise with s, up to
// the optimizer's behaviour on the few borderline instances; the test asserts it is nondecreasing
// with no slack (on these seeds it is; an inversion would point to an optimization failure on an
// identifiable instance, worth looking at rather than tolerating).
import { beforeAll, describe, expect, test } from "vitest";
import { init } from "../../src/runtime/init.js";
import type { Matrix } from "../../src/matrix.js";
import { Rng } from "../../src/data/rng.js";
import { randomLowRank } from "../../src/data/lowrank.js";
import { observedFromFactors } from "../../src/completion/from-factors.js";
import type { Observed } from "../../src/completion/observed.js";
import { completeMatrix } from "../../src/completion/complete-matrix.js";
import { relativeError } from "../../src/symmetry/product-error.js";
import { cholesky } from "../../src/kernels/linalg/cholesky.js";
import { choleskySolve } from "../../src/kernels/linalg/cholesky-solve.js";

beforeAll(async () => {
  await init();
});

const M = 60;
const N = 60;
const RANKS = [2, 4];
const MULTIPLES = [0.8, 1.5, 3, 5];
const SEEDS = [1, 2, 3, 4];
/** Success: relative error below this (GD on the exact problem reaches ≈ 1e-12 when it succeeds). */
const SUCCESS = 1e-4;

interface Instance {
  truth: { U: Matrix; V: Matrix };
  observed: Observed;
}

/** The truth (singular values √(mn)·(1 − k/(2r)): condition ≤ 2, entries of order 1) and the first `count` cells of a seeded permutation. */
function instance(r: number, count: number, seed: number): Instance {
  const singularValues = Array.from({ length: r }, (_, k) => Math.sqrt(M * N) * (1 - k / (2 * r)));
  const { U, V } = randomLowRank(M, N, r, { seed, singularValues });
  const rng = new Rng(seed + 1000);
  const cells = Int32Array.from({ length: M * N }, (_, t) => t);
  for (let t = cells.length - 1; t > 0; t--) {
    const u = rng.integer(t + 1);
    [cells[t], cells[u]] = [cells[u], cells[t]];
  }
  const chosen = cells.subarray(0, count).slice().sort();
  const row = chosen.map((t) => Math.floor(t / N));
  const col = chosen.map((t) => t % N);
  return { truth: { U, V }, observed: observedFromFactors(U, V, { row, col }) };
}

// ---- a rank-r matrix agreeing with the data, far from the truth (for s < d) --------------------

/** (Uᵢ·Vⱼ)_{(i,j)∈Ω} − y. */
function residual(U: Float64Array, V: Float64Array, r: number, o: Observed): Float64Array {
  const out = new Float64Array(o.value.length);
  for (let k = 0; k < out.length; k++) {
    let s = 0;
    for (let l = 0; l < r; l++) s += U[o.row[k] * r + l] * V[o.col[k] * r + l];
    out[k] = s - o.value[k];
  }
  return out;
}

/**
 * The Jacobian J of Φ(U, V) = P_Ω(UVᵀ) (row k: V_{jₖ} in the U_{iₖ} slots, U_{iₖ} in the V_{jₖ}
 * slots) as two operators, and the Cholesky factor of JJᵀ (s×s, with a tiny ridge in case Ω
 * holds a dependent set): (JJᵀ)ₖₗ = [iₖ = iₗ]·V_{jₖ}·V_{jₗ} + [jₖ = jₗ]·U_{iₖ}·U_{iₗ}.
 */
function jacobian(U: Float64Array, V: Float64Array, r: number, o: Observed) {
  const s = o.value.length;
  const dot = (A: Float64Array, a: number, B: Float64Array, b: number): number => {
    let t = 0;
    for (let l = 0; l < r; l++) t += A[a * r + l] * B[b * r + l];
    return t;
  };
  const G = new Float64Array(s * s);
  let trace = 0;
  for (let k = 0; k < s; k++) {
    for (let q = 0; q < s; q++) {
      let v = 0;
      if (o.row[k] === o.row[q]) v += dot(V, o.col[k], V, o.col[q]);
      if (o.col[k] === o.col[q]) v += dot(U, o.row[k], U, o.row[q]);
      G[k * s + q] = v;
    }
    trace += G[k * s + k];
  }
  for (let k = 0; k < s; k++) G[k * s + k] += 1e-13 * (trace / s);
  const L = cholesky({ rows: s, cols: s, data: G });
  /** J·(dU, dV). */
  const apply = (dU: Float64Array, dV: Float64Array): Float64Array => {
    const out = new Float64Array(s);
    for (let k = 0; k < s; k++) out[k] = dot(dU, o.row[k], V, o.col[k]) + dot(U, o.row[k], dV, o.col[k]);
    return out;
  };
  /** Jᵀ·(JJᵀ)⁻¹·x: the least-norm (dU, dV) with J·(dU, dV) = x. */
  const leastNorm = (x: Float64Array): [Float64Array, Float64Array] => {
    const z = choleskySolve(L, x);
    const dU = new Float64Array(U.length);
    const dV = new Float64Array(V.length);
    for (let k = 0; k < s; k++) {
      for (let l = 0; l < r; l++) {
        dU[o.row[k] * r + l] += z[k] * V[o.col[k] * r + l];
        dV[o.col[k] * r + l] += z[k] * U[o.row[k] * r + l];
      }
    }
    return [dU, dV];
  };
  return { apply, leastNorm };
}

const norm = (...xs: Float64Array[]): number => Math.sqrt(xs.reduce((t, x) => t + x.reduce((a, v) => a + v * v, 0), 0));

/**
 * Walks from the truth along {rank-r Z : P_Ω(Z) = P_Ω(X)}: each step moves by `h` along the
 * ascent direction of ½‖UVᵀ − X‖²_F projected onto ker J (a random one at the start, where that
 * gradient vanishes), then returns to the set by Gauss–Newton with least-norm corrections
 * (quadratically convergent while J has full row rank, which it has for generic data with s < d).
 * Stops once the relative distance to X reaches `target`. Returns the end point.
 */
function walkAway(truth: { U: Matrix; V: Matrix }, o: Observed, r: number, target: number, seed: number) {
  const U = truth.U.data.slice();
  const V = truth.V.data.slice();
  const rng = new Rng(seed);
  const scale = norm(o.value);
  const X = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) for (let l = 0; l < r; l++) X[i * N + j] += U[i * r + l] * V[j * r + l];
  const h = 0.1 * norm(U, V);
  let distance = 0;
  for (let step = 0; step < 100 && distance < target; step++) {
    // Ascent direction of ½‖UVᵀ − X‖²: (D·V, Dᵀ·U), D = UVᵀ − X.
    let gU: Float64Array = new Float64Array(U.length);
    let gV: Float64Array = new Float64Array(V.length);
    if (step === 0) {
      gU = rng.normalArray(U.length);
      gV = rng.normalArray(V.length);
    } else {
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let d = -X[i * N + j];
          for (let l = 0; l < r; l++) d += U[i * r + l] * V[j * r + l];
          for (let l = 0; l < r; l++) {
            gU[i * r + l] += d * V[j * r + l];
            gV[j * r + l] += d * U[i * r + l];
          }
        }
      }
    }
    const J = jacobian(U, V, r, o);
    const [pU, pV] = J.leastNorm(J.apply(gU, gV));
    for (let t = 0; t < gU.length; t++) gU[t] -= pU[t];
    for (let t = 0; t < gV.length; t++) gV[t] -= pV[t];
    const g = norm(gU, gV);
    for (let t = 0; t < U.length; t++) U[t] += (h / g) * gU[t];
    for (let t = 0; t < V.length; t++) V[t] += (h / g) * gV[t];
    for (let newton = 0; newton < 20; newton++) {
      const res = residual(U, V, r, o);
      if (norm(res) <= 1e-13 * scale) break;
      const Jn = jacobian(U, V, r, o);
      const [dU, dV] = Jn.leastNorm(res);
      for (let t = 0; t < U.length; t++) U[t] -= dU[t];
      for (let t = 0; t < V.length; t++) V[t] -= dV[t];
    }
    distance = relativeError({ rows: M, cols: r, data: U }, { rows: N, cols: r, data: V }, truth.U, truth.V);
  }
  return { U: { rows: M, cols: r, data: U }, V: { rows: N, cols: r, data: V }, distance, trainError: norm(residual(U, V, r, o)) / scale };
}

// ---- the sweep ---------------------------------------------------------------------------------

describe("matrix completion: the phase transition in the number of observed entries", () => {
  test("below d = r(m+n−r) a far-away exact fit exists and no trial succeeds; at 5·d all do; success rises with s", async () => {
    const table: string[] = [];
    for (const r of RANKS) {
      const d = r * (M + N - r);
      const rates: number[] = [];
      for (const multiple of MULTIPLES) {
        const count = Math.round(multiple * d);
        let successes = 0;
        const errors: number[] = [];
        for (const seed of SEEDS) {
          const { truth, observed } = instance(r, count, seed);
          // λ = 0: the exact problem. gradientTolerance 1e-9 with entries of order 1: at a
          // recovered point the restricted curvature (≈ p·σ_r² ≥ 0.05·(30)²) turns that into an
          // error ≈ 1e-11, far below the success threshold. 1500 iterations: successes stop
          // after 100–1200; the borderline instances (r = 4 at 1.5·d) converge slowly, one of them
          // at 2.6e-4 here (it succeeds after 3000) — counted as a failure, which keeps the
          // rates monotone either way and the test under 5 s.
          const fit = await completeMatrix(observed, { rank: r, method: "gd", lambda: 0, gradientTolerance: 1e-9, maxIterations: 1500, seed });
          const error = relativeError(fit.U, fit.V, truth.U, truth.V);
          errors.push(error);
          if (error < SUCCESS) successes++;
          if (count < d) {
            // Identifiability, not optimization: a rank-r matrix with zero training error (to
            // rounding: Gauss–Newton converges quadratically to ≈ 1e-15 relative) at ≥ 50% from the
            // truth, which the data cannot tell from it.
            const far = walkAway(truth, observed, r, 0.5, seed);
            expect(far.trainError, `r = ${r}, s = ${count}, seed ${seed}: training error of the far fit`).toBeLessThan(1e-10);
            expect(far.distance, `r = ${r}, s = ${count}, seed ${seed}: distance of the far fit`).toBeGreaterThanOrEqual(0.5);
          }
        }
        rates.push(successes / SEEDS.length);
        table.push(`r = ${r}, s = ${multiple}·d = ${count}: ${successes}/${SEEDS.length} (errors ${errors.map((e) => e.toExponential(1)).join(", ")})`);
      }
      expect(rates[0], `r = ${r}: success rate below d`).toBe(0);
      expect(rates[rates.length - 1], `r = ${r}: success rate at 5·d`).toBe(1);
      for (let k = 1; k < rates.length; k++) expect(rates[k], `r = ${r}: rates ${rates.join(", ")}`).toBeGreaterThanOrEqual(rates[k - 1]);
    }
    console.log(table.join("\n"));
  }, 60_000);
});
