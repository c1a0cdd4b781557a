// The z- and u-updates of ADMM for λ‖z‖₁ with the split x = z (Boyd, Parikh, Chu, Peleato &
// Eckstein 2011, §3.4.3 over-relaxation and §6.4.1; Wohlberg 2016, eqs. (11)–(12)), fused with
// the sums of its residuals:
//   x_r = α·x + (1 − α)·z,  z⁺ = soft(x_r + u, τ),  u⁺ = u + x_r − z⁺,
//   stats[0] += ‖x − z⁺‖² (primal residual),  stats[1] += ‖z⁺ − z‖² (dual residual / ρ),
//   stats[2] += ‖z⁺‖₁,
// with soft(v, τ) = sign(v)·max(|v| − τ, 0) and τ = λ/ρ. Contiguous f64 arrays of n entries;
// z and u are updated in place, x is not modified.

import { soft1, soft2 } from "../prox/soft";

export function admmShrink(z: usize, u: usize, x: usize, alpha: f64, threshold: f64, n: i32, stats: usize): void {
  let pr: f64 = 0, du: f64 = 0, l1: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(alpha), bv = f64x2.splat(1 - alpha), th = f64x2.splat(threshold);
    let apr = f64x2.splat(0), adu = f64x2.splat(0), al1 = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const xv = v128.load(x + o), zv = v128.load(z + o), uv = v128.load(u + o);
      const xr = f64x2.add(f64x2.mul(av, xv), f64x2.mul(bv, zv));
      const zp = soft2(f64x2.add(xr, uv), th);
      v128.store(u + o, f64x2.sub(f64x2.add(uv, xr), zp));
      v128.store(z + o, zp);
      const p = f64x2.sub(xv, zp), d = f64x2.sub(zp, zv);
      apr = f64x2.add(apr, f64x2.mul(p, p));
      adu = f64x2.add(adu, f64x2.mul(d, d));
      al1 = f64x2.add(al1, f64x2.abs(zp));
    }
    pr = f64x2.extract_lane(apr, 0) + f64x2.extract_lane(apr, 1);
    du = f64x2.extract_lane(adu, 0) + f64x2.extract_lane(adu, 1);
    l1 = f64x2.extract_lane(al1, 0) + f64x2.extract_lane(al1, 1);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const xv = load<f64>(x + o), zv = load<f64>(z + o), uv = load<f64>(u + o);
    const xr = alpha * xv + (1 - alpha) * zv;
    const zp = soft1(xr + uv, threshold);
    store<f64>(u + o, uv + xr - zp);
    store<f64>(z + o, zp);
    pr += (xv - zp) * (xv - zp);
    du += (zp - zv) * (zp - zv);
    l1 += abs<f64>(zp);
  }
  store<f64>(stats, load<f64>(stats) + pr);
  store<f64>(stats, load<f64>(stats, 8) + du, 8);
  store<f64>(stats, load<f64>(stats, 16) + l1, 16);
}
