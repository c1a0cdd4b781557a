// Short-and-sparse deconvolution timings (issue 11): the papers' 1-D instance (n = 100,
// m = 10⁴, θ = n^(−3/4), Bernoulli–Rademacher, λ = 0.01) and the 2-D one (16×16 in 256×256,
// θ = 10⁻³) end to end along the homotopy; the time of one iADM iteration at m = 10⁴, 10⁵, 10⁶
// (it should grow like m·log m) and, at the powers of two next to them, beside the same
// iteration in plain JS with fft.js doing the transforms; the phase transition over θ and m.
// Wall time and process CPU time (the machine is shared: CPU time leaves out the waiting);
// medians over rounds. Per-iteration times are differences of runs of K₁ and K₂ iterations
// (setup and the first, slower iterations cancel).
// Run after a build: node --experimental-wasm-relaxed-simd bench/deconvolution.mjs [--quick]
import FFT from "fft.js";
import { median, timed } from "./lib/cpu.mjs";
import { printTable } from "./lib/table.mjs";
import { init, supportedBinaries, deconvolve, randomKernel, convolutionalData, shiftCorrelation } from "../dist/benign.js";

const quick = process.argv.includes("--quick");
const binaries = supportedBinaries().filter((b) => b !== "scalar");

// ---- End to end: the papers' instances --------------------------------------------------------
const n = 100, m = 10_000, theta = n ** -0.75, lambda = 0.01;
const seeds = quick ? 3 : 10;
const instances = Array.from({ length: seeds }, (_, i) => {
  const kernel = randomKernel(n, { seed: i + 1 });
  return { kernel, signal: null, seed: i + 1 };
});
const image = { kernel: null, signal: null };
const endToEnd = [];
for (const binary of binaries) {
  await init({ binary });
  for (const inst of instances) {
    inst.signal ??= convolutionalData(inst.kernel, m, { theta, activation: "bernoulli-rademacher", seed: 100 + inst.seed }).signal;
  }
  image.kernel ??= randomKernel([16, 16], { seed: 3 });
  image.signal ??= convolutionalData(image.kernel, [256, 256], { theta: 1e-3, seed: 4 }).signal;
  await deconvolve(instances[0].signal, { kernelLength: n, lambda }); // warm-up: tier-up of the kernels
  const walls = [], cpus = [], its = [], transforms = [];
  let ok = 0;
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    for (const inst of instances) {
      const t = await timed(() => deconvolve(inst.signal, { kernelLength: n, lambda, seed: inst.seed }));
      walls.push(t.wall);
      cpus.push(t.cpu);
      its.push(t.value.result.iterations);
      transforms.push(t.value.transforms / t.value.result.iterations);
      if (round === 0 && shiftCorrelation(t.value.kernel, inst.kernel).correlation >= 0.99) ok++;
    }
  }
  endToEnd.push({
    build: binary, instance: "1-D n=100, m=1e4", "wall ms": median(walls), "CPU ms": median(cpus), iterations: median(its),
    "FFTs/iteration": median(transforms), recovered: `${ok}/${seeds}`, "numpy 320 ms ÷ CPU": 320 / median(cpus),
  });
  const w2 = [], c2 = [];
  let it2 = 0, tr2 = 0, ok2 = "";
  for (let round = 0; round < (quick ? 1 : 3); round++) {
    const t = await timed(() => deconvolve(image.signal, { kernelShape: [16, 16], lambda, seed: 2 }));
    w2.push(t.wall);
    c2.push(t.cpu);
    it2 = t.value.result.iterations;
    tr2 = t.value.transforms / it2;
    ok2 = shiftCorrelation(t.value.kernel, image.kernel).correlation >= 0.99 ? "1/1" : "0/1";
  }
  endToEnd.push({
    build: binary, instance: "2-D 16×16 in 256×256", "wall ms": median(w2), "CPU ms": median(c2), iterations: it2,
    "FFTs/iteration": tr2, recovered: ok2, "numpy 320 ms ÷ CPU": NaN, "numpy 1400 ms ÷ CPU": 1400 / median(c2),
  });
}
for (const r of endToEnd) r["numpy 1400 ms ÷ CPU"] ??= NaN;
printTable("End to end along the homotopy (targets: 1-D < 80 ms, 2-D < 600 ms; numpy figures from the issue)", endToEnd);

