import { gramCholesky, gramSolve, rankOneSolve } from "../../../assembly/deconvolution/frequency-solve";
import { fillPattern, ptr } from "../helpers";

const EPS: f64 = 1.1102230246251565e-16;

// The reference: the K×K complex system of one bin formed densely and solved by Gaussian
// elimination with partial pivoting (no structure used: neither the rank one nor Hermitian symmetry).
function denseSolve(re: Float64Array, im: Float64Array, br: Float64Array, bi: Float64Array, K: i32): Float64Array {
  const ar = re.slice(), ai = im.slice(), xr = br.slice(), xi = bi.slice();
  for (let c = 0; c < K; c++) {
    let p = c;
    for (let r = c + 1; r < K; r++) if (Math.hypot(ar[r * K + c], ai[r * K + c]) > Math.hypot(ar[p * K + c], ai[p * K + c])) p = r;
    for (let j = 0; j < K; j++) {
      let t = ar[c * K + j]; ar[c * K + j] = ar[p * K + j]; ar[p * K + j] = t;
      t = ai[c * K + j]; ai[c * K + j] = ai[p * K + j]; ai[p * K + j] = t;
    }
    let t = xr[c]; xr[c] = xr[p]; xr[p] = t;
    t = xi[c]; xi[c] = xi[p]; xi[p] = t;
    const dr = ar[c * K + c], di = ai[c * K + c], dn = dr * dr + di * di;
    for (let r = c + 1; r < K; r++) {
      // m = a[r][c] / a[c][c]
      const nr = ar[r * K + c], ni = ai[r * K + c];
      const mr = (nr * dr + ni * di) / dn, mi = (ni * dr - nr * di) / dn;
      for (let j = c; j < K; j++) {
        ar[r * K + j] -= mr * ar[c * K + j] - mi * ai[c * K + j];
        ai[r * K + j] -= mr * ai[c * K + j] + mi * ar[c * K + j];
      }
      xr[r] -= mr * xr[c] - mi * xi[c];
      xi[r] -= mr * xi[c] + mi * xr[c];
    }
  }
  for (let r = K - 1; r >= 0; r--) {
    let sr = xr[r], si = xi[r];
    for (let j = r + 1; j < K; j++) {
      sr -= ar[r * K + j] * xr[j] - ai[r * K + j] * xi[j];
      si -= ar[r * K + j] * xi[j] + ai[r * K + j] * xr[j];
    }
    const dr = ar[r * K + r], di = ai[r * K + r], dn = dr * dr + di * di;
    xr[r] = (sr * dr + si * di) / dn;
    xi[r] = (si * dr - sr * di) / dn;
  }
  const out = new Float64Array(2 * K);
  for (let k = 0; k < K; k++) {
    out[2 * k] = xr[k];
    out[2 * k + 1] = xi[k];
  }
  return out;
}

function table(arrays: Float64Array[]): Float64Array {
  const t = new Float64Array(arrays.length);
  for (let i = 0; i < arrays.length; i++) t[i] = <f64>ptr(arrays[i]);
  return t;
}

function spectra(count: i32, bins: i32, salt: i32): Float64Array[] {
  const out: Float64Array[] = [];
  for (let k = 0; k < count; k++) out.push(fillPattern(2 * bins, salt + 7 * k));
  return out;
}

const KS: i32[] = [1, 2, 3, 5, 8];
const BINS: i32[] = [0, 1, 3, 17];

// Solves every bin of (ρI + Σ_j conj(x_j)·x_jᵀ) out = Σ_j conj(x_j)·y_j + ρ·w densely and checks
// `got` against it, relative to the solution's size (the systems are well conditioned: ρ = 0.7).
function checkAgainstDense(got: Float64Array[], xs: Float64Array[], ys: Float64Array[], ws: Float64Array[], N: i32, K: i32, bins: i32, rho: f64): void {
  for (let e = 0; e < bins; e++) {
    const re = new Float64Array(K * K), im = new Float64Array(K * K), br = new Float64Array(K), bi = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      re[k * K + k] = rho;
      br[k] = rho * ws[k][2 * e];
      bi[k] = rho * ws[k][2 * e + 1];
      for (let j = 0; j < N; j++) {
        const pr = xs[j * K + k][2 * e], pi = xs[j * K + k][2 * e + 1];
        if (ys.length > 0) {
          const yr = ys[j][2 * e], yi = ys[j][2 * e + 1];
          br[k] += pr * yr + pi * yi;
          bi[k] += pr * yi - pi * yr;
        }
        for (let l = 0; l < K; l++) {
          const qr = xs[j * K + l][2 * e], qi = xs[j * K + l][2 * e + 1];
          re[k * K + l] += pr * qr + pi * qi;
          im[k * K + l] += pr * qi - pi * qr;
        }
      }
    }
    const want = denseSolve(re, im, br, bi, K);
    let scale: f64 = 0;
    for (let i = 0; i < 2 * K; i++) scale = Math.max(scale, Math.abs(want[i]));
    for (let k = 0; k < K; k++) {
      expect(Math.abs(got[k][2 * e] - want[2 * k])).toBeLessThanOrEqual(64 * EPS * <f64>(K * N + 4) * (scale + 1) / rho);
      expect(Math.abs(got[k][2 * e + 1] - want[2 * k + 1])).toBeLessThanOrEqual(64 * EPS * <f64>(K * N + 4) * (scale + 1) / rho);
    }
  }
}

