// Stockham autosort stages of radix 2, 3, 4, 5 and odd primes ≤ 61 on interleaved complex f64 (16 bytes each).
//
// One stage with radix R after the radices so far have product ns (Van Loan, "Computational
// Frameworks for the FFT", §1.7; Govindaraju et al., "High performance discrete Fourier
// transforms on graphics processors", SC 2008): for j = b·ns + k (k < ns, b < n/(R·ns)),
//   v_r = in[j + r·n/R] · w^{r·k},  w = e^{−2πi/(ns·R)}      (r < R)
//   out[b·ns·R + k + q·ns] = Σ_r v_r · e^{−2πi·r·q/R}          (q < R)
// Twiddles w^{r·k} for k < ns, 1 ≤ r < R are stored at tw as (re, im) pairs, k-major. The first
// stage (ns = 1) needs none. After all stages the DFT is in natural order (no bit reversal).
// in and out must not overlap. Reads are contiguous in j, writes contiguous in k.
import { fma2 } from "../simd";
import { cmulAt, mulNegI } from "./complex";

const C3: f64 = -0.5; // cos(2π/3)
const S3: f64 = 0.86602540378443864676; // sin(2π/3)
const C51: f64 = 0.30901699437494742410; // cos(2π/5)
const C52: f64 = -0.80901699437494742410; // cos(4π/5)
const S51: f64 = 0.95105651629515357212; // sin(2π/5)
const S52: f64 = 0.58778525229247312917; // sin(4π/5)

export function radix2Stage(inp: usize, out: usize, n: i32, ns: i32, tw: usize): void {
  const s = <usize>(n >> 1) << 4;
  const nsb = <usize>ns << 4;
  const blocks = (n >> 1) / ns;
  const twiddled = ns > 1;
  let src = inp;
  let dst = out;
  for (let b = 0; b < blocks; b++) {
    let t = tw;
    for (let k = 0; k < ns; k++) {
      if (ASC_FEATURE_SIMD) {
        const a0 = v128.load(src);
        let a1 = v128.load(src + s);
        if (twiddled) a1 = cmulAt(a1, t);
        v128.store(dst, f64x2.add(a0, a1));
        v128.store(dst + nsb, f64x2.sub(a0, a1));
      } else {
        const r0 = load<f64>(src), i0 = load<f64>(src, 8);
        let r1 = load<f64>(src + s), i1 = load<f64>(src + s, 8);
        if (twiddled) {
          const wr = load<f64>(t), wi = load<f64>(t, 8);
          const x = r1 * wr - i1 * wi;
          i1 = r1 * wi + i1 * wr;
          r1 = x;
        }
        store<f64>(dst, r0 + r1);
        store<f64>(dst, i0 + i1, 8);
        store<f64>(dst + nsb, r0 - r1);
        store<f64>(dst + nsb, i0 - i1, 8);
      }
      t += 16;
      src += 16;
      dst += 16;
    }
    dst += nsb;
  }
}

