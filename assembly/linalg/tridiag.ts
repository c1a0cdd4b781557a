// The two stages of the symmetric eigensolver (eigh.ts): Householder tridiagonalization and
// the implicit-shift QL iteration on the tridiagonal matrix. Internal (not wasm exports).
import { vaxpy, vaxpy2, vdot, vzero } from "../vector";
import { house, houseBeta, hypot2, rotChainBackward } from "./eigh-svd-util";

// Householder tridiagonalization T = Qᵀ·A·Q of a symmetric n×n matrix (Golub & Van Loan,
// Matrix Computations, 4th ed., §8.3.1). a: row-major, leading dimension n, both triangles
// holding A. Step k reflects x = A[k+1:, k] (read as row k, which equals it by symmetry) to β·e₁
// with H_k = I − τ·v·vᵀ, then applies H_k on both sides of the trailing block B as the
// symmetric rank-2 update B ← B − v·wᵀ − w·vᵀ, p = τ·B·v, w = p − (τ/2)(pᵀv)·v; row by row,
// so every inner loop is a contiguous f64x2 dot or axpy. On return: d[0..n) the diagonal of T,
// e[0..n−1) its off-diagonal (e[i] = T[i][i+1]) and e[n−1] = 0; row k of a holds v_k in columns
// k+1.. (v_k[0] = 1) and tau[k] its τ, for `formQt`. p: n scratch values. 4n³/3 flops.
export function tridiagonalize(n: i32, a: usize, d: usize, e: usize, tau: usize, p: usize): void {
  const ld = <usize>n << 3;
  for (let k = 0; k < n - 2; k++) {
    const rowk = a + <usize>k * ld;
    store<f64>(d + (<usize>k << 3), load<f64>(rowk + (<usize>k << 3)));
    const len = n - k - 1;
    const v = rowk + (<usize>(k + 1) << 3);
    const t = house(len, v, 8);
    store<f64>(e + (<usize>k << 3), houseBeta);
    store<f64>(tau + (<usize>k << 3), t);
    store<f64>(v, 1.0);
    if (t == 0) continue;
    const b = a + <usize>(k + 1) * ld + (<usize>(k + 1) << 3); // B[0][0]
    for (let i = 0; i < len; i++) {
      store<f64>(p + (<usize>i << 3), t * vdot(len, b + <usize>i * ld, v));
    }
    const half = 0.5 * t * vdot(len, p, v);
    vaxpy(len, -half, v, p); // p ← w
    for (let i = 0; i < len; i++) {
      const vi = load<f64>(v + (<usize>i << 3));
      const wi = load<f64>(p + (<usize>i << 3));
      vaxpy2(len, -vi, p, -wi, v, b + <usize>i * ld);
    }
  }
  if (n >= 2) {
    const last = a + <usize>(n - 2) * ld + (<usize>(n - 2) << 3); // A[n−2][n−2]
    store<f64>(d + (<usize>(n - 2) << 3), load<f64>(last));
    store<f64>(e + (<usize>(n - 2) << 3), load<f64>(last + ld)); // A[n−1][n−2]
  }
  if (n >= 1) {
    store<f64>(d + (<usize>(n - 1) << 3), load<f64>(a + <usize>(n - 1) * ld + (<usize>(n - 1) << 3)));
    store<f64>(e + (<usize>(n - 1) << 3), 0);
  }
}

// Forms W = Qᵀ = H_{n−3}···H_1·H_0 (n×n, row-major) from the reflectors left in a by
// `tridiagonalize`, by backward accumulation W ← W·H_k for k = n−3 … 0: at step k only rows and
// columns k+1.. of W are touched (the leading rows are still unit rows). 4n³/3 flops.
export function formQt(n: i32, a: usize, tau: usize, w: usize): void {
  const ld = <usize>n << 3;
  vzero(n * n, w);
  for (let i = 0; i < n; i++) store<f64>(w + <usize>i * ld + (<usize>i << 3), 1.0);
  for (let k = n - 3; k >= 0; k--) {
    const t = load<f64>(tau + (<usize>k << 3));
    if (t == 0) continue;
    const len = n - k - 1;
    const off = <usize>(k + 1) << 3;
    const v = a + <usize>k * ld + off;
    for (let i = k + 1; i < n; i++) {
      const row = w + <usize>i * ld + off;
      vaxpy(len, -t * vdot(len, row, v), v, row);
    }
  }
}