// ---- One iADM iteration at m = 10⁴, 10⁵, 10⁶ ----------------------------------------------------
/** Per-iteration CPU and wall ms of method "iadm" on y: (run of k2 − run of k1)/(k2 − k1). */
async function perIteration(y, k1, k2) {
  const run = (k) => timed(() => deconvolve(y, { kernelLength: n, lambda, method: "iadm", maxIterations: k }));
  await run(k1);
  const a = [], b = [];
  for (let round = 0; round < (quick ? 2 : 5); round++) {
    a.push(await run(k1));
    b.push(await run(k2));
  }
  const d = (key) => (median(b.map((t) => t[key])) - median(a.map((t) => t[key]))) / (k2 - k1);
  const last = b[b.length - 1].value;
  return { cpu: d("cpu"), wall: d("wall"), transforms: last.transforms / last.result.iterations };
}

await init({ binary: "simd" });
const scaling = [];
const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
for (const size of sizes) {
  const y = convolutionalData(randomKernel(n, { seed: 1 }), size, { theta, activation: "bernoulli-rademacher", seed: 7 }).signal;
  const k1 = size >= 1e6 ? 4 : 10, k2 = size >= 1e6 ? 12 : 40;
  const t = await perIteration(y, k1, k2);
  scaling.push({ m: size, "CPU ms/iteration": t.cpu, "wall ms/iteration": t.wall, "FFTs/iteration": t.transforms, "ns per m·log2 m (CPU)": (1e6 * t.cpu) / (size * Math.log2(size)) });
}
printTable("One iADM iteration (simd build; grows like m log m when the last column is flat)", scaling);

// ---- The same iteration in plain JS with fft.js -----------------------------------------------
/**
 * iADM on y (1-D, one kernel, λ fixed, no bias, x₀ = 0) in plain JS with fft.js for the
 * transforms: the same steps and step-size rules as the library's (activation step with the
 * curvature-based trials, kernel step with the Gram-matrix Armijo search; restarts left out), on
 * half spectra. Returns the number of transforms.
 */