export function radix4Stage(inp: usize, out: usize, n: i32, ns: i32, tw: usize): void {
  const s = <usize>(n >> 2) << 4;
  if (ASC_FEATURE_SIMD) {
    if (ns == 1) {
      radix4First(inp, out, n >> 2, s);
      return;
    }
  }
  const nsb = <usize>ns << 4;
  const blocks = (n >> 2) / ns;
  const twiddled = ns > 1;
  let src = inp;
  let dst = out;
  for (let b = 0; b < blocks; b++) {
    let t = tw;
    for (let k = 0; k < ns; k++) {
      if (ASC_FEATURE_SIMD) {
        const a0 = v128.load(src);
        let a1 = v128.load(src + s);
        let a2 = v128.load(src + 2 * s);
        let a3 = v128.load(src + 3 * s);
        if (twiddled) {
          a1 = cmulAt(a1, t);
          a2 = cmulAt(a2, t + 16);
          a3 = cmulAt(a3, t + 32);
        }
        const t0 = f64x2.add(a0, a2);
        const t1 = f64x2.sub(a0, a2);
        const t2 = f64x2.add(a1, a3);
        const t3 = mulNegI(f64x2.sub(a1, a3));
        v128.store(dst, f64x2.add(t0, t2));
        v128.store(dst + nsb, f64x2.add(t1, t3));
        v128.store(dst + 2 * nsb, f64x2.sub(t0, t2));
        v128.store(dst + 3 * nsb, f64x2.sub(t1, t3));
      } else {
        const r0 = load<f64>(src), i0 = load<f64>(src, 8);
        let r1 = load<f64>(src + s), i1 = load<f64>(src + s, 8);
        let r2 = load<f64>(src + 2 * s), i2 = load<f64>(src + 2 * s, 8);
        let r3 = load<f64>(src + 3 * s), i3 = load<f64>(src + 3 * s, 8);
        if (twiddled) {
          let wr = load<f64>(t), wi = load<f64>(t, 8);
          let x = r1 * wr - i1 * wi;
          i1 = r1 * wi + i1 * wr;
          r1 = x;
          wr = load<f64>(t, 16);
          wi = load<f64>(t, 24);
          x = r2 * wr - i2 * wi;
          i2 = r2 * wi + i2 * wr;
          r2 = x;
          wr = load<f64>(t, 32);
          wi = load<f64>(t, 40);
          x = r3 * wr - i3 * wi;
          i3 = r3 * wi + i3 * wr;
          r3 = x;
        }
        const t0r = r0 + r2, t0i = i0 + i2;
        const t1r = r0 - r2, t1i = i0 - i2;
        const t2r = r1 + r3, t2i = i1 + i3;
        const t3r = i1 - i3, t3i = r3 - r1; // −i·(a1 − a3)
        store<f64>(dst, t0r + t2r);
        store<f64>(dst, t0i + t2i, 8);
        store<f64>(dst + nsb, t1r + t3r);
        store<f64>(dst + nsb, t1i + t3i, 8);
        store<f64>(dst + 2 * nsb, t0r - t2r);
        store<f64>(dst + 2 * nsb, t0i - t2i, 8);
        store<f64>(dst + 3 * nsb, t1r - t3r);
        store<f64>(dst + 3 * nsb, t1i - t3i, 8);
      }
      t += 48;
      src += 16;
      dst += 16;
    }
    dst += 3 * nsb;
  }
}

// The first radix-4 stage (ns = 1, no twiddles) as one flat loop: out[4j + q] = DFT4 of
// in[j + r·count], q, r < 4.
function radix4First(inp: usize, out: usize, count: i32, s: usize): void {
  let src = inp;
  let dst = out;
  for (let j = 0; j < count; j++) {
    storeDft4(dst, v128.load(src), v128.load(src + s), v128.load(src + 2 * s), v128.load(src + 3 * s));
    src += 16;
    dst += 64;
  }
}

// The 4-point DFT of a0 … a3, y_q = Σ_r a_r·(−i)^{r·q}, stored as 4 adjacent complex at dst
// (SIMD builds only: call it inside `if (ASC_FEATURE_SIMD)`).
// @ts-ignore: decorator
@inline export function storeDft4(dst: usize, a0: v128, a1: v128, a2: v128, a3: v128): void {
  const t0 = f64x2.add(a0, a2);
  const t1 = f64x2.sub(a0, a2);
  const t2 = f64x2.add(a1, a3);
  const t3 = mulNegI(f64x2.sub(a1, a3));
  v128.store(dst, f64x2.add(t0, t2));
  v128.store(dst, f64x2.add(t1, t3), 16);
  v128.store(dst, f64x2.sub(t0, t2), 32);
  v128.store(dst, f64x2.sub(t1, t3), 48);
}

