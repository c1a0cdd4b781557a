// One inertial proximal-gradient step for λ‖x‖₁ (the x-update of iADM / FISTA), fused with the
// sums its backtracking test needs:
//   x̂ = x + β·(x − x_old),  x⁺ = soft(x̂ − t·g, t·λ),  d = x⁺ − x̂,
//   stats[0] += ⟨g, d⟩,  stats[1] += ‖d‖²,  stats[2] += ‖x⁺‖₁,  stats[3] += ‖x⁺ − x‖²,
// with soft(v, τ) = sign(v)·max(|v| − τ, 0) (every zero +0, as ../prox/soft-threshold.ts).
// The test f(x⁺) ≤ f(x̂) + ⟨g, d⟩ + ‖d‖²/(2t) (Beck & Teboulle 2009, §4) then needs only f(x⁺).
// Contiguous f64 arrays of n entries; x_old may equal x (β is then irrelevant); out must not
// overlap x, x_old or g.

import { soft1, soft2 } from "../prox/soft";

export function inertialProxStep(
  out: usize, x: usize, xOld: usize, g: usize, beta: f64, t: f64, threshold: f64, n: i32, stats: usize,
): void {
  let gd: f64 = 0, dd: f64 = 0, l1: f64 = 0, dx: f64 = 0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const bv = f64x2.splat(beta), tv = f64x2.splat(t), th = f64x2.splat(threshold);
    let agd = f64x2.splat(0), add = f64x2.splat(0), al1 = f64x2.splat(0), adx = f64x2.splat(0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const xv = v128.load(x + o);
      const xh = f64x2.add(xv, f64x2.mul(bv, f64x2.sub(xv, v128.load(xOld + o))));
      const gv = v128.load(g + o);
      const xp = soft2(f64x2.sub(xh, f64x2.mul(tv, gv)), th);
      const d = f64x2.sub(xp, xh);
      v128.store(out + o, xp);
      agd = f64x2.add(agd, f64x2.mul(gv, d));
      add = f64x2.add(add, f64x2.mul(d, d));
      al1 = f64x2.add(al1, f64x2.abs(xp));
      const e = f64x2.sub(xp, xv);
      adx = f64x2.add(adx, f64x2.mul(e, e));
    }
    gd = f64x2.extract_lane(agd, 0) + f64x2.extract_lane(agd, 1);
    dd = f64x2.extract_lane(add, 0) + f64x2.extract_lane(add, 1);
    l1 = f64x2.extract_lane(al1, 0) + f64x2.extract_lane(al1, 1);
    dx = f64x2.extract_lane(adx, 0) + f64x2.extract_lane(adx, 1);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const xv = load<f64>(x + o);
    const xh = xv + beta * (xv - load<f64>(xOld + o));
    const gv = load<f64>(g + o);
    const xp = soft1(xh - t * gv, threshold);
    const d = xp - xh;
    store<f64>(out + o, xp);
    gd += gv * d;
    dd += d * d;
    l1 += abs<f64>(xp);
    dx += (xp - xv) * (xp - xv);
  }
  store<f64>(stats, load<f64>(stats) + gd);
  store<f64>(stats, load<f64>(stats, 8) + dd, 8);
  store<f64>(stats, load<f64>(stats, 16) + l1, 16);
  store<f64>(stats, load<f64>(stats, 24) + dx, 24);
}
