// The stages of the thin SVD (svd.ts) for m ≥ n: Golub–Kahan bidiagonalization, accumulation of
// the two orthogonal factors, and the implicit-shift QR iteration on the bidiagonal matrix.
// Internal (not wasm exports). The singular vectors are kept as ROWS (uT: n×m, vT: n×n) so each
// Householder application and each Givens rotation works on contiguous rows (f64x2 loops).
import { vaxpy, vdot, vrot, vscal, vswap, vzero } from "../vector";
import { house, houseBeta, hypot2, largestPositive, powerOfTwoScale } from "./eigh-svd-util";

// Golub–Kahan bidiagonalization A = U·B·Vᵀ (Golub & Van Loan §5.4.8), A m×n (m ≥ n ≥ 1)
// row-major with leading dimension n, overwritten. For k = 0 … n−1: a left reflector H_k zeroes
// A[k+1:, k] (d[k] = β), applied to A[k:, k+1:] as w = Σᵢ vᵢ·A[i, :], A[i, :] −= τ·vᵢ·w (row
// axpys); then for k < n−2 a right reflector G_k zeroes A[k, k+2:] (e[k] = β), applied as
// A[i, :] −= τ·(A[i, :]·v)·vᵀ (row dot + axpy). e[n−2] = A[n−2][n−1] after the last left step;
// e[n−1] = 0. The left vector v_k is stored in row k of uT (columns k..m−1, v[0] = 1) with
// tauL[k]; the right vector in row k of vT (columns k+1..n−1) with tauR[k].
// tmp: n scratch values. 4mn² − 4n³/3 flops.
export function bidiagonalize(
  m: i32, n: i32, a: usize, d: usize, e: usize, tauL: usize, tauR: usize, uT: usize, vT: usize, tmp: usize,
): void {
  const lda = <usize>n << 3;
  const ldu = <usize>m << 3;
  vzero(n * m, uT);
  vzero(n * n, vT);
  for (let k = 0; k < n; k++) {
    const k8 = <usize>k << 3;
    // Left reflector on the column A[k:, k] (stride lda).
    const col = a + <usize>k * lda + k8;
    const tl = house(m - k, col, lda);
    store<f64>(d + k8, houseBeta);
    store<f64>(tauL + k8, tl);
    const urow = uT + <usize>k * ldu + k8;
    store<f64>(urow, 1.0);
    for (let i = 1; i < m - k; i++) store<f64>(urow + (<usize>i << 3), load<f64>(col + <usize>i * lda));
    const rest = n - k - 1;
    if (tl != 0 && rest > 0) {
      vzero(rest, tmp);
      for (let i = 0; i < m - k; i++) {
        vaxpy(rest, load<f64>(urow + (<usize>i << 3)), col + <usize>i * lda + 8, tmp);
      }
      for (let i = 0; i < m - k; i++) {
        vaxpy(rest, -tl * load<f64>(urow + (<usize>i << 3)), tmp, col + <usize>i * lda + 8);
      }
    }
    // Right reflector on the row A[k, k+1:] (contiguous).
    if (k < n - 2) {
      const row = col + 8;
      const tr = house(rest, row, 8);
      store<f64>(e + k8, houseBeta);
      store<f64>(tauR + k8, tr);
      const vrow = vT + <usize>k * lda + k8 + 8;
      store<f64>(vrow, 1.0);
      for (let j = 1; j < rest; j++) store<f64>(vrow + (<usize>j << 3), load<f64>(row + (<usize>j << 3)));
      if (tr != 0) {
        for (let i = k + 1; i < m; i++) {
          const ai = a + <usize>i * lda + k8 + 8;
          vaxpy(rest, -tr * vdot(rest, ai, vrow), vrow, ai);
        }
      }
    } else if (k == n - 2) {
      store<f64>(e + k8, load<f64>(col + 8));
      store<f64>(tauR + k8, 0);
    } else {
      store<f64>(e + k8, 0);
      store<f64>(tauR + k8, 0);
    }
  }
}