export function radix3Stage(inp: usize, out: usize, n: i32, ns: i32, tw: usize): void {
  const s = <usize>(n / 3) << 4;
  const nsb = <usize>ns << 4;
  const blocks = n / 3 / ns;
  const twiddled = ns > 1;
  let src = inp;
  let dst = out;
  for (let b = 0; b < blocks; b++) {
    let t = tw;
    for (let k = 0; k < ns; k++) {
      if (ASC_FEATURE_SIMD) {
        const a0 = v128.load(src);
        let a1 = v128.load(src + s);
        let a2 = v128.load(src + 2 * s);
        if (twiddled) {
          a1 = cmulAt(a1, t);
          a2 = cmulAt(a2, t + 16);
        }
        const sum = f64x2.add(a1, a2);
        const tt = f64x2.add(a0, f64x2.mul(sum, f64x2.splat(C3)));
        const u = mulNegI(f64x2.mul(f64x2.sub(a1, a2), f64x2.splat(S3)));
        v128.store(dst, f64x2.add(a0, sum));
        v128.store(dst + nsb, f64x2.add(tt, u));
        v128.store(dst + 2 * nsb, f64x2.sub(tt, u));
      } else {
        const r0 = load<f64>(src), i0 = load<f64>(src, 8);
        let r1 = load<f64>(src + s), i1 = load<f64>(src + s, 8);
        let r2 = load<f64>(src + 2 * s), i2 = load<f64>(src + 2 * s, 8);
        if (twiddled) {
          let wr = load<f64>(t), wi = load<f64>(t, 8);
          let x = r1 * wr - i1 * wi;
          i1 = r1 * wi + i1 * wr;
          r1 = x;
          wr = load<f64>(t, 16);
          wi = load<f64>(t, 24);
          x = r2 * wr - i2 * wi;
          i2 = r2 * wi + i2 * wr;
          r2 = x;
        }
        const sr = r1 + r2, si = i1 + i2;
        const tr = r0 + C3 * sr, ti = i0 + C3 * si;
        const ur = S3 * (i1 - i2), ui = S3 * (r2 - r1); // −i·S3·(a1 − a2)
        store<f64>(dst, r0 + sr);
        store<f64>(dst, i0 + si, 8);
        store<f64>(dst + nsb, tr + ur);
        store<f64>(dst + nsb, ti + ui, 8);
        store<f64>(dst + 2 * nsb, tr - ur);
        store<f64>(dst + 2 * nsb, ti - ui, 8);
      }
      t += 32;
      src += 16;
      dst += 16;
    }
    dst += 2 * nsb;
  }
}

export function radix5Stage(inp: usize, out: usize, n: i32, ns: i32, tw: usize): void {
  const s = <usize>(n / 5) << 4;
  const nsb = <usize>ns << 4;
  const blocks = n / 5 / ns;
  const twiddled = ns > 1;
  let src = inp;
  let dst = out;
  for (let b = 0; b < blocks; b++) {
    let t = tw;
    for (let k = 0; k < ns; k++) {
      if (ASC_FEATURE_SIMD) {
        const a0 = v128.load(src);
        let a1 = v128.load(src + s);
        let a2 = v128.load(src + 2 * s);
        let a3 = v128.load(src + 3 * s);
        let a4 = v128.load(src + 4 * s);
        if (twiddled) {
          a1 = cmulAt(a1, t);
          a2 = cmulAt(a2, t + 16);
          a3 = cmulAt(a3, t + 32);
          a4 = cmulAt(a4, t + 48);
        }
        const b1 = f64x2.add(a1, a4), b2 = f64x2.add(a2, a3);
        const d1 = f64x2.sub(a1, a4), d2 = f64x2.sub(a2, a3);
        const t1 = f64x2.add(a0, f64x2.add(f64x2.mul(b1, f64x2.splat(C51)), f64x2.mul(b2, f64x2.splat(C52))));
        const t2 = f64x2.add(a0, f64x2.add(f64x2.mul(b1, f64x2.splat(C52)), f64x2.mul(b2, f64x2.splat(C51))));
        const u1 = mulNegI(f64x2.add(f64x2.mul(d1, f64x2.splat(S51)), f64x2.mul(d2, f64x2.splat(S52))));
        const u2 = mulNegI(f64x2.sub(f64x2.mul(d1, f64x2.splat(S52)), f64x2.mul(d2, f64x2.splat(S51))));
        v128.store(dst, f64x2.add(a0, f64x2.add(b1, b2)));
        v128.store(dst + nsb, f64x2.add(t1, u1));
        v128.store(dst + 2 * nsb, f64x2.add(t2, u2));
        v128.store(dst + 3 * nsb, f64x2.sub(t2, u2));
        v128.store(dst + 4 * nsb, f64x2.sub(t1, u1));
      } else {
        const r0 = load<f64>(src), i0 = load<f64>(src, 8);
        let r1 = load<f64>(src + s), i1 = load<f64>(src + s, 8);
        let r2 = load<f64>(src + 2 * s), i2 = load<f64>(src + 2 * s, 8);
        let r3 = load<f64>(src + 3 * s), i3 = load<f64>(src + 3 * s, 8);
        let r4 = load<f64>(src + 4 * s), i4 = load<f64>(src + 4 * s, 8);
        if (twiddled) {
          let wr = load<f64>(t), wi = load<f64>(t, 8);
          let x = r1 * wr - i1 * wi;
          i1 = r1 * wi + i1 * wr;
          r1 = x;
          wr = load<f64>(t, 16);
          wi = load<f64>(t, 24);
          x = r2 * wr - i2 * wi;
          i2 = r2 * wi + i2 * wr;
          r2 = x;
          wr = load<f64>(t, 32);
          wi = load<f64>(t, 40);
          x = r3 * wr - i3 * wi;
          i3 = r3 * wi + i3 * wr;
          r3 = x;
          wr = load<f64>(t, 48);
          wi = load<f64>(t, 56);
          x = r4 * wr - i4 * wi;
          i4 = r4 * wi + i4 * wr;
          r4 = x;
        }
        const b1r = r1 + r4, b1i = i1 + i4, b2r = r2 + r3, b2i = i2 + i3;
        const d1r = r1 - r4, d1i = i1 - i4, d2r = r2 - r3, d2i = i2 - i3;
        const t1r = r0 + C51 * b1r + C52 * b2r, t1i = i0 + C51 * b1i + C52 * b2i;
        const t2r = r0 + C52 * b1r + C51 * b2r, t2i = i0 + C52 * b1i + C51 * b2i;
        const v1r = S51 * d1r + S52 * d2r, v1i = S51 * d1i + S52 * d2i;
        const v2r = S52 * d1r - S51 * d2r, v2i = S52 * d1i - S51 * d2i;
        // u = −i·v = (v.im, −v.re)
        store<f64>(dst, r0 + b1r + b2r);
        store<f64>(dst, i0 + b1i + b2i, 8);
        store<f64>(dst + nsb, t1r + v1i);
        store<f64>(dst + nsb, t1i - v1r, 8);
        store<f64>(dst + 2 * nsb, t2r + v2i);
        store<f64>(dst + 2 * nsb, t2i - v2r, 8);
        store<f64>(dst + 3 * nsb, t2r - v2i);
        store<f64>(dst + 3 * nsb, t2i + v2r, 8);
        store<f64>(dst + 4 * nsb, t1r - v1i);
        store<f64>(dst + 4 * nsb, t1i + v1r, 8);
      }
      t += 64;
      src += 16;
      dst += 16;
    }
    dst += 4 * nsb;
  }
}

