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
//
// Fused path (SIMD build, M = L a multiple of 16 whose plan starts and ends with radix 4, as for
// p = 2^16 + 1): every pass over memory costs about as much as an FFT stage once the data
// outgrow the cache, so the permutations and the pointwise product ride on FFT stages: the
// first stage of FFT 1 reads b straight from the input (b_s = a_{g^{−s}}), the first stage of
// FFT 2 multiplies by D as it reads, and the last stage of FFT 2 adds a_0 and writes y_{g^{−u}}
// = a_0 + F_u (for M = L, g^{−u} = g^{(M−u) mod M}).
import { cmul, cmulAt, mulNegI } from "./complex";
import {
  field, H_NF, S_FILTER, S_FUSED, S_IN_POS, S_L, S_M, S_OUT_PERM, S_P, S_PERM, S_SUB, S_WORK,
  S_WORK2,
} from "./plan";
import { fft, stageTwiddles, stockhamStages } from "./transform";

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
  if (ASC_FEATURE_SIMD) {
    // With ns > 1 the fused gather would read the outer twiddles in random order too: measured
    // 2× slower than the separate passes for 2·65537.
    if (ns == 1 && field(blk, S_FUSED) != 0) {
      raderFused(inp, out, n, blk);
      return;
    }
  }
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

// The fused path (SIMD only; see the top of the file) for a first stage (ns = 1, no twiddles):
// butterfly b reads in[b + r·n/p] and writes out[b·p + q].
function raderFused(inp: usize, out: usize, n: i32, blk: usize): void {
  const p = field(blk, S_P);
  const m = field(blk, S_M);
  const perm = blk + <usize>field(blk, S_PERM);
  const filter = blk + <usize>field(blk, S_FILTER);
  const work = blk + <usize>field(blk, S_WORK);
  const work2 = blk + <usize>field(blk, S_WORK2);
  const sub = blk + <usize>field(blk, S_SUB);
  const nf = field(sub, H_NF);
  const lastTw = stageTwiddles(sub, nf - 1);
  const q4 = m >> 2;
  const s = <usize>(n / p) << 4;
  const blocks = n / p;
  let src = inp;
  let dst = out;
  for (let b = 0; b < blocks; b++) {
    gatherRadix4(work, src, s, perm, q4);
    const x = stockhamStages(sub, work, work, work2, 1, nf);
    const a0 = v128.load(src);
    v128.store(dst, f64x2.add(a0, v128.load(x))); // y_0 = a_0 + Σ b_s
    const z = x == work ? work2 : work;
    multiplyRadix4(z, x, filter, q4);
    const w = stockhamStages(sub, z, z, x, 1, nf - 1);
    scatterRadix4(dst, w, lastTw, perm, q4, a0);
    src += 16;
    dst += <usize>p << 4;
  }
}

// The radix-4 butterfly of stages.ts on four registers, outputs stored at o0 … o3.
// @ts-ignore: decorator
@inline function butterfly4(a0: v128, a1: v128, a2: v128, a3: v128, o0: usize, o1: usize, o2: usize, o3: usize): void {
  const t0 = f64x2.add(a0, a2);
  const t1 = f64x2.sub(a0, a2);
  const t2 = f64x2.add(a1, a3);
  const t3 = mulNegI(f64x2.sub(a1, a3));
  v128.store(o0, f64x2.add(t0, t2));
  v128.store(o1, f64x2.add(t1, t3));
  v128.store(o2, f64x2.sub(t0, t2));
  v128.store(o3, f64x2.sub(t1, t3));
}

// First radix-4 stage of FFT 1 reading b_i = a_{perm[i]} from the butterfly's inputs at
// src + r·stride: out[4j + q] = DFT4 of b[j + i·q4], i < 4.
function gatherRadix4(out: usize, src: usize, stride: usize, perm: usize, q4: i32): void {
  const pq = <usize>q4 << 2;
  let d = out;
  let pp = perm;
  for (let j = 0; j < q4; j++) {
    const r0 = <usize>load<i32>(pp);
    const r1 = <usize>load<i32>(pp + pq);
    const r2 = <usize>load<i32>(pp + 2 * pq);
    const r3 = <usize>load<i32>(pp + 3 * pq);
    const a0 = v128.load(src + r0 * stride);
    const a1 = v128.load(src + r1 * stride);
    const a2 = v128.load(src + r2 * stride);
    const a3 = v128.load(src + r3 * stride);
    butterfly4(a0, a1, a2, a3, d, d + 16, d + 32, d + 48);
    pp += 4;
    d += 64;
  }
}

// First radix-4 stage of FFT 2 on inp·filter (pointwise): out[4j + q] = DFT4 of the products at
// j + i·q4.
function multiplyRadix4(out: usize, inp: usize, filter: usize, q4: i32): void {
  const qb = <usize>q4 << 4;
  let a = inp;
  let f = filter;
  let d = out;
  for (let j = 0; j < q4; j++) {
    const a0 = cmul(v128.load(a), v128.load(f));
    const a1 = cmul(v128.load(a + qb), v128.load(f + qb));
    const a2 = cmul(v128.load(a + 2 * qb), v128.load(f + 2 * qb));
    const a3 = cmul(v128.load(a + 3 * qb), v128.load(f + 3 * qb));
    butterfly4(a0, a1, a2, a3, d, d + 16, d + 32, d + 48);
    a += 16;
    f += 16;
    d += 64;
  }
}

// Last radix-4 stage of FFT 2 (ns = q4, twiddles tw: 3 per k), writing a0 + F_u to
// dst[perm[u]] for u = k + q·q4.
function scatterRadix4(dst: usize, inp: usize, tw: usize, perm: usize, q4: i32, a0: v128): void {
  const qb = <usize>q4 << 4;
  const pq = <usize>q4 << 2;
  let a = inp;
  let t = tw;
  let pp = perm;
  for (let k = 0; k < q4; k++) {
    const x0 = v128.load(a);
    const x1 = cmulAt(v128.load(a + qb), t);
    const x2 = cmulAt(v128.load(a + 2 * qb), t + 16);
    const x3 = cmulAt(v128.load(a + 3 * qb), t + 32);
    const t0 = f64x2.add(x0, x2);
    const t1 = f64x2.sub(x0, x2);
    const t2 = f64x2.add(x1, x3);
    const t3 = mulNegI(f64x2.sub(x1, x3));
    v128.store(dst + (<usize>load<i32>(pp) << 4), f64x2.add(a0, f64x2.add(t0, t2)));
    v128.store(dst + (<usize>load<i32>(pp + pq) << 4), f64x2.add(a0, f64x2.add(t1, t3)));
    v128.store(dst + (<usize>load<i32>(pp + 2 * pq) << 4), f64x2.add(a0, f64x2.sub(t0, t2)));
    v128.store(dst + (<usize>load<i32>(pp + 3 * pq) << 4), f64x2.add(a0, f64x2.sub(t1, t3)));
    a += 16;
    t += 48;
    pp += 4;
  }
}