// Forms uT = [I_n 0]·H_{n−1}···H_0 (n×m, rows = the first n columns of U) in place from the
// reflectors left in its rows, by backward accumulation: for k = n−1 … 0, v_k is moved out of row
// k into tmp (m values), row k becomes e_kᵀ, and rows k.. get X ← X·H_k (row dot + axpy).
export function formUt(m: i32, n: i32, uT: usize, tauL: usize, tmp: usize): void {
  const ldu = <usize>m << 3;
  for (let k = n - 1; k >= 0; k--) {
    const k8 = <usize>k << 3;
    const len = m - k;
    const row = uT + <usize>k * ldu + k8;
    memory.copy(tmp, row, <usize>len << 3);
    vzero(len, row);
    store<f64>(row, 1.0);
    const t = load<f64>(tauL + k8);
    if (t == 0) continue;
    for (let i = k; i < n; i++) {
      const x = uT + <usize>i * ldu + k8;
      vaxpy(len, -t * vdot(len, x, tmp), tmp, x);
    }
  }
}

// Forms vT = G_{n−3}···G_0 (n×n, rows = the columns of V) in place, as `formUt` does.
export function formVt(n: i32, vT: usize, tauR: usize, tmp: usize): void {
  const ld = <usize>n << 3;
  for (let k = n - 1; k >= max(n - 2, 0); k--) {
    vzero(n, vT + <usize>k * ld);
    store<f64>(vT + <usize>k * ld + (<usize>k << 3), 1.0);
  }
  for (let k = n - 3; k >= 0; k--) {
    const off = <usize>(k + 1) << 3;
    const len = n - k - 1;
    const row = vT + <usize>k * ld;
    memory.copy(tmp, row + off, <usize>len << 3);
    vzero(n, row);
    store<f64>(row + (<usize>k << 3), 1.0);
    const t = load<f64>(tauR + (<usize>k << 3));
    if (t == 0) continue;
    for (let i = k + 1; i < n; i++) {
      const x = vT + <usize>i * ld + off;
      vaxpy(len, -t * vdot(len, x, tmp), tmp, x);
    }
  }
}