// Static scratch for radixOddStage: the sums and differences of one butterfly's inputs
// (h ≤ 30, p ≤ 61). Part of the module's data segment, so no allocation; the stage calls
// nothing that could reuse it.
const ODD_SUMS = memory.data(16 * 30);
const ODD_DIFFS = memory.data(16 * 30);

// Odd radix p ≤ 61 (7, 11, 13 and primes the plan does not give to Rader) by the symmetric DFT
// (O(p²) per butterfly): with P_r = a_r + a_{p−r}, M_r = a_r − a_{p−r}, θ = 2π·r·q/p and
// h = (p − 1)/2,
//   t_q = a_0 + Σ_{r≤h} cos θ·P_r,  u_q = Σ_{r≤h} sin θ·M_r,  y_q = t_q − i·u_q,  y_{p−q} = t_q + i·u_q.
// table (made by the plan): for 1 ≤ q, r ≤ h, at ((q − 1)·h + r − 1)·32 bytes, (cos θ, cos θ,
// sin θ, sin θ), so the inner loop over r reads it in order as two splatted f64x2.
export function radixOddStage(inp: usize, out: usize, n: i32, ns: i32, tw: usize, p: i32, table: usize): void {
  const h = (p - 1) >> 1;
  const s = <usize>(n / p) << 4;
  const nsb = <usize>ns << 4;
  const blocks = n / p / ns;
  const twiddled = ns > 1;
  let src = inp;
  let dst = out;
  for (let b = 0; b < blocks; b++) {
    let t = tw;
    for (let k = 0; k < ns; k++) {
      if (ASC_FEATURE_SIMD) {
        const a0 = v128.load(src);
        let y0 = a0;
        for (let r = 1; r <= h; r++) {
          let ar = v128.load(src + <usize>r * s);
          let am = v128.load(src + <usize>(p - r) * s);
          if (twiddled) {
            ar = cmulAt(ar, t + (<usize>(r - 1) << 4));
            am = cmulAt(am, t + (<usize>(p - r - 1) << 4));
          }
          const sum = f64x2.add(ar, am);
          y0 = f64x2.add(y0, sum);
          v128.store(ODD_SUMS + (<usize>(r - 1) << 4), sum);
          v128.store(ODD_DIFFS + (<usize>(r - 1) << 4), f64x2.sub(ar, am));
        }
        v128.store(dst, y0);
        // Two outputs q, q + 1 per pass over the sums and differences.
        let e = table;
        let q = 1;
        for (; q < h; q += 2) {
          let tq = a0, tq2 = a0;
          let uq = f64x2.splat(0), uq2 = f64x2.splat(0);
          const e2 = e + (<usize>h << 5);
          for (let r = 0; r < h; r++) {
            const o = <usize>r << 4;
            const sum = v128.load(ODD_SUMS + o);
            const diff = v128.load(ODD_DIFFS + o);
            tq = fma2(v128.load(e + (o << 1)), sum, tq);
            uq = fma2(v128.load(e + (o << 1), 16), diff, uq);
            tq2 = fma2(v128.load(e2 + (o << 1)), sum, tq2);
            uq2 = fma2(v128.load(e2 + (o << 1), 16), diff, uq2);
          }
          const iu = mulNegI(uq); // −i·u
          const iu2 = mulNegI(uq2);
          v128.store(dst + <usize>q * nsb, f64x2.add(tq, iu));
          v128.store(dst + <usize>(p - q) * nsb, f64x2.sub(tq, iu));
          v128.store(dst + <usize>(q + 1) * nsb, f64x2.add(tq2, iu2));
          v128.store(dst + <usize>(p - q - 1) * nsb, f64x2.sub(tq2, iu2));
          e += <usize>h << 6;
        }
        if (q == h) {
          let tq = a0;
          let uq = f64x2.splat(0);
          for (let r = 0; r < h; r++) {
            const o = <usize>r << 4;
            tq = fma2(v128.load(e + (o << 1)), v128.load(ODD_SUMS + o), tq);
            uq = fma2(v128.load(e + (o << 1), 16), v128.load(ODD_DIFFS + o), uq);
          }
          const iu = mulNegI(uq);
          v128.store(dst + <usize>q * nsb, f64x2.add(tq, iu));
          v128.store(dst + <usize>(p - q) * nsb, f64x2.sub(tq, iu));
        }
      } else {
        const r0 = load<f64>(src), i0 = load<f64>(src, 8);
        let yr = r0, yi = i0;
        for (let r = 1; r <= h; r++) {
          const pa = src + <usize>r * s;
          const pb = src + <usize>(p - r) * s;
          let ar = load<f64>(pa), ai = load<f64>(pa, 8);
          let br = load<f64>(pb), bi = load<f64>(pb, 8);
          if (twiddled) {
            const ta = t + (<usize>(r - 1) << 4);
            const tb = t + (<usize>(p - r - 1) << 4);
            let wr = load<f64>(ta), wi = load<f64>(ta, 8);
            let x = ar * wr - ai * wi;
            ai = ar * wi + ai * wr;
            ar = x;
            wr = load<f64>(tb);
            wi = load<f64>(tb, 8);
            x = br * wr - bi * wi;
            bi = br * wi + bi * wr;
            br = x;
          }
          yr += ar + br;
          yi += ai + bi;
          const o = <usize>(r - 1) << 4;
          store<f64>(ODD_SUMS + o, ar + br);
          store<f64>(ODD_SUMS + o, ai + bi, 8);
          store<f64>(ODD_DIFFS + o, ar - br);
          store<f64>(ODD_DIFFS + o, ai - bi, 8);
        }
        store<f64>(dst, yr);
        store<f64>(dst, yi, 8);
        for (let q = 1; q <= h; q++) {
          let tr = r0, ti = i0, ur: f64 = 0, ui: f64 = 0;
          for (let r = 1; r <= h; r++) {
            const e = table + (<usize>((q - 1) * h + (r - 1)) << 5);
            const c = load<f64>(e), sn = load<f64>(e, 16);
            const o = <usize>(r - 1) << 4;
            tr += c * load<f64>(ODD_SUMS + o);
            ti += c * load<f64>(ODD_SUMS + o, 8);
            ur += sn * load<f64>(ODD_DIFFS + o);
            ui += sn * load<f64>(ODD_DIFFS + o, 8);
          }
          // −i·u = (ui, −ur)
          store<f64>(dst + <usize>q * nsb, tr + ui);
          store<f64>(dst + <usize>q * nsb, ti - ur, 8);
          store<f64>(dst + <usize>(p - q) * nsb, tr - ui);
          store<f64>(dst + <usize>(p - q) * nsb, ti + ur, 8);
        }
      }
      t += <usize>(p - 1) << 4;
      src += 16;
      dst += 16;
    }
    dst += <usize>(p - 1) * nsb;
  }
}
