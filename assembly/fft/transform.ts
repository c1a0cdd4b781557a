// The complex DFT of any length n ≥ 1 on interleaved (re, im) f64 pairs, driven by a plan
// (see plan.ts): Stockham autosort, with Rader stages (rader.ts) for large prime factors, or
// Bluestein's chirp-z, whichever the plan's cost model predicts cheaper.
//   forward:  X_k = Σ_j x_j·e^{−2πi·jk/n}
//   inverse:  x_j = (1/n)·Σ_k X_k·e^{+2πi·jk/n}   (numpy's normalization)
import { cmul, cmulConj, conj, mulNegI } from "./complex";
import {
  field, H_CHIRP, H_FACTORS, H_FILTER, H_KIND, H_M, H_N, H_NF, H_SCRATCH, H_STAGE, H_SUB, H_TW, H_WORK,
  KIND_BLUESTEIN, S_METHOD, S_TABLE, STAGE_RADER,
} from "./plan";
import { raderStage } from "./rader";
import { radix2Stage, radix3Stage, radix4Stage, radix5Stage, radixOddStage, storeDft4 } from "./stages";

function copyComplex(dst: usize, src: usize, n: i32): void {
  memory.copy(dst, src, <usize>n << 4);
}

// Forward DFT of a STOCKHAM plan: reads inp, leaves the result in dst, uses other as the
// ping-pong buffer (dst, other: n complex each, distinct). inp may equal dst or other.
export function stockhamForward(plan: usize, inp: usize, dst: usize, other: usize): void {
  const n = field(plan, H_N);
  const nf = field(plan, H_NF);
  if (nf == 0) {
    if (inp != dst) copyComplex(dst, inp, n);
    return;
  }
  // Stage s writes dst when nf − 1 − s is even, so the last stage ends in dst.
  let target = ((nf - 1) & 1) == 0 ? dst : other;
  let src = inp;
  if (src == target) {
    const spare = target == dst ? other : dst;
    copyComplex(spare, src, n);
    src = spare;
  }
  let tw = plan + <usize>field(plan, H_TW);
  let ns = 1;
  for (let s = 0; s < nf; s++) {
    const r = field(plan, H_FACTORS + s);
    runStage(plan, s, r, src, target, n, ns, tw);
    tw += <usize>(ns * (r - 1)) << 4;
    ns *= r;
    const next = target == dst ? other : dst;
    src = target;
    target = next;
  }
}

// Stage s (radix r, product of the earlier radices ns, twiddles at tw) of a STOCKHAM plan.
function runStage(plan: usize, s: i32, r: i32, src: usize, target: usize, n: i32, ns: i32, tw: usize): void {
  if (r == 4) radix4Stage(src, target, n, ns, tw);
  else if (r == 2) radix2Stage(src, target, n, ns, tw);
  else if (r == 3) radix3Stage(src, target, n, ns, tw);
  else if (r == 5) radix5Stage(src, target, n, ns, tw);
  else {
    const blk = plan + <usize>field(plan, H_STAGE + s);
    if (field(blk, S_METHOD) == STAGE_RADER) raderStage(src, target, n, ns, tw, blk);
    else radixOddStage(src, target, n, ns, tw, r, blk + <usize>field(blk, S_TABLE));
  }
}

// The twiddles of stage s of a STOCKHAM plan.
export function stageTwiddles(plan: usize, s: i32): usize {
  let tw = plan + <usize>field(plan, H_TW);
  let ns = 1;
  for (let i = 0; i < s; i++) {
    const r = field(plan, H_FACTORS + i);
    tw += <usize>(ns * (r - 1)) << 4;
    ns *= r;
  }
  return tw;
}

// Runs stages from … to − 1 of a STOCKHAM plan on src (the output of stage from − 1), writing
// a, b, a, … (or b, a, … when src is a); returns the buffer holding the result.
export function stockhamStages(plan: usize, src: usize, a: usize, b: usize, from: i32, to: i32): usize {
  const n = field(plan, H_N);
  let tw = stageTwiddles(plan, from);
  let ns = 1;
  for (let i = 0; i < from; i++) ns *= field(plan, H_FACTORS + i);
  let target = src == a ? b : a;
  for (let s = from; s < to; s++) {
    const r = field(plan, H_FACTORS + s);
    runStage(plan, s, r, src, target, n, ns, tw);
    tw += <usize>(ns * (r - 1)) << 4;
    ns *= r;
    src = target;
    target = target == a ? b : a;
  }
  return src;
}