// Implicit-shift QR on the upper bidiagonal B (diagonal s[0..n), superdiagonal e[0..n−1),
// e[n−1] = 0), with the rotations applied to the rows of uT (length m) and vT (length n): the
// LINPACK dsvdc iteration as in JAMA (Golub & Van Loan §8.6.2; Golub & Reinsch 1970). Each pass
// finds the active block: e[k] is negligible when |e[k]| ≤ tiny + ε(|s[k]| + |s[k+1]|), s[k]
// when |s[k]| ≤ tiny + ε(|e[k−1]| + |e[k]|); a negligible s[k] is chased out with rotations
// (cases 1–2), otherwise one Wilkinson-shifted QR step chases the bulge (case 3); a converged
// value is made ≥ 0 (negating its row of vT) and moved into descending order (case 4).
// uT = vT = 0: singular values only (no rotations applied).
// Returns 0, or the number of values not yet converged when the rotations of the QR steps exceed
// 6n² + 100 (LAPACK dbdsqr's cap; random matrices need about 0.9n²).
export function bidiagQR(m: i32, n: i32, s: usize, e: usize, uT: usize, vT: usize): i32 {
  const ldu = <usize>m << 3;
  const ldv = <usize>n << 3;
  const eps: f64 = 2.220446049250313e-16;
  const tiny: f64 = reinterpret<f64>(<u64>(1023 - 966) << 52); // 2^−966
  let steps = 0;
  const maxSteps = 6 * n * n + 100;
  const vectors = uT != 0;
  let p = n;
  while (p > 0) {
    let k: i32;
    let kase: i32;
    for (k = p - 2; k >= 0; k--) {
      const ek = abs(load<f64>(e + (<usize>k << 3)));
      if (ek <= tiny + eps * (abs(load<f64>(s + (<usize>k << 3))) + abs(load<f64>(s + (<usize>(k + 1) << 3))))) {
        store<f64>(e + (<usize>k << 3), 0);
        break;
      }
    }
    if (k == p - 2) {
      kase = 4;
    } else {
      let ks: i32;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks != p ? abs(load<f64>(e + (<usize>ks << 3))) : 0) +
          (ks != k + 1 ? abs(load<f64>(e + (<usize>(ks - 1) << 3))) : 0);
        if (abs(load<f64>(s + (<usize>ks << 3))) <= tiny + eps * t) {
          store<f64>(s + (<usize>ks << 3), 0);
          break;
        }
      }
      if (ks == k) {
        kase = 3;
      } else if (ks == p - 1) {
        kase = 1;
      } else {
        kase = 2;
        k = ks;
      }
    }
    k++;

    if (kase == 1) {
      // Deflate negligible s[p−1]: rotations from the right chase e[p−2] up to row k.
      let f = load<f64>(e + (<usize>(p - 2) << 3));
      store<f64>(e + (<usize>(p - 2) << 3), 0);
      for (let j = p - 2; j >= k; j--) {
        const sj = load<f64>(s + (<usize>j << 3));
        const t = hypot2(sj, f);
        const cs = sj / t;
        const sn = f / t;
        store<f64>(s + (<usize>j << 3), t);
        if (j != k) {
          const ej1 = load<f64>(e + (<usize>(j - 1) << 3));
          f = -sn * ej1;
          store<f64>(e + (<usize>(j - 1) << 3), cs * ej1);
        }
        if (vectors) vrot(n, vT + <usize>j * ldv, vT + <usize>(p - 1) * ldv, cs, sn);
      }
    } else if (kase == 2) {
      // Split at negligible s[k−1]: rotations from the left chase e[k−1] down.
      let f = load<f64>(e + (<usize>(k - 1) << 3));
      store<f64>(e + (<usize>(k - 1) << 3), 0);
      for (let j = k; j < p; j++) {
        const sj = load<f64>(s + (<usize>j << 3));
        const t = hypot2(sj, f);
        const cs = sj / t;
        const sn = f / t;
        store<f64>(s + (<usize>j << 3), t);
        const ej = load<f64>(e + (<usize>j << 3));
        f = -sn * ej;
        store<f64>(e + (<usize>j << 3), cs * ej);
        if (vectors) vrot(m, uT + <usize>j * ldu, uT + <usize>(k - 1) * ldu, cs, sn);
      }
    } else if (kase == 3) {
      steps += p - k - 1; // rotations in this step
      if (steps > maxSteps) return p;
      // Wilkinson shift from the trailing 2×2 of BᵀB, on values scaled by the block's largest.
      const spm = load<f64>(s + (<usize>(p - 1) << 3));
      const spm2 = load<f64>(s + (<usize>(p - 2) << 3));
      const epm2 = load<f64>(e + (<usize>(p - 2) << 3));
      const skk = load<f64>(s + (<usize>k << 3));
      const ekk = load<f64>(e + (<usize>k << 3));
      const scale = max(max(max(max(abs(spm), abs(spm2)), abs(epm2)), abs(skk)), abs(ekk));
      const sp = spm / scale;
      const spm1 = spm2 / scale;
      const epm1 = epm2 / scale;
      const sk = skk / scale;
      const ek = ekk / scale;
      const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2.0;
      const c = sp * epm1 * (sp * epm1);
      let shift: f64 = 0;
      if (b != 0 || c != 0) {
        shift = sqrt(b * b + c);
        if (b < 0) shift = -shift;
        shift = c / (b + shift);
      }
      let f = (sk + sp) * (sk - sp) + shift;
      let g = sk * ek;
      // Chase the bulge.
      for (let j = k; j < p - 1; j++) {
        const j8 = <usize>j << 3;
        let t = hypot2(f, g);
        let cs = f / t;
        let sn = g / t;
        if (j != k) store<f64>(e + j8 - 8, t);
        let sj = load<f64>(s + j8);
        let ej = load<f64>(e + j8);
        let sj1 = load<f64>(s + j8 + 8);
        f = cs * sj + sn * ej;
        ej = cs * ej - sn * sj;
        g = sn * sj1;
        sj1 = cs * sj1;
        if (vectors) vrot(n, vT + <usize>j * ldv, vT + <usize>(j + 1) * ldv, cs, sn);
        t = hypot2(f, g);
        cs = f / t;
        sn = g / t;
        sj = t;
        f = cs * ej + sn * sj1;
        sj1 = -sn * ej + cs * sj1;
        const ej1 = load<f64>(e + j8 + 8);
        g = sn * ej1;
        store<f64>(e + j8 + 8, cs * ej1);
        store<f64>(s + j8, sj);
        store<f64>(e + j8, ej);
        store<f64>(s + j8 + 8, sj1);
        if (vectors) vrot(m, uT + <usize>j * ldu, uT + <usize>(j + 1) * ldu, cs, sn);
      }
      store<f64>(e + (<usize>(p - 2) << 3), f);
    } else {
      // Converged: make s[k] ≥ 0, then move it down into descending order.
      const sk = load<f64>(s + (<usize>k << 3));
      if (sk <= 0) {
        store<f64>(s + (<usize>k << 3), sk < 0 ? -sk : 0);
        if (vectors) vscal(n, -1, vT + <usize>k * ldv);
      }
      while (k < n - 1) {
        const a0 = load<f64>(s + (<usize>k << 3));
        const a1 = load<f64>(s + (<usize>(k + 1) << 3));
        if (a0 >= a1) break;
        store<f64>(s + (<usize>k << 3), a1);
        store<f64>(s + (<usize>(k + 1) << 3), a0);
        if (vectors) {
          vswap(n, vT + <usize>k * ldv, vT + <usize>(k + 1) * ldv);
          vswap(m, uT + <usize>k * ldu, uT + <usize>(k + 1) * ldu);
        }
        k++;
      }
      p--;
    }
  }
  return 0;
}