// Implicit-shift QL iteration on the symmetric tridiagonal (d, e) (e[i] = T[i][i+1], e[n−1] = 0),
// EISPACK tql2 (Bowdler, Martin, Reinsch & Wilkinson 1968; Golub & Van Loan §8.3.3 for the QR
// form): for each l, find the first negligible e[m], |e[m]| ≤ ε·max_{i≤l}(|d_i| + |e_i|), apply
// Wilkinson-shifted QL sweeps from m up to l until e[l] is negligible. Each Givens rotation of
// the sweep acts on rows (i, i+1) of w (w holds the eigenvectors as rows, so V = wᵀ is
// accumulated as w ← Gᵀ·w); the sweep's rotations are saved in cs, sn (n values each) and
// applied afterwards as one chain, a column strip at a time (`rotChainBackward`).
// w = 0: eigenvalues only (no rotations stored or applied). On return d holds the eigenvalues
// (unsorted).
// Returns 0, or l + 1 when eigenvalue l needed more than 30·n sweeps in total (not converged).
export function tql2(n: i32, d: usize, e: usize, w: usize, cs: usize, sn: usize): i32 {
  const ld = <usize>n << 3;
  const eps: f64 = 2.220446049250313e-16;
  let f: f64 = 0;
  let tst1: f64 = 0;
  let sweeps = 0;
  const maxSweeps = 30 * n;
  for (let l = 0; l < n; l++) {
    const dl0 = load<f64>(d + (<usize>l << 3));
    const el0 = load<f64>(e + (<usize>l << 3));
    tst1 = max(tst1, abs(dl0) + abs(el0));
    let m = l;
    while (m < n - 1) {
      if (abs(load<f64>(e + (<usize>m << 3))) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        if (++sweeps > maxSweeps) return l + 1;
        // Wilkinson shift from the leading 2×2 block.
        let g = load<f64>(d + (<usize>l << 3));
        const el = load<f64>(e + (<usize>l << 3));
        let p = (load<f64>(d + (<usize>(l + 1) << 3)) - g) / (2.0 * el);
        let r = hypot2(p, 1.0);
        if (p < 0) r = -r;
        store<f64>(d + (<usize>l << 3), el / (p + r));
        store<f64>(d + (<usize>(l + 1) << 3), el * (p + r));
        const dl1 = load<f64>(d + (<usize>(l + 1) << 3));
        let h = g - load<f64>(d + (<usize>l << 3));
        for (let i = l + 2; i < n; i++) store<f64>(d + (<usize>i << 3), load<f64>(d + (<usize>i << 3)) - h);
        f += h;
        // Implicit QL sweep.
        p = load<f64>(d + (<usize>m << 3));
        let c: f64 = 1;
        let c2: f64 = 1;
        let c3: f64 = 1;
        const el1 = load<f64>(e + (<usize>(l + 1) << 3));
        let s: f64 = 0;
        let s2: f64 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          const ei = load<f64>(e + (<usize>i << 3));
          const di = load<f64>(d + (<usize>i << 3));
          g = c * ei;
          h = c * p;
          r = hypot2(p, ei);
          store<f64>(e + (<usize>(i + 1) << 3), s * r);
          s = ei / r;
          c = p / r;
          p = c * di - s * g;
          store<f64>(d + (<usize>(i + 1) << 3), h + s * (c * g + s * di));
          // rows i, i+1 of w: row_i ← c·row_i − s·row_{i+1}, row_{i+1} ← s·row_i + c·row_{i+1}
          store<f64>(cs + (<usize>i << 3), c);
          store<f64>(sn + (<usize>i << 3), -s);
        }
        if (w != 0) rotChainBackward(n, w, ld, l, m, cs, sn);
        p = (-s * s2 * c3 * el1 * load<f64>(e + (<usize>l << 3))) / dl1;
        store<f64>(e + (<usize>l << 3), s * p);
        store<f64>(d + (<usize>l << 3), c * p);
      } while (!(abs(load<f64>(e + (<usize>l << 3))) <= eps * tst1)); // NaN keeps iterating to the cap
    }
    store<f64>(d + (<usize>l << 3), load<f64>(d + (<usize>l << 3)) + f);
    store<f64>(e + (<usize>l << 3), 0);
  }
  return 0;
}
