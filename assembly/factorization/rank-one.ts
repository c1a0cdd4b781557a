import { fma2, hsum2 } from "../simd";

// The rank-one factorization landscape in one pass over X: returns ¼‖X − uuᵀ‖²_F and writes its
// gradient (uuᵀ − X)u = −Ru to grad, for X n×n row-major (x), u and grad of length n. Each residual
// entry r_ij = x_ij − u_i·u_j is formed and used in registers, never stored: one read of X instead
// of the copy, rank-one update, dot and matrix-vector passes over an explicit residual, with the
// same accuracy (the cost is a sum of squared residual entries, so it keeps its relative accuracy
// near a minimizer, where ‖X‖² − 2uᵀXu + ‖u‖⁴ would cancel). grad must not overlap x or u.
export function rankOneResidual(n: i32, x: usize, u: usize, grad: usize): f64 {
  let total: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = x + ((<usize>i * <usize>n) << 3);
    const ui = load<f64>(u + (<usize>i << 3));
    let j = 0;
    let s: f64 = 0;
    let g: f64 = 0;
    if (ASC_FEATURE_SIMD) {
      const m = f64x2.splat(-ui);
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
      let g0 = f64x2.splat(0), g1 = f64x2.splat(0);
      for (; j + 4 <= n; j += 4) {
        const o = <usize>j << 3;
        const u0 = v128.load(u + o);
        const u1 = v128.load(u + o, 16);
        const r0 = fma2(m, u0, v128.load(row + o));
        const r1 = fma2(m, u1, v128.load(row + o, 16));
        s0 = fma2(r0, r0, s0);
        s1 = fma2(r1, r1, s1);
        g0 = fma2(r0, u0, g0);
        g1 = fma2(r1, u1, g1);
      }
      s = hsum2(f64x2.add(s0, s1));
      g = hsum2(f64x2.add(g0, g1));
    }
    for (; j < n; j++) {
      const uj = load<f64>(u + (<usize>j << 3));
      const r = load<f64>(row + (<usize>j << 3)) - ui * uj;
      s += r * r;
      g += r * uj;
    }
    store<f64>(grad + (<usize>i << 3), -g);
    total += s;
  }
  return total / 4;
}
