// A Stockham stage of prime radix p by Rader's algorithm (C. M. Rader, "Discrete Fourier
// transforms when the number of data samples is prime", Proc. IEEE 56, 1968): with g a
// generator of the multiplicative group mod p and L = p − 1, the length-p DFT of a_0 … a_{p−1}
// is
//   y_0 = a_0 + Σ_r a_r,   y_{g^v} = a_0 + Σ_{s<L} a_{g^{−s}}·d_{(v−s) mod L},   d_u = e^{−2πi·g^u/p},
// a cyclic convolution of length L. It is done by FFTs of length M (the stage's sub-plan):
// M = L, or M ≥ 2L − 1 with the input zero-padded and d extended (pocketfft's choice for a
// rough L). With b the permuted input, D = DFT_M(d)/M (in the plan) and F = DFT_M(DFT_M(b)·D),
// the convolution is F_{(M−v) mod M}, and Σ_r a_r = DFT_M(b)_0.
//
// The stage (same indexing as stages.ts): for j = b·ns + k, a_r = in[j + r·n/p]·w^{r·k} and
// out[b·ns·p + k + q·ns] = y_q. Plan data: see plan.ts (STAGE_RADER). The block's work arrays
// and sub-plan serve one butterfly at a time.
import { cmul, cmulAt } from "./complex";
import {
  field, S_FILTER, S_IN_POS, S_L, S_M, S_OUT_PERM, S_P, S_SUB, S_WORK, S_WORK2,
} from "./plan";
import { fft } from "./transform";

export function raderStage(inp: usize, out: usize, n: i32, ns: i32, tw: usize, blk: usize): void {
  const p = field(blk, S_P);
  const l = field(blk, S_L);
  const m = field(blk, S_M);
  const inPos = blk + <usize>field(blk, S_IN_POS);
  const outPerm = blk + <usize>field(blk, S_OUT_PERM);
  const filter = blk + <usize>field(blk, S_FILTER);
  const work = blk + <usize>field(blk, S_WORK);
  const work2 = blk + <usize>field(blk, S_WORK2);
  const sub = blk + <usize>field(blk, S_SUB);
  const s = <usize>(n / p) << 4;
  const nsb = <usize>ns << 4;
  const blocks = n / p / ns;
  const twiddled = ns > 1;
  let src = inp;
  let dst = out;
  for (let b = 0; b < blocks; b++) {
    let t = tw;
    for (let k = 0; k < ns; k++) {
      // b_s = a_{g^{−s}} (twiddled), zero-padded to m: read a_r in order, write b at the
      // position s of r (random writes stall less than random reads).
      let a = src;
      for (let r = 0; r < l; r++) {
        a += s;
        const o = work + (<usize>load<i32>(inPos + (<usize>r << 2)) << 4);
        if (ASC_FEATURE_SIMD) {
          let v = v128.load(a);
          if (twiddled) v = cmulAt(v, t + (<usize>r << 4));
          v128.store(o, v);
        } else {
          let ar = load<f64>(a), ai = load<f64>(a, 8);
          if (twiddled) {
            const pw = t + (<usize>r << 4);
            const wr = load<f64>(pw), wi = load<f64>(pw, 8);
            const x = ar * wr - ai * wi;
            ai = ar * wi + ai * wr;
            ar = x;
          }
          store<f64>(o, ar);
          store<f64>(o, ai, 8);
        }
      }
      if (m > l) memory.fill(work + (<usize>l << 4), 0, <usize>(m - l) << 4);
      fft(work2, work, sub, 0);
      const a0r = load<f64>(src), a0i = load<f64>(src, 8);
      // y_0 = a_0 + Σ b_s.
      store<f64>(dst, a0r + load<f64>(work2));
      store<f64>(dst, a0i + load<f64>(work2, 8), 8);
      for (let i = 0; i < m; i++) {
        const o = <usize>i << 4;
        if (ASC_FEATURE_SIMD) {
          v128.store(work2 + o, cmul(v128.load(work2 + o), v128.load(filter + o)));
        } else {
          const xr = load<f64>(work2 + o), xi = load<f64>(work2 + o, 8);
          const fr = load<f64>(filter + o), fi = load<f64>(filter + o, 8);
          store<f64>(work2 + o, xr * fr - xi * fi);
          store<f64>(work2 + o, xr * fi + xi * fr, 8);
        }
      }
      fft(work, work2, sub, 0);
      // y_{g^v} = a_0 + F_{(m−v) mod m}.
      for (let v = 0; v < l; v++) {
        const q = <usize>load<i32>(outPerm + (<usize>v << 2));
        const f = work + (<usize>(v == 0 ? 0 : m - v) << 4);
        const o = dst + q * nsb;
        if (ASC_FEATURE_SIMD) {
          v128.store(o, f64x2.add(v128.load(src), v128.load(f)));
        } else {
          store<f64>(o, a0r + load<f64>(f));
          store<f64>(o, a0i + load<f64>(f, 8), 8);
        }
      }
      t += <usize>(p - 1) << 4;
      src += 16;
      dst += 16;
    }
    dst += <usize>(p - 1) * nsb;
  }
}
