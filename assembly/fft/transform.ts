// The complex DFT of any length n ≥ 1 on interleaved (re, im) f64 pairs, driven by a plan
// (see plan.ts): Stockham autosort, with Rader stages (rader.ts) for large prime factors, or
// Bluestein's chirp-z, whichever the plan's cost model predicts cheaper.
//   forward:  X_k = Σ_j x_j·e^{−2πi·jk/n}
//   inverse:  x_j = (1/n)·Σ_k X_k·e^{+2πi·jk/n}   (numpy's normalization)
import { cmul, cmulConj, conj } from "./complex";
import {
  field, H_CHIRP, H_FACTORS, H_FILTER, H_KIND, H_M, H_N, H_NF, H_SCRATCH, H_STAGE, H_SUB, H_TW, H_WORK,
  H_WORK2, KIND_BLUESTEIN, S_METHOD, S_TABLE, STAGE_RADER,
} from "./plan";
import { raderStage } from "./rader";
import { radix2Stage, radix3Stage, radix4Stage, radix5Stage, radixOddStage } from "./stages";

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
// convolution of length m done with two power-of-two FFTs (the filter's FFT is in the plan).
// The inverse runs the forward transform on conj(x) and returns conj(X)/n.
function bluestein(plan: usize, out: usize, inp: usize, inverse: bool): void {
  const n = field(plan, H_N);
  const m = field(plan, H_M);
  const chirp = plan + <usize>field(plan, H_CHIRP);
  const filter = plan + <usize>field(plan, H_FILTER);
  const work = plan + <usize>field(plan, H_WORK);
  const work2 = plan + <usize>field(plan, H_WORK2);
  const sub = plan + <usize>field(plan, H_SUB);
  const sign: f64 = inverse ? -1 : 1;
  for (let j = 0; j < n; j++) {
    const o = <usize>j << 4;
    if (ASC_FEATURE_SIMD) {
      let x = v128.load(inp + o);
      if (inverse) x = conj(x);
      v128.store(work + o, cmul(x, v128.load(chirp + o)));
    } else {
      const xr = load<f64>(inp + o), xi = sign * load<f64>(inp + o, 8);
      const cr = load<f64>(chirp + o), ci = load<f64>(chirp + o, 8);
      store<f64>(work + o, xr * cr - xi * ci);
      store<f64>(work + o, xr * ci + xi * cr, 8);
    }
  }
  memory.fill(work + (<usize>n << 4), 0, <usize>(m - n) << 4);
  forward(sub, work, work2);
  // Pointwise product with the filter, conjugated: the inverse FFT is conj(FFT(conj(·))).
  for (let k = 0; k < m; k++) {
    const o = <usize>k << 4;
    if (ASC_FEATURE_SIMD) {
      v128.store(work2 + o, conj(cmul(v128.load(work2 + o), v128.load(filter + o))));
    } else {
      const ar = load<f64>(work2 + o), ai = load<f64>(work2 + o, 8);
      const br = load<f64>(filter + o), bi = load<f64>(filter + o, 8);
      store<f64>(work2 + o, ar * br - ai * bi);
      store<f64>(work2 + o, -(ar * bi + ai * br), 8);
    }
  }
  forward(sub, work2, work);
  const scale: f64 = inverse ? 1.0 / <f64>n : 1.0;
  for (let k = 0; k < n; k++) {
    const o = <usize>k << 4;
    if (ASC_FEATURE_SIMD) {
      // X_k = w_k·conj(work_k); the inverse takes conj(X_k)/n.
      let y = cmulConj(v128.load(chirp + o), v128.load(work + o));
      if (inverse) y = f64x2.mul(conj(y), f64x2.splat(scale));
      v128.store(out + o, y);
    } else {
      const cr = load<f64>(chirp + o), ci = load<f64>(chirp + o, 8);
      const ar = load<f64>(work + o), ai = -load<f64>(work + o, 8);
      store<f64>(out + o, scale * (cr * ar - ci * ai));
      store<f64>(out + o, sign * scale * (cr * ai + ci * ar), 8);
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
