// Real DFT of length n: n real samples ↔ the n/2 + 1 bins X_k = Σ_j x_j·e^{−2πi·jk/n}, k ≤ ⌊n/2⌋
// (the rest follow from X_{n−k} = conj(X_k)). Plans come from rfftPlanInit.
// Even n = 2h: the samples, read as h complex z_j = x_{2j} + i·x_{2j+1}, go through one complex
// FFT of length h; then with E_k = (Z_k + conj Z_{h−k})/2, D_k = (Z_k − conj Z_{h−k})/2 and
// w = e^{−2πi/n}: X_k = E_k − i·w^k·D_k and X_{h−k} = conj(E_k + i·w^k·D_k) (Z_h = Z_0).
// The inverse runs the same algebra backwards (Z_k = E_k + i·O_k, O_k = D_k·conj(w^k)) and one
// inverse complex FFT of length h. Odd n: a complex FFT of length n on (x_j, 0) / on the
// Hermitian extension of the bins.
import { cmul, cmulConj, conj, mulI, mulNegI } from "./complex";
import { field, H_N, H_SUB, H_TW, H_WORK, H_WORK2, KIND_REAL_EVEN } from "./plan";
import { fft } from "./transform";

// out: n/2 + 1 complex (16 bytes each); inp: n reals; distinct buffers.
export function rfft(out: usize, inp: usize, plan: usize): void {
  const n = field(plan, H_N);
  const sub = plan + <usize>field(plan, H_SUB);
  if (field(plan, 1) != KIND_REAL_EVEN) {
    const work = plan + <usize>field(plan, H_WORK);
    const work2 = plan + <usize>field(plan, H_WORK2);
    for (let j = 0; j < n; j++) {
      store<f64>(work + (<usize>j << 4), load<f64>(inp + (<usize>j << 3)));
      store<f64>(work + (<usize>j << 4), 0, 8);
    }
    fft(work2, work, sub, 0);
    memory.copy(out, work2, <usize>((n >> 1) + 1) << 4);
    return;
  }
  const h = n >> 1;
  const tw = plan + <usize>field(plan, H_TW);
  fft(out, inp, sub, 0);
  const z0r = load<f64>(out), z0i = load<f64>(out, 8);
  store<f64>(out, z0r + z0i);
  store<f64>(out, 0, 8);
  store<f64>(out + (<usize>h << 4), z0r - z0i);
  store<f64>(out + (<usize>h << 4), 0, 8);
  for (let k = 1; k <= h >> 1; k++) {
    const pk = out + (<usize>k << 4);
    const pm = out + (<usize>(h - k) << 4);
    const pw = tw + (<usize>k << 4);
    if (ASC_FEATURE_SIMD) {
      const a = v128.load(pk);
      const b = conj(v128.load(pm));
      const half = f64x2.splat(0.5);
      const e = f64x2.mul(f64x2.add(a, b), half);
      const wd = cmul(v128.load(pw), f64x2.mul(f64x2.sub(a, b), half));
      const iwd = mulNegI(wd); // −i·w^k·D
      v128.store(pm, conj(f64x2.sub(e, iwd)));
      v128.store(pk, f64x2.add(e, iwd));
    } else {
      const ar = load<f64>(pk), ai = load<f64>(pk, 8);
      const br = load<f64>(pm), bi = -load<f64>(pm, 8);
      const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br), di = 0.5 * (ai - bi);
      const wr = load<f64>(pw), wi = load<f64>(pw, 8);
      const xr = wr * dr - wi * di, xi = wr * di + wi * dr; // w^k·D
      // −i·(xr + i·xi) = xi − i·xr
      store<f64>(pm, er - xi);
      store<f64>(pm, -(ei + xr), 8);
      store<f64>(pk, er + xi);
      store<f64>(pk, ei - xr, 8);
    }
  }
}

// out: n reals; inp: n/2 + 1 complex bins; distinct buffers. The imaginary parts of X_0 (and of
// X_{n/2} for even n) are ignored, as for any Hermitian spectrum. Normalized by 1/n.
export function irfft(out: usize, inp: usize, plan: usize): void {
  const n = field(plan, H_N);
  const sub = plan + <usize>field(plan, H_SUB);
  if (field(plan, 1) != KIND_REAL_EVEN) {
    const work = plan + <usize>field(plan, H_WORK);
    const work2 = plan + <usize>field(plan, H_WORK2);
    store<f64>(work, load<f64>(inp));
    store<f64>(work, 0, 8);
    for (let k = 1; k <= n >> 1; k++) {
      const re = load<f64>(inp + (<usize>k << 4)), im = load<f64>(inp + (<usize>k << 4), 8);
      store<f64>(work + (<usize>k << 4), re);
      store<f64>(work + (<usize>k << 4), im, 8);
      store<f64>(work + (<usize>(n - k) << 4), re);
      store<f64>(work + (<usize>(n - k) << 4), -im, 8);
    }
    fft(work2, work, sub, 1);
    for (let j = 0; j < n; j++) store<f64>(out + (<usize>j << 3), load<f64>(work2 + (<usize>j << 4)));
    return;
  }
  const h = n >> 1;
  const tw = plan + <usize>field(plan, H_TW);
  const x0 = load<f64>(inp), xh = load<f64>(inp + (<usize>h << 4));
  store<f64>(out, 0.5 * (x0 + xh));
  store<f64>(out, 0.5 * (x0 - xh), 8);
  for (let k = 1; k <= h >> 1; k++) {
    const pk = <usize>k << 4;
    const pm = <usize>(h - k) << 4;
    const pw = tw + pk;
    if (ASC_FEATURE_SIMD) {
      const a = v128.load(inp + pk);
      const b = conj(v128.load(inp + pm));
      const half = f64x2.splat(0.5);
      const e = f64x2.mul(f64x2.add(a, b), half);
      const o = cmulConj(f64x2.mul(f64x2.sub(a, b), half), v128.load(pw));
      v128.store(out + pm, conj(f64x2.add(e, mulNegI(o))));
      v128.store(out + pk, f64x2.add(e, mulI(o)));
    } else {
      const ar = load<f64>(inp + pk), ai = load<f64>(inp + pk, 8);
      const br = load<f64>(inp + pm), bi = -load<f64>(inp + pm, 8);
      const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br), di = 0.5 * (ai - bi);
      const wr = load<f64>(pw), wi = -load<f64>(pw, 8); // conj(w^k)
      const or = wr * dr - wi * di, oi = wr * di + wi * dr;
      // Z_{h−k} = conj(E − i·O) = (er + oi, or − ei); Z_k = E + i·O = (er − oi, ei + or)
      store<f64>(out + pm, er + oi);
      store<f64>(out + pm, or - ei, 8);
      store<f64>(out + pk, er - oi);
      store<f64>(out + pk, ei + or, 8);
    }
  }
  fft(out, out, sub, 1);
}
