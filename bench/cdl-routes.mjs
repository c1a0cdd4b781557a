// learnConvolutionalDictionary's two routes side by side, coding "fista" (iADM: FISTA-type
// activation step in the Fourier domain, Riemannian gradient step on the kernels) against coding
// "admm" (ADMM in both blocks with the per-frequency K×K solves), each along the homotopy and at
// the target λ directly, on the same instances in the same process, rounds interleaved.
// Same stopping quality: every run records Ψ and the process CPU time at each iteration; the
// target is the worst of the runs' best Ψ (times 1 + 1e-6), and the table gives each run's CPU
// time to first reach it, with its iterations, next to where the run ended by its own test
// (gradientTolerance 1e-6 on its measure, or maxIterations). CPU time leaves out the waiting on
// a shared machine; the load average is printed.
// Run after a build: node bench/cdl-routes.mjs [--quick]
import { loadavg } from "node:os";
import { median } from "./lib/cpu.mjs";
import { printTable } from "./lib/table.mjs";
import * as benign from "../dist/benign.js";

const quick = process.argv.includes("--quick");
const rounds = quick ? 1 : 2;
await benign.init();

/** N signals y_j = Σ_k a_k ⊛ x_jk, Bernoulli–Gaussian x_jk of rate θ, 1-D (n) or 2-D ([h, w]). */
function instance({ K, N, size, kernel, theta }) {
  const twoD = Array.isArray(kernel);
  const truth = Array.from({ length: K }, (_, k) => benign.randomKernel(kernel, { seed: 10 + k }));
  const signals = Array.from({ length: N }, (_, j) => {
    const s = twoD ? benign.matrix(size[0], size[1]) : new Float64Array(size);
    truth.forEach((a, k) => {
      const y = benign.convolutionalData(a, size, { theta, seed: 100 + 10 * j + k }).signal;
      (twoD ? s.data : s).forEach((_, i, arr) => (arr[i] += (twoD ? y.data : y)[i]));
    });
    return s;
  });
  return { truth, signals, twoD };
}

const routes = [
  ["fista", "homotopy"], ["admm", "homotopy"], ["fista", "iadm"], ["admm", "iadm"],
];

async function trace(inst, spec, coding, method) {
  const costs = [], cpus = [];
  const c0 = process.cpuUsage();
  const size = inst.twoD ? { kernelShape: spec.kernel } : { kernelLength: spec.kernel };
  const fit = await benign.learnConvolutionalDictionary(inst.signals, {
    kernels: spec.K, ...size, lambda: spec.lambda, seed: 1, coding, method, maxIterations: spec.maxIterations,
    onIteration: ({ cost }) => {
      const c = process.cpuUsage(c0);
      costs.push(cost);
      cpus.push((c.user + c.system) / 1000);
    },
  });
  return { fit, costs, cpus };
}

const instances = [
  { label: "1-D K = 3 (n = 20), 2 × 20,000 samples", K: 3, N: 2, size: 20_000, kernel: 20, theta: 0.01, lambda: 0.01, maxIterations: 1500 },
  { label: "1-D K = 8 (n = 20), 4 × 10,000 samples", K: 8, N: 4, size: 10_000, kernel: 20, theta: 0.005, lambda: 0.01, maxIterations: 1000 },
  { label: "1-D K = 8 (n = 20), 1 × 20,000 samples", K: 8, N: 1, size: 20_000, kernel: 20, theta: 0.005, lambda: 0.01, maxIterations: 1000 },
  { label: "2-D K = 4 (5×5), 2 × 128×128", K: 4, N: 2, size: [128, 128], kernel: [5, 5], theta: 0.01, lambda: 0.01, maxIterations: 1500 },
];

console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(" ")} (2 cores)`);
const summary = [];
for (const spec of quick ? instances.slice(0, 1) : instances) {
  const inst = instance(spec);
  const runs = routes.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < routes.length; i++) runs[i].push(await trace(inst, spec, ...routes[i]));
  }
  const best = runs.map((rs) => Math.min(...rs[0].costs));
  const target = Math.max(...best) * (1 + 1e-6);
  const rows = routes.map(([coding, method], i) => {
    const reach = runs[i].map(({ costs, cpus }) => {
      const at = costs.findIndex((c) => c <= target);
      return { iterations: at + 1, cpu: cpus[at] };
    });
    const last = runs[i][0];
    return {
      coding, method,
      "iterations to target": median(reach.map((x) => x.iterations)),
      "CPU ms to target": median(reach.map((x) => x.cpu)),
      "ms/iteration": median(runs[i].map(({ cpus }) => cpus.at(-1) / cpus.length)),
      "ended at": `${last.fit.result.iterations} (${last.fit.result.reason})`,
      "end CPU ms": median(runs[i].map(({ cpus }) => cpus.at(-1))),
      "best Ψ − target": (best[i] - target / (1 + 1e-6)).toExponential(2),
      "min matched corr.": benign.matchKernels(last.fit.kernels, inst.truth).minimum.toFixed(4),
    };
  });
  printTable(`${spec.label}, θ = ${spec.theta} per kernel, λ = ${spec.lambda}: CPU time to Ψ ≤ ${target.toPrecision(10)} (the worst route's best Ψ + 1e-6 relative), medians of ${rounds} rounds`, rows);
  const t = (c, m) => rows.find((x) => x.coding === c && x.method === m)["CPU ms to target"];
  summary.push({ instance: spec.label, "homotopy: admm ÷ fista": (t("admm", "homotopy") / t("fista", "homotopy")).toFixed(2), "direct: admm ÷ fista": (t("admm", "iadm") / t("fista", "iadm")).toFixed(2) });
}
printTable("CPU time to the same Ψ, ADMM route ÷ FISTA route (< 1: ADMM faster)", summary);
console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(" ")}`);