// Bluestein: X_k = w_k·Σ_j (x_j·w_j)·conj(w_{k−j}), w_j = e^{−πi·j²/n}, the sum a circular
// convolution of length m ≥ 2n (a multiple of 4) done with two FFTs of length m; the filter's FFT
// F is in the plan (Bluestein 1970; Rabiner, Schafer & Rader, "The chirp z-transform algorithm",
// 1969). The inverse runs the forward transform on conj(x) and returns conj(X)/n. Both
// transforms begin with a radix-4 stage (plan.ts chooses m so), fused here with what surrounds
// it: the first reads x·w on the fly and knows that inputs n … m − 1 are zero (the upper half
// of every butterfly's inputs, since m/2 ≥ n); the second reads conj(Y·F) on the fly, Y the
// first's result (the inverse FFT as conj(FFT(conj(·)))). The two transforms ping-pong between
// the plan's work array and the sub-plan's scratch; the chirp product of the result goes
// straight to out.
function bluestein(plan: usize, out: usize, inp: usize, inverse: bool): void {
  const n = field(plan, H_N);
  const m = field(plan, H_M);
  const chirp = plan + <usize>field(plan, H_CHIRP);
  const filter = plan + <usize>field(plan, H_FILTER);
  const work = plan + <usize>field(plan, H_WORK);
  const sub = plan + <usize>field(plan, H_SUB);
  const scratch = sub + <usize>field(sub, H_SCRATCH);
  const nf = field(sub, H_NF);
  chirpFirstStage(work, inp, chirp, n, m >> 2, inverse);
  const y = stockhamStages(sub, work, scratch, work, 1, nf);
  const other = y == work ? scratch : work;
  productFirstStage(other, y, filter, m >> 2);
  const z = stockhamStages(sub, other, y, other, 1, nf);
  const scale: f64 = inverse ? 1.0 / <f64>n : 1.0;
  const sign: f64 = inverse ? -1 : 1;
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 4;
    if (ASC_FEATURE_SIMD) {
      // X_k = w_k·conj(z_k); the inverse takes conj(X_k)/n.
      let v = cmulConj(v128.load(chirp + o), v128.load(z + o));
      if (inverse) v = f64x2.mul(conj(v), f64x2.splat(scale));
      v128.store(out + o, v);
    } else {
      const cr = load<f64>(chirp + o), ci = load<f64>(chirp + o, 8);
      const ar = load<f64>(z + o), ai = -load<f64>(z + o, 8);
      store<f64>(out + o, scale * (cr * ar - ci * ai));
      store<f64>(out + o, sign * scale * (cr * ai + ci * ar), 8);
    }
  }
}

// The first radix-4 stage of Bluestein's first transform on a_t = x_t·w_t (t < n; conj(x_t) for
// the inverse), a_t = 0 for n ≤ t < m, m = 4q ≥ 2n: out[4j + s] = Σ_r a_{j + r·q}·(−i)^{r·s}
// with a_{j+2q} = a_{j+3q} = 0, i.e. (a0 + a1, a0 − i·a1, a0 − a1, a0 + i·a1).
function chirpFirstStage(out: usize, x: usize, chirp: usize, n: i32, q: i32, inverse: bool): void {
  const upper = <usize>q << 4;
  for (let j = 0; j < q; j++) {
    const o = <usize>j << 4;
    const hasA1 = j + q < n;
    if (ASC_FEATURE_SIMD) {
      let x0 = v128.load(x + o);
      if (inverse) x0 = conj(x0);
      const a0 = cmul(x0, v128.load(chirp + o));
      let a1 = f64x2.splat(0);
      if (hasA1) {
        let x1 = v128.load(x + o + upper);
        if (inverse) x1 = conj(x1);
        a1 = cmul(x1, v128.load(chirp + o + upper));
      }
      const d = mulNegI(a1);
      const p = out + (o << 2);
      v128.store(p, f64x2.add(a0, a1));
      v128.store(p, f64x2.add(a0, d), 16);
      v128.store(p, f64x2.sub(a0, a1), 32);
      v128.store(p, f64x2.sub(a0, d), 48);
    } else {
      const sign: f64 = inverse ? -1 : 1;
      const xr = load<f64>(x + o), xi = sign * load<f64>(x + o, 8);
      const cr = load<f64>(chirp + o), ci = load<f64>(chirp + o, 8);
      const a0r = xr * cr - xi * ci, a0i = xr * ci + xi * cr;
      let a1r: f64 = 0, a1i: f64 = 0;
      if (hasA1) {
        const yr = load<f64>(x + o + upper), yi = sign * load<f64>(x + o + upper, 8);
        const dr = load<f64>(chirp + o + upper), di = load<f64>(chirp + o + upper, 8);
        a1r = yr * dr - yi * di;
        a1i = yr * di + yi * dr;
      }
      const p = out + (o << 2);
      // −i·a1 = (a1i, −a1r)
      store<f64>(p, a0r + a1r);
      store<f64>(p, a0i + a1i, 8);
      store<f64>(p, a0r + a1i, 16);
      store<f64>(p, a0i - a1r, 24);
      store<f64>(p, a0r - a1r, 32);
      store<f64>(p, a0i - a1i, 40);
      store<f64>(p, a0r - a1i, 48);
      store<f64>(p, a0i + a1r, 56);
    }
  }
}