// Where `svdRows` leaves its results inside the workspace.
export let svdUt: usize = 0; // k×m row-major: row j = left singular vector j
export let svdVt: usize = 0; // k×n row-major: row j = right singular vector j
export let svdS: usize = 0; // k values, descending

// The thin SVD of a (m×n, row-major, leading dimension lda) into the workspace, as rows: on
// return 0, svdS holds σ (descending, ≥ 0, unscaled), svdUt the k left singular vectors and svdVt
// the k right ones as rows, with the sign convention of `svd`. For m < n it factors Aᵀ and swaps
// the roles of the two factors. wantVectors = false: σ only (the vector rows are not formed).
// Returns bidiagQR's status (0 = converged), or k + 1 for non-finite input.
export function svdRows(m: i32, n: i32, a: usize, lda: i32, work: usize, wantVectors: bool): i32 {
  const tall = m >= n;
  const big = tall ? m : n;
  const k = tall ? n : m;
  const ac = work;
  const ut = ac + ((<usize>big * k) << 3);
  const vt = ut + ((<usize>k * big) << 3);
  const d = vt + ((<usize>k * k) << 3);
  const e = d + (<usize>k << 3);
  const tauL = e + (<usize>k << 3);
  const tauR = tauL + (<usize>k << 3);
  const tmp = tauR + (<usize>k << 3);
  svdS = d;
  svdUt = tall ? ut : vt;
  svdVt = tall ? vt : ut;
  if (k == 0) return 0;
  // Largest magnitude, then the exactly scaled working copy: A (big×k) when tall, else Aᵀ.
  const lda8 = <usize>lda << 3;
  let amax: f64 = 0;
  for (let i = 0; i < m; i++) {
    const row = a + <usize>i * lda8;
    for (let j = 0; j < n; j++) amax = max(amax, abs(load<f64>(row + (<usize>j << 3))));
  }
  if (!isFinite(amax)) return k + 1; // NaN or ±Inf: no SVD (the wrapper rejects these first)
  const scale = amax > 0 ? powerOfTwoScale(amax) : 1.0;
  for (let i = 0; i < m; i++) {
    const row = a + <usize>i * lda8;
    for (let j = 0; j < n; j++) {
      const at = tall ? <usize>i * k + j : <usize>j * k + i;
      store<f64>(ac + (at << 3), load<f64>(row + (<usize>j << 3)) * scale);
    }
  }
  bidiagonalize(big, k, ac, d, e, tauL, tauR, ut, vt, tmp);
  if (wantVectors) {
    formUt(big, k, ut, tauL, tmp);
    formVt(k, vt, tauR, tmp);
  }
  const info = bidiagQR(big, k, d, e, wantVectors ? ut : 0, wantVectors ? vt : 0);
  if (info != 0) return info;
  vscal(k, 1 / scale, d);
  if (!wantVectors) return 0;
  // Sign convention: the largest-magnitude entry of each left singular vector is positive.
  const ldu = <usize>m << 3;
  const ldv = <usize>n << 3;
  for (let j = 0; j < k; j++) {
    if (largestPositive(m, svdUt + <usize>j * ldu)) vscal(n, -1, svdVt + <usize>j * ldv);
  }
  return 0;
}
