// Matrix sensing timings (issue 4): the Gaussian operator 𝒜 and its adjoint on 100×100 matrices
// with count = 5000 measurements, stored (the 5000×10⁴ matrix, 400 MB, in wasm memory: a gemv pass
// per application) vs streaming (the measurements regenerated from the seed in ~1 MiB blocks:
// 5·10⁷ normals per application); the dense vs factored paths of 𝒜(UVᵀ), including a shape where
// the factored path has fewer flops; and senseLowRank's recovery time on the test cases.
// Median of repeated runs.
// Run after a build: node --experimental-wasm-relaxed-simd bench/sensing.mjs
import { secondsPerRun } from "./lib/measure.mjs";
import { printTable } from "./lib/table.mjs";

import { init, supportedBinaries, Rng, gaussianOperator, senseLowRank, relativeError } from "../dist/benign.js";

const ms = (seconds) => seconds * 1000;

// ---- 𝒜 and 𝒜* at n = 100, count = 5000 ---------------------------------------------------------
const N = 100;
const COUNT = 5000;
const binaries = supportedBinaries().filter((b) => b !== "scalar");
const rows = [];
for (const binary of binaries) {
  await init({ binary });
  const rng = new Rng(1);
  const X = { rows: N, cols: N, data: rng.normalArray(N * N) };
  const y = rng.normalArray(COUNT);
  let t0 = performance.now();
  const stored = gaussianOperator([N, N], COUNT, { seed: 3, mode: "stored" });
  const build = (performance.now() - t0) / 1000;
  const streaming = gaussianOperator([N, N], COUNT, { seed: 3, mode: "streaming" });
  t0 = performance.now();
  const symmetric = gaussianOperator([N, N], COUNT, { seed: 3, mode: "stored", symmetric: true });
  const buildSymmetric = (performance.now() - t0) / 1000;
  for (const op of [stored, streaming, symmetric]) {
    const opts = { minSeconds: op.mode === "stored" ? 1 : 3, minRuns: 3, warmup: 1 };
    rows.push({
      build: binary,
      mode: op.symmetric ? "stored, symmetric" : op.mode,
      "setup ms": op.mode === "stored" ? ms(op.symmetric ? buildSymmetric : build) : 0,
      "MB held": op.storedBytes / 2 ** 20,
      "𝒜 ms": ms(secondsPerRun(() => op.apply(X), opts)),
      "𝒜* ms": ms(secondsPerRun(() => op.adjoint(y), opts)),
    });
  }
  stored.dispose();
  streaming.dispose();
  symmetric.dispose();
}
for (const r of rows) {
  const stored = rows.find((s) => s.build === r.build && s.mode === "stored");
  r["÷ stored 𝒜"] = r["𝒜 ms"] / stored["𝒜 ms"];
  r["÷ stored 𝒜*"] = r["𝒜* ms"] / stored["𝒜* ms"];
}
printTable(`Gaussian operator, X ${N}×${N}, count = ${COUNT} (median of runs)`, rows);

await init();
{
  const rng = new Rng(2);
  const t0 = performance.now();
  rng.normalArray(5e6);
  const perNormal = (performance.now() - t0) / 5e6;
  console.log(`\nRng.normalArray: ${(perNormal * 1e6).toFixed(1)} ns per normal → ${(perNormal * N * N * COUNT).toFixed(0)} ms to regenerate the operator`);
}

// ---- dense vs factored 𝒜(UVᵀ) -------------------------------------------------------------------
const pathRows = [];
for (const [m, n, count, r] of [[100, 100, 2000, 2], [300, 300, 100, 1], [300, 300, 1000, 1]]) {
  const rng = new Rng(4);
  const U = { rows: m, cols: r, data: rng.normalArray(m * r) };
  const V = { rows: n, cols: r, data: rng.normalArray(n * r) };
  const op = gaussianOperator([m, n], count, { seed: 5, mode: "stored" });
  const dense = secondsPerRun(() => op.applyFactored(U, V, { path: "dense" }));
  const factored = secondsPerRun(() => op.applyFactored(U, V, { path: "factored" }));
  const flops = (2 * count * m * n * r + 2 * count * m * r) / (2 * m * n * r + 2 * count * m * n);
  pathRows.push({ shape: `${m}×${n}`, count, r, "dense ms": ms(dense), "factored ms": ms(factored), "factored/dense flops": flops, "factored/dense time": factored / dense });
  op.dispose();
}
printTable("𝒜(UVᵀ): dense (form UVᵀ) vs factored (⟨AₖV, U⟩) path, stored operator", pathRows);

// ---- recovery ----------------------------------------------------------------------------------
const cases = [
  { name: "PSD 40×40 r=2", m: 40, n: 40, count: 480, symmetric: true },
  { name: "general 30×25 r=2", m: 30, n: 25, count: 360, symmetric: false },
];
const recRows = [];
for (const c of cases) {
  for (const method of ["trust-regions", "gradient-descent"]) {
    for (const start of ["spectral", "random"]) {
      const times = [];
      let worst = 0;
      let iterations = 0;
      for (let seed = 1; seed <= 5; seed++) {
        const rng = new Rng(seed);
        const U = { rows: c.m, cols: 2, data: rng.normalArray(c.m * 2) };
        const V = c.symmetric ? U : { rows: c.n, cols: 2, data: rng.normalArray(c.n * 2) };
        const op = gaussianOperator([c.m, c.n], c.count, { seed: 1000 + seed, symmetric: c.symmetric });
        const y = op.applyFactored(U, V);
        const t0 = performance.now();
        const fit = await senseLowRank(y, { operator: op, rank: 2, method, init: start, seed, gradientTolerance: 1e-10, maxIterations: 3000 });
        times.push(performance.now() - t0);
        worst = Math.max(worst, relativeError(fit.U, fit.V, U, V));
        iterations += fit.result.iterations;
        op.dispose();
      }
      times.sort((a, b) => a - b);
      recRows.push({ case: c.name, count: c.count, method, init: start, "median ms": times[2], "mean iterations": iterations / 5, "worst rel. error": worst.toExponential(1) });
    }
  }
}
printTable("senseLowRank recovery to gradient norm 1e-10 (5 seeds)", recRows);
