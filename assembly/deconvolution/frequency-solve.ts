// Per-frequency K×K solves of ADMM for convolutional sparse coding and the kernel update
// (Bristow, Eriksson & Lucey, CVPR 2013; Wohlberg, "Efficient algorithms for convolutional
// sparse representations", IEEE TIP 25(1), 2016, §III-B and §V).
//
// Spectra are half spectra as elsewhere in this area (../deconvolution/spectral.ts): `bins`
// complex entries of 16 bytes (re, im). Every bin is an independent K×K complex system; the
// arrays of a solve are passed as a table of byte addresses stored as f64 (the house layout of
// the spectral kernels), so that the solver keeps one buffer per spectrum.
//
// Scalar complex arithmetic in both builds (one bin's work is a few short loops over K); the
// transforms around these solves dominate an ADMM iteration (see bench/cdl-routes.mjs).

// @ts-ignore: decorator
@inline function addr(table: usize, i: i32): usize {
  return <usize>load<f64>(table + (<usize>i << 3));
}

// rankOneSolve: for each bin e, with a_k = a_k[e] (K spectra), y = y[e] and w_k = w_k[e],
//   b_k = conj(a_k)·y + ρ·w_k,   out_k = (ρI + conj(a)·aᵀ)⁻¹ b
//       = (b_k − conj(a_k)·c)/ρ  with  c = Σ_l a_l·b_l / (ρ + Σ_l |a_l|²)   (Sherman–Morrison),
// the coefficient step of ADMM for convolutional sparse coding, (D̂ᴴD̂ + ρI)x̂ = D̂ᴴŷ + ρ(ẑ − û),
// where D̂ = aᵀ is the 1×K row of kernel spectra (Wohlberg 2016, eq. (30)); with a the K
// activation spectra of one signal it is the kernel update of one signal. O(K) per bin.
// table: 3K addresses, [a_0 … a_{K−1}, w_0 … w_{K−1}, out_0 … out_{K−1}]; y = 0: no data term.
// out_k may be w_k (each bin's w is read before its out is written); ρ > 0.
export function rankOneSolve(table: usize, count: i32, y: usize, rho: f64, bins: i32): void {
  const inv = 1.0 / rho;
  for (let e = 0; e < bins; e++) {
    const o = <usize>e << 4;
    let yr: f64 = 0, yi: f64 = 0;
    if (y != 0) {
      yr = load<f64>(y + o);
      yi = load<f64>(y + o, 8);
    }
    // out_k ← b_k, and the sums Σ a_l b_l, Σ |a_l|².
    let sr: f64 = 0, si: f64 = 0, nn: f64 = 0;
    for (let k = 0; k < count; k++) {
      const a = addr(table, k) + o, w = addr(table, count + k) + o, out = addr(table, 2 * count + k) + o;
      const ar = load<f64>(a), ai = load<f64>(a, 8);
      const br = ar * yr + ai * yi + rho * load<f64>(w);
      const bi = ar * yi - ai * yr + rho * load<f64>(w, 8);
      store<f64>(out, br);
      store<f64>(out, bi, 8);
      sr += ar * br - ai * bi;
      si += ar * bi + ai * br;
      nn += ar * ar + ai * ai;
    }
    const d = 1.0 / (rho + nn);
    const cr = sr * d, ci = si * d;
    for (let k = 0; k < count; k++) {
      const a = addr(table, k) + o, out = addr(table, 2 * count + k) + o;
      const ar = load<f64>(a), ai = load<f64>(a, 8);
      // conj(a)·c = (ar·cr + ai·ci, ar·ci − ai·cr)
      store<f64>(out, (load<f64>(out) - (ar * cr + ai * ci)) * inv);
      store<f64>(out, (load<f64>(out, 8) - (ar * ci - ai * cr)) * inv, 8);
    }
  }
}

// The packed lower triangle of one bin's K×K factor: entry (k, l), l ≤ k, at k(k+1)/2 + l.
// @ts-ignore: decorator
@inline function tri(k: i32, l: i32): i32 {
  return ((k * (k + 1)) >> 1) + l;
}

