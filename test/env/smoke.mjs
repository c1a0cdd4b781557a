// The same checks in every runtime (Node, Deno, Chromium): initialize the bundle, draw from the
// seeded generator and run each kernel family on its numbers against plain-JS references
// computed in the same runtime. The caller compares the results across runtimes (the generator
// must agree bit for bit) and checks each error.
import { dftBinsError, sampledProductError, softThresholdError } from "../../demo/reference.mjs";

export async function smoke(benign) {
  const features = await benign.init();
  const rng = new benign.Rng(20261128);
  const uniform = Array.from(rng.uniformArray(8));
  const normal = Array.from(rng.normalArray(8));
  const errors = {
    dot: dotError(benign, rng),
    gemm: gemmError(benign, rng),
    fft: fftError(benign, rng),
    convolve: convolveError(benign, rng),
    svd: svdError(benign, rng),
    softThreshold: softThresholdCheck(benign, rng),
    sampledProduct: sampledError(benign, rng),
  };
  benign.clearFftPlans();
  return { features, uniform, normal, errors, buffersLive: benign.runtime().arena.stats().buffersLive };
}

function dotError(benign, rng) {
  const x = rng.normalArray(1001);
  const y = rng.normalArray(1001);
  let want = 0;
  for (let i = 0; i < x.length; i++) want += x[i] * y[i];
  return Math.abs(benign.dot(x, y) - want) / Math.sqrt(x.length);
}

function gemmError(benign, rng) {
  const [m, k, n] = [37, 29, 41];
  const a = benign.matrix(m, k, rng.normalArray(m * k));
  const b = benign.matrix(n, k, rng.normalArray(n * k));
  const c = benign.gemm(a, b, { transB: true });
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += a.data[i * k + l] * b.data[j * k + l];
      worst = Math.max(worst, Math.abs(s - c.data[i * n + j]));
    }
  }
  return worst;
}

function fftError(benign, rng) {
  const n = 1000; // 2³·5³: mixed radix
  const re = rng.normalArray(n);
  const im = rng.normalArray(n);
  return dftBinsError(re, im, benign.fft(re, im), [0, 1, 3, 500, 999]);
}

function convolveError(benign, rng) {
  const n = 257;
  const x = rng.normalArray(n);
  const a = rng.normalArray(31);
  let worst = 0;
  for (const method of ["direct", "fft"]) {
    const y = benign.circularConvolve(x, a, { method });
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < a.length; k++) s += a[k] * x[(((i - k) % n) + n) % n];
      worst = Math.max(worst, Math.abs(s - y[i]));
    }
  }
  return worst;
}

function svdError(benign, rng) {
  const [m, n] = [30, 20];
  const a = benign.matrix(m, n, rng.normalArray(m * n));
  const { U, S, V } = benign.svd(a);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < n; l++) s += U.data[i * n + l] * S[l] * V.data[j * n + l];
      worst = Math.max(worst, Math.abs(s - a.data[i * n + j]));
    }
  }
  return worst;
}

function softThresholdCheck(benign, rng) {
  const x = rng.normalArray(1001);
  return softThresholdError(x, 0.3, benign.softThreshold(x, 0.3));
}

function sampledError(benign, rng) {
  const [m, n, r, nnz] = [50, 40, 7, 300];
  const U = benign.matrix(m, r, rng.normalArray(m * r));
  const V = benign.matrix(n, r, rng.normalArray(n * r));
  const row = Int32Array.from({ length: nnz }, () => rng.integer(m));
  const col = Int32Array.from({ length: nnz }, () => rng.integer(n));
  return sampledProductError(U, V, row, col, benign.sampledProduct(U, V, row, col));
}