function iadmFftJs(y, window, kernel0, iterations) {
  const M = y.length, B = M / 2 + 1, f = new FFT(M);
  const full = f.createComplexArray(), back = f.createComplexArray();
  let transforms = 0;
  const forward = (x, out) => {
    f.realTransform(full, x);
    transforms++;
    for (let i = 0; i < 2 * B; i++) out[i] = full[i];
  };
  const inverse = (spec, out) => {
    for (let i = 0; i < 2 * B; i++) full[i] = spec[i];
    for (let k = B; k < M; k++) {
      full[2 * k] = spec[2 * (M - k)];
      full[2 * k + 1] = -spec[2 * (M - k) + 1];
    }
    f.inverseTransform(back, full);
    transforms++;
    for (let i = 0; i < M; i++) out[i] = back[2 * i];
  };
  const weight = (k) => (k === 0 || k === B - 1 ? 1 : 2);
  const energy = (r) => {
    let s = 0;
    for (let k = 0; k < B; k++) s += weight(k) * (r[2 * k] ** 2 + r[2 * k + 1] ** 2);
    return (0.5 * s) / M;
  };
  const Y = new Float64Array(2 * B);
  forward(Array.from(y), Y);
  const pad = new Float64Array(M);
  let a = kernel0.slice(), aOld = a.slice();
  const A = new Float64Array(2 * B), AOld = new Float64Array(2 * B);
  pad.set(a);
  forward(pad, A);
  AOld.set(A);
  let x = new Float64Array(M), xOld = new Float64Array(M), X = new Float64Array(2 * B), XOld = new Float64Array(2 * B);
  const g = new Float64Array(M), G = new Float64Array(2 * B), R = new Float64Array(2 * B), S = new Float64Array(2 * B);
  let xn = new Float64Array(M), Xn = new Float64Array(2 * B), next = 1;
  const beta = 0.85;
  for (let it = 0; it < iterations; it++) {
    // Activation step.
    for (let k = 0; k < B; k++) {
      const xr = (1 + beta) * X[2 * k] - beta * XOld[2 * k], xi = (1 + beta) * X[2 * k + 1] - beta * XOld[2 * k + 1];
      const ar = A[2 * k], ai = A[2 * k + 1];
      R[2 * k] = ar * xr - ai * xi - Y[2 * k];
      R[2 * k + 1] = ar * xi + ai * xr - Y[2 * k + 1];
      G[2 * k] = ar * R[2 * k] + ai * R[2 * k + 1];
      G[2 * k + 1] = ar * R[2 * k + 1] - ai * R[2 * k];
    }
    const fHat = energy(R);
    inverse(G, g);
    let t = next;
    for (let trial = 0; trial < 60; trial++) {
      let gd = 0, dd = 0;
      for (let i = 0; i < M; i++) {
        const xh = x[i] + beta * (x[i] - xOld[i]);
        const v = xh - t * g[i];
        const s = Math.abs(v) - t * lambda;
        const xp = s > 0 ? Math.sign(v) * s : 0;
        xn[i] = xp;
        gd += g[i] * (xp - xh);
        dd += (xp - xh) ** 2;
      }
      forward(xn, Xn);
      for (let k = 0; k < B; k++) {
        const ar = A[2 * k], ai = A[2 * k + 1], xr = Xn[2 * k], xi = Xn[2 * k + 1];
        R[2 * k] = ar * xr - ai * xi - Y[2 * k];
        R[2 * k + 1] = ar * xi + ai * xr - Y[2 * k + 1];
      }
      const fit = energy(R), excess = fit - fHat - gd, local = excess > 0 ? dd / (2 * excess) : Infinity;
      if (dd === 0 || fit <= fHat + gd + dd / (2 * t) + 1e-12 * fHat) {
        next = Math.min(2 * t, Math.max(t, 0.95 * local));
        [xOld, x, xn] = [x, xn, xOld];
        [XOld, X, Xn] = [X, Xn, XOld];
        break;
      }
      t = Math.min(0.95 * t, Math.max(t / 10, 0.95 * local));
    }
    // Kernel step.
    let d2 = 0;
    for (let i = 0; i < window; i++) d2 += (a[i] - aOld[i]) ** 2;
    const th = 2 * Math.asin(Math.min(1, Math.sqrt(d2) / 2));
    let c1 = 1, c2 = 0;
    if (th > 0 && th < Math.PI - 1e-6) {
      c1 = Math.sin((1 + beta) * th) / Math.sin(th);
      c2 = -Math.sin(beta * th) / Math.sin(th);
    }
    const z = a.map((v, i) => c1 * v + c2 * aOld[i]);
    const zn = Math.hypot(...z);
    for (let i = 0; i < window; i++) z[i] /= zn;
    c1 /= zn;
    c2 /= zn;
    for (let k = 0; k < B; k++) {
      const ur = c1 * A[2 * k] + c2 * AOld[2 * k], ui = c1 * A[2 * k + 1] + c2 * AOld[2 * k + 1];
      const xr = X[2 * k], xi = X[2 * k + 1];
      R[2 * k] = ur * xr - ui * xi - Y[2 * k];
      R[2 * k + 1] = ur * xi + ui * xr - Y[2 * k + 1];
      G[2 * k] = xr * R[2 * k] + xi * R[2 * k + 1];
      G[2 * k + 1] = xr * R[2 * k + 1] - xi * R[2 * k];
    }
    const f0 = energy(R);
    inverse(G, g);
    const grad = g.slice(0, window);
    let zg = 0;
    for (let i = 0; i < window; i++) zg += z[i] * grad[i];
    for (let i = 0; i < window; i++) grad[i] -= zg * z[i];
    pad.fill(0);
    pad.set(grad);
    forward(pad, S);
    let rr = 0, ry = 0, yy = 0, rv = 0, yv = 0, vv = 0;
    for (let k = 0; k < B; k++) {
      const w = weight(k), vr = S[2 * k] * X[2 * k] - S[2 * k + 1] * X[2 * k + 1], vi = S[2 * k] * X[2 * k + 1] + S[2 * k + 1] * X[2 * k];
      const r0 = R[2 * k], r1 = R[2 * k + 1], y0 = Y[2 * k], y1 = Y[2 * k + 1];
      rr += w * (r0 * r0 + r1 * r1); ry += w * (r0 * y0 + r1 * y1); yy += w * (y0 * y0 + y1 * y1);
      rv += w * (r0 * vr + r1 * vi); yv += w * (y0 * vr + y1 * vi); vv += w * (vr * vr + vi * vi);
    }
    const gn2 = grad.reduce((s, v) => s + v * v, 0);
    const fitAt = (tau) => {
      const s = Math.sqrt(1 + tau * tau * gn2), p = 1 / s, q = 1 / s - 1, u = -tau / s;
      return (0.5 * (p * p * rr + q * q * yy + u * u * vv + 2 * p * q * ry + 2 * p * u * rv + 2 * q * u * yv)) / M;
    };
    let tau = vv > 0 ? (gn2 * M) / vv : 0;
    while (tau > 0 && fitAt(tau) > f0 - 1e-4 * tau * gn2) tau /= 2;
    const w = z.map((v, i) => v - tau * grad[i]);
    const s = Math.hypot(...w);
    for (let i = 0; i < window; i++) w[i] /= s;
    for (let k = 0; k < 2 * B; k++) AOld[k] = (c1 / s) * A[k] + (c2 / s) * AOld[k] - (tau / s) * S[k];
    const swap = A.slice();
    A.set(AOld);
    AOld.set(swap);
    aOld = a;
    a = w;
    // Ψ after the step (a data-fit pass and ‖x‖₁), as the library records it.
    for (let k = 0; k < B; k++) {
      const ar = A[2 * k], ai = A[2 * k + 1], xr = X[2 * k], xi = X[2 * k + 1];
      R[2 * k] = ar * xr - ai * xi - Y[2 * k];
      R[2 * k + 1] = ar * xi + ai * xr - Y[2 * k + 1];
    }
    let l1 = 0;
    for (let i = 0; i < M; i++) l1 += Math.abs(x[i]);
    void (energy(R) + lambda * l1);
  }
  return transforms;
}