// gramCholesky: for each bin e, with x_jk = x_jk[e] (N signals, K kernels),
//   G = Σ_j conj(x_j)·x_jᵀ + σI   (G_kl = Σ_j conj(x_jk)·x_jl, Hermitian positive definite),
// factored G = L·Lᴴ (Cholesky, L lower with a real positive diagonal) into `factors`: bin e's
// packed lower triangle of T = K(K+1)/2 complex entries at factors + 16·T·e. The kernel update's
// system matrix X̂ᴴX̂ + σI for many signals (Wohlberg 2016, §V-A), factored once per update and
// reused by every gramSolve of it. O(N·K² + K³/6) per bin.
// table: N·K addresses, x_jk at j·K + k; σ > 0.
export function gramCholesky(factors: usize, table: usize, signals: i32, count: i32, sigma: f64, bins: i32): void {
  const T = (count * (count + 1)) >> 1;
  for (let e = 0; e < bins; e++) {
    const o = <usize>e << 4;
    const f = factors + (<usize>(T * e) << 4);
    // The lower triangle of G.
    for (let k = 0; k < count; k++) {
      for (let l = 0; l <= k; l++) {
        let gr: f64 = k == l ? sigma : 0, gi: f64 = 0;
        for (let j = 0; j < signals; j++) {
          const p = addr(table, j * count + k) + o, q = addr(table, j * count + l) + o;
          const pr = load<f64>(p), pi = load<f64>(p, 8), qr = load<f64>(q), qi = load<f64>(q, 8);
          // conj(x_jk)·x_jl
          gr += pr * qr + pi * qi;
          gi += pr * qi - pi * qr;
        }
        const t = f + (<usize>tri(k, l) << 4);
        store<f64>(t, gr);
        store<f64>(t, gi, 8);
      }
    }
    // In place: L_kl = (G_kl − Σ_{p<l} L_kp·conj(L_lp)) / L_ll, L_kk = √(G_kk − Σ_{p<k} |L_kp|²).
    for (let k = 0; k < count; k++) {
      for (let l = 0; l <= k; l++) {
        const t = f + (<usize>tri(k, l) << 4);
        let sr = load<f64>(t), si = load<f64>(t, 8);
        for (let p = 0; p < l; p++) {
          const u = f + (<usize>tri(k, p) << 4), v = f + (<usize>tri(l, p) << 4);
          const ur = load<f64>(u), ui = load<f64>(u, 8), vr = load<f64>(v), vi = load<f64>(v, 8);
          sr -= ur * vr + ui * vi;
          si -= ui * vr - ur * vi;
        }
        if (l == k) {
          store<f64>(t, Math.sqrt(sr));
          store<f64>(t, 0.0, 8);
        } else {
          const d = 1.0 / load<f64>(f + (<usize>tri(l, l) << 4));
          store<f64>(t, sr * d);
          store<f64>(t, si * d, 8);
        }
      }
    }
  }
}

// gramSolve: for each bin e, b_k = Σ_j conj(x_jk)·y_j + σ·w_k and out = G⁻¹b by the factor of
// gramCholesky (L·z = b forward, Lᴴ·out = z backward, in out). The kernel update's right-hand
// side X̂ᴴŶ + σ(ĝ − ĥ) and solve (Wohlberg 2016, §V-A). O(N·K + K²) per bin.
// table: N·K + N + 2K addresses, [x_jk at j·K + k …, y_0 … y_{N−1}, w_0 … w_{K−1}, out_0 … out_{K−1}];
// out_k may be w_k.
export function gramSolve(factors: usize, table: usize, signals: i32, count: i32, sigma: f64, bins: i32): void {
  const T = (count * (count + 1)) >> 1;
  const ys = signals * count, ws = ys + signals, outs = ws + count;
  for (let e = 0; e < bins; e++) {
    const o = <usize>e << 4;
    const f = factors + (<usize>(T * e) << 4);
    // Forward: z_k = (b_k − Σ_{p<k} L_kp·z_p) / L_kk, b_k formed on the way.
    for (let k = 0; k < count; k++) {
      const w = addr(table, ws + k) + o;
      let br = sigma * load<f64>(w), bi = sigma * load<f64>(w, 8);
      for (let j = 0; j < signals; j++) {
        const p = addr(table, j * count + k) + o, q = addr(table, ys + j) + o;
        const pr = load<f64>(p), pi = load<f64>(p, 8), qr = load<f64>(q), qi = load<f64>(q, 8);
        br += pr * qr + pi * qi;
        bi += pr * qi - pi * qr;
      }
      for (let p = 0; p < k; p++) {
        const l = f + (<usize>tri(k, p) << 4), z = addr(table, outs + p) + o;
        const lr = load<f64>(l), li = load<f64>(l, 8), zr = load<f64>(z), zi = load<f64>(z, 8);
        br -= lr * zr - li * zi;
        bi -= lr * zi + li * zr;
      }
      const d = 1.0 / load<f64>(f + (<usize>tri(k, k) << 4));
      const out = addr(table, outs + k) + o;
      store<f64>(out, br * d);
      store<f64>(out, bi * d, 8);
    }
    // Backward: out_k = (z_k − Σ_{p>k} conj(L_pk)·out_p) / L_kk.
    for (let k = count - 1; k >= 0; k--) {
      const out = addr(table, outs + k) + o;
      let sr = load<f64>(out), si = load<f64>(out, 8);
      for (let p = k + 1; p < count; p++) {
        const l = f + (<usize>tri(p, k) << 4), v = addr(table, outs + p) + o;
        const lr = load<f64>(l), li = load<f64>(l, 8), vr = load<f64>(v), vi = load<f64>(v, 8);
        sr -= lr * vr + li * vi;
        si -= lr * vi - li * vr;
      }
      const d = 1.0 / load<f64>(f + (<usize>tri(k, k) << 4));
      store<f64>(out, sr * d);
      store<f64>(out, si * d, 8);
    }
  }
}