describe("rankOneSolve", () => {
  test("(ρI + conj(a)aᵀ)x = conj(a)y + ρw per bin matches a dense complex solve, K = 1 … 8, with and without y, in place", () => {
    const rho: f64 = 0.7;
    for (let ki = 0; ki < KS.length; ki++) {
      for (let bi = 0; bi < BINS.length; bi++) {
        const K = KS[ki], bins = BINS[bi];
        const a = spectra(K, bins, 3 + ki), w = spectra(K, bins, 40 + bi);
        const y = fillPattern(2 * bins, 90 + ki);
        for (let withY = 0; withY < 2; withY++) {
          const out = spectra(K, bins, 0);
          for (let k = 0; k < K; k++) out[k].fill(NaN);
          const t = table(a.concat(w).concat(out));
          rankOneSolve(ptr(t), K, withY == 1 ? ptr(y) : 0, rho, bins);
          checkAgainstDense(out, a, withY == 1 ? [y] : [], w, 1, K, bins, rho);
        }
        // In place: out = w.
        const w2: Float64Array[] = [];
        for (let k = 0; k < K; k++) w2.push(w[k].slice());
        const out = spectra(K, bins, 0);
        rankOneSolve(ptr(table(a.concat(w).concat(out))), K, ptr(y), rho, bins);
        rankOneSolve(ptr(table(a.concat(w2).concat(w2))), K, ptr(y), rho, bins);
        for (let k = 0; k < K; k++) for (let i = 0; i < 2 * bins; i++) expect(w2[k][i]).toBe(out[k][i]);
      }
    }
  });
});

describe("gramCholesky and gramSolve", () => {
  test("(σI + Σ_j conj(x_j)x_jᵀ)d = Σ_j conj(x_j)y_j + σw per bin matches a dense complex solve, K = 1 … 8, N = 1, 2, 5, in place", () => {
    const sigma: f64 = 0.7;
    const NS: i32[] = [1, 2, 5];
    for (let ki = 0; ki < KS.length; ki++) {
      for (let ni = 0; ni < NS.length; ni++) {
        for (let bi = 0; bi < BINS.length; bi++) {
          const K = KS[ki], N = NS[ni], bins = BINS[bi];
          const x = spectra(N * K, bins, 5 + ki + 11 * ni), y = spectra(N, bins, 70 + bi), w = spectra(K, bins, 50 + bi);
          const T = (K * (K + 1)) >> 1;
          const factors = new Float64Array(2 * T * bins);
          gramCholesky(ptr(factors), ptr(table(x)), N, K, sigma, bins);
          // The factor's diagonal is real and positive.
          for (let e = 0; e < bins; e++) {
            for (let k = 0; k < K; k++) {
              const d = 2 * (T * e + ((k * (k + 1)) >> 1) + k);
              expect(factors[d]).toBeGreaterThan(0);
              expect(factors[d + 1]).toBe(0);
            }
          }
          const out = spectra(K, bins, 0);
          for (let k = 0; k < K; k++) out[k].fill(NaN);
          gramSolve(ptr(factors), ptr(table(x.concat(y).concat(w).concat(out))), N, K, sigma, bins);
          checkAgainstDense(out, x, y, w, N, K, bins, sigma);
          // In place (out = w) gives the same bits.
          const w2: Float64Array[] = [];
          for (let k = 0; k < K; k++) w2.push(w[k].slice());
          gramSolve(ptr(factors), ptr(table(x.concat(y).concat(w2).concat(w2))), N, K, sigma, bins);
          for (let k = 0; k < K; k++) for (let i = 0; i < 2 * bins; i++) expect(w2[k][i]).toBe(out[k][i]);
          // One signal: the same system as rankOneSolve's.
          if (N == 1 && bins > 0) {
            const r = spectra(K, bins, 0);
            rankOneSolve(ptr(table(x.concat(w).concat(r))), K, ptr(y[0]), sigma, bins);
            for (let k = 0; k < K; k++) for (let i = 0; i < 2 * bins; i++) expect(Math.abs(r[k][i] - out[k][i])).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(out[k][i])));
          }
        }
      }
    }
  });
});