// The first radix-4 stage of Bluestein's second transform on z_t = conj(y_t·F_t), t < m = 4q.
function productFirstStage(out: usize, y: usize, filter: usize, q: i32): void {
  const s = <usize>q << 4;
  for (let j = 0; j < q; j++) {
    const o = <usize>j << 4;
    const p = out + (o << 2);
    if (ASC_FEATURE_SIMD) {
      const a0 = conj(cmul(v128.load(y + o), v128.load(filter + o)));
      const a1 = conj(cmul(v128.load(y + o + s), v128.load(filter + o + s)));
      const a2 = conj(cmul(v128.load(y + o + 2 * s), v128.load(filter + o + 2 * s)));
      const a3 = conj(cmul(v128.load(y + o + 3 * s), v128.load(filter + o + 3 * s)));
      storeDft4(p, a0, a1, a2, a3);
    } else {
      let r0: f64 = 0, i0: f64 = 0, r1: f64 = 0, i1: f64 = 0, r2: f64 = 0, i2: f64 = 0, r3: f64 = 0, i3: f64 = 0;
      for (let r = 0; r < 4; r++) {
        const e = o + <usize>r * s;
        const ar = load<f64>(y + e), ai = load<f64>(y + e, 8);
        const br = load<f64>(filter + e), bi = load<f64>(filter + e, 8);
        const zr = ar * br - ai * bi, zi = -(ar * bi + ai * br);
        if (r == 0) { r0 = zr; i0 = zi; } else if (r == 1) { r1 = zr; i1 = zi; } else if (r == 2) { r2 = zr; i2 = zi; } else { r3 = zr; i3 = zi; }
      }
      const t0r = r0 + r2, t0i = i0 + i2, t1r = r0 - r2, t1i = i0 - i2;
      const t2r = r1 + r3, t2i = i1 + i3, t3r = i1 - i3, t3i = r3 - r1; // −i·(a1 − a3)
      store<f64>(p, t0r + t2r);
      store<f64>(p, t0i + t2i, 8);
      store<f64>(p, t1r + t3r, 16);
      store<f64>(p, t1i + t3i, 24);
      store<f64>(p, t0r - t2r, 32);
      store<f64>(p, t0i - t2i, 40);
      store<f64>(p, t1r - t3r, 48);
      store<f64>(p, t1i - t3i, 56);
    }
  }
}

// Forward DFT of a STOCKHAM plan from inp into out (n complex each; may be equal).
export function forward(plan: usize, inp: usize, out: usize): void {
  stockhamForward(plan, inp, out, plan + <usize>field(plan, H_SCRATCH));
}

// Complex DFT of length n = the plan's length (plan from fftPlanInit).
// out, inp: n interleaved complex values (16 bytes each); out may equal inp. inverse ≠ 0 gives
// the inverse DFT normalized by 1/n (computed as X_{(n−k) mod n}/n of the forward transform).
// The plan's scratch is used, so one plan serves one transform at a time.
export function fft(out: usize, inp: usize, plan: usize, inverse: i32): void {
  if (field(plan, H_KIND) == KIND_BLUESTEIN) {
    bluestein(plan, out, inp, inverse != 0);
    return;
  }
  forward(plan, inp, out);
  if (inverse != 0) reverseScale(out, field(plan, H_N));
}

// out_k ← out_{(n−k) mod n}/n in place.
function reverseScale(out: usize, n: i32): void {
  if (n <= 0) return;
  const s = 1.0 / <f64>n;
  if (ASC_FEATURE_SIMD) {
    const sv = f64x2.splat(s);
    v128.store(out, f64x2.mul(v128.load(out), sv));
    for (let k = 1; k <= n >> 1; k++) {
      const a = out + (<usize>k << 4);
      const b = out + (<usize>(n - k) << 4);
      const va = v128.load(a);
      v128.store(a, f64x2.mul(v128.load(b), sv));
      v128.store(b, f64x2.mul(va, sv));
    }
  } else {
    store<f64>(out, s * load<f64>(out));
    store<f64>(out, s * load<f64>(out, 8), 8);
    for (let k = 1; k <= n >> 1; k++) {
      const a = out + (<usize>k << 4);
      const b = out + (<usize>(n - k) << 4);
      const ar = load<f64>(a), ai = load<f64>(a, 8);
      store<f64>(a, s * load<f64>(b));
      store<f64>(a, s * load<f64>(b, 8), 8);
      store<f64>(b, s * ar);
      store<f64>(b, s * ai, 8);
    }
  }
}