const versus = [];
for (const log of quick ? [13, 17] : [13, 17, 20]) {
  const size = 2 ** log;
  const kernel = randomKernel(n, { seed: 1 });
  const y = convolutionalData(kernel, size, { theta, activation: "bernoulli-rademacher", seed: 7 }).signal;
  const k1 = log >= 20 ? 4 : 10, k2 = log >= 20 ? 12 : 60;
  const ours = await perIteration(y, k1, k2);
  const start = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) start[n + i] = y[5 * n + i];
  const norm = Math.hypot(...start);
  const k0 = start.map((v) => v / norm);
  const js = (k) => {
    const c0 = process.cpuUsage();
    const transforms = iadmFftJs(y, 3 * n, k0, k);
    const c = process.cpuUsage(c0);
    return { cpu: (c.user + c.system) / 1000, transforms };
  };
  js(k2); // warm-up: the JIT
  const a = [], b = [];
  for (let round = 0; round < (quick ? 2 : 5); round++) {
    a.push(js(k1));
    b.push(js(k2));
  }
  const perJs = (median(b.map((t) => t.cpu)) - median(a.map((t) => t.cpu))) / (k2 - k1);
  const jsTransforms = (b[0].transforms - a[0].transforms) / (k2 - k1);
  versus.push({
    m: `2^${log}`, "benign CPU ms/it": ours.cpu, "benign FFTs/it": ours.transforms, "fft.js CPU ms/it": perJs, "fft.js FFTs/it": jsTransforms,
    "fft.js ÷ benign": perJs / ours.cpu, "÷ per FFT": (perJs / jsTransforms) / (ours.cpu / ours.transforms),
  });
}
printTable("One iADM iteration: benign (simd, resident buffers) vs the same iteration in plain JS with fft.js (CPU time)", versus);

// ---- Phase transition over θ and m -------------------------------------------------------------
{
  const nk = 30, thetas = quick ? [0.02, 0.1, 0.4] : [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4];
  const lengths = quick ? [300, 1200] : [300, 600, 1200, 2400, 4800];
  const trials = quick ? 4 : 8;
  const rows = [];
  for (const size of lengths) {
    const row = { m: size };
    for (const th of thetas) {
      let ok = 0;
      for (let seed = 1; seed <= trials; seed++) {
        const a0 = randomKernel(nk, { seed });
        const data = convolutionalData(a0, size, { theta: th, seed: 1000 * seed + size });
        const r = await deconvolve(data.signal, { kernelLength: nk, lambda, seed, maxIterations: 1000 });
        if (shiftCorrelation(r.kernel, a0).correlation >= 0.99) ok++;
      }
      row[`θ=${th}`] = `${ok}/${trials}`;
    }
    rows.push(row);
  }
  printTable(`Phase transition: recovered (shiftCorrelation ≥ 0.99) of ${trials}, n = ${nk}, Bernoulli–Gaussian, homotopy`, rows);
}
