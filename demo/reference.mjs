// Plain-JS references the kernels and demos are checked against, shared by the `npm start` report
// (demo/kernels.mjs, camera.mjs, completion.mjs) and the cross-runtime smoke run
// (test/env/smoke.mjs). Dependency-free, so the same file runs in Node, Deno and the browser.

/**
 * Largest |X[k] − DFT(re + i·im)[k]| / √n over the given bins, the DFT summed directly
 * (O(n) per bin; the angle's index is reduced mod n to keep it exact).
 */
export function dftBinsError(re, im, out, bins) {
  const n = re.length;
  let worst = 0;
  for (const k of bins) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((j * k) % n)) / n;
      sr += re[j] * Math.cos(angle) - im[j] * Math.sin(angle);
      si += re[j] * Math.sin(angle) + im[j] * Math.cos(angle);
    }
    worst = Math.max(worst, Math.hypot(sr - out.re[k], si - out.im[k]) / Math.sqrt(n));
  }
  return worst;
}

/** Largest |out[k] − ⟨U[row[k]], V[col[k]]⟩| over the sampled entries (U m×r, V n×r, row-major). */
export function sampledProductError(U, V, row, col, out) {
  const r = U.cols;
  let worst = 0;
  for (let k = 0; k < row.length; k++) {
    let s = 0;
    for (let l = 0; l < r; l++) s += U.data[row[k] * r + l] * V.data[col[k] * r + l];
    worst = Math.max(worst, Math.abs(s - out[k]));
  }
  return worst;
}

/** Largest |z[i] − sign(x[i])·max(|x[i]| − t, 0)| (soft-thresholding at t). */
export function softThresholdError(x, t, z) {
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(z[i] - Math.sign(x[i]) * Math.max(Math.abs(x[i]) - t, 0)));
  return worst;
}

/**
 * The factors (U_k·diag(S_k), V_k) of the best rank-k approximation (Eckart–Young) from a thin
 * SVD { U, S, V }: their product U_k·diag(S_k)·V_kᵀ is the oracle the camera demos compare against.
 */
export function rankKFactors({ U, S, V }, k) {
  const left = { rows: U.rows, cols: k, data: new Float64Array(U.rows * k) };
  const right = { rows: V.rows, cols: k, data: new Float64Array(V.rows * k) };
  for (let i = 0; i < U.rows; i++) for (let j = 0; j < k; j++) left.data[i * k + j] = U.data[i * U.cols + j] * S[j];
  for (let i = 0; i < V.rows; i++) for (let j = 0; j < k; j++) right.data[i * k + j] = V.data[i * V.cols + j];
  return { left, right };
}
