// Sums and products on half spectra for the convolutional models y ≈ Σ_k a_k ⊛ x_k: residuals,
// their energy by Parseval, gradient spectra and Gram matrices, so that a solver never returns
// to the signal domain to evaluate a cost.
//
// Layout (as rfft for 1-D, rfft2 for 2-D, see ../fft/real2d.ts): B = ⌊C/2⌋ + 1 blocks of R
// complex entries (16 bytes each), block b holding column frequency b; 1-D is R = 1, C = m.
// Parseval for a real R×C signal r with half spectrum S:
//   ‖r‖² = (1/(R·C))·Σ_b w_b·Σ_i |S[b·R + i]|²,  w_b = 1 for b = 0 and (C even) b = C/2, else 2,
// since every other column frequency stands for itself and its mirror C − b.
//
// A term is one factor product (c1·u + c2·u′)·v of spectra: u, u′ (optional, 0 = none) and v
// (optional, 0 = none: the term is c1·u + c2·u′). Terms are passed as a table of f64, five per
// term: [u, u′, v, c1, c2] (byte addresses stored as f64). The inertial extrapolations of the
// solvers (x̂ = x + β(x − x_old), the geodesic extrapolation of a kernel) are such combinations,
// so they are formed on the fly instead of in a separate pass.
import { cmul, cmulConj } from "../fft/complex";

const TERM = 5;

// One complex value: where termValue leaves a term's entry for residualRangeN (static data, so
// the kernels still allocate nothing).
const TERM_VALUE = memory.data(16);

// @ts-ignore: decorator
@inline function termPtr(table: usize, k: i32, field: i32): usize {
  return <usize>load<f64>(table + (<usize>(k * TERM + field) << 3));
}

// @ts-ignore: decorator
@inline function termCoef(table: usize, k: i32, field: i32): f64 {
  return load<f64>(table + (<usize>(k * TERM + field) << 3));
}

// The entry ranges [0, R) and (C even) [(B − 1)·R, B·R) have Parseval weight 1, the rest 2;
// this is where the second weight-1 range starts (B·R, the end, when C is odd).
// @ts-ignore: decorator
@inline function lastEdge(rows: i32, cols: i32): i32 {
  const bins = (cols >> 1) + 1;
  return (cols & 1) == 0 && bins > 1 ? (bins - 1) * rows : bins * rows;
}

// Residual of one term: r_e = (c1·u_e + c2·u′_e)·v_e − y_e; with gradient outputs
// g_e = conj(v_e)·r_e. Returns Σ_{from ≤ e < to} |r_e|². The variants (u′ or not, v or not, which
// outputs) are separate loops: the flags are compile-time constants at each call of the inlined
// body below, so no branch is left inside a loop.
function residualRange1(
  u: usize, u2: usize, v: usize, c1: f64, c2: f64, y: usize, g: usize, res: usize, from: i32, to: i32,
): f64 {
  if (v == 0) return residualLoop(u, u2, v, c1, c2, y, g, res, from, to, u2 != 0, false, res != 0, false);
  if (u2 == 0) {
    if (g == 0) return res == 0
      ? residualLoop(u, u2, v, c1, c2, y, g, res, from, to, false, true, false, false)
      : residualLoop(u, u2, v, c1, c2, y, g, res, from, to, false, true, true, false);
    return res == 0
      ? residualLoop(u, u2, v, c1, c2, y, g, res, from, to, false, true, false, true)
      : residualLoop(u, u2, v, c1, c2, y, g, res, from, to, false, true, true, true);
  }
  if (g == 0) return res == 0
    ? residualLoop(u, u2, v, c1, c2, y, g, res, from, to, true, true, false, false)
    : residualLoop(u, u2, v, c1, c2, y, g, res, from, to, true, true, true, false);
  return res == 0
    ? residualLoop(u, u2, v, c1, c2, y, g, res, from, to, true, true, false, true)
    : residualLoop(u, u2, v, c1, c2, y, g, res, from, to, true, true, true, true);
}

// @ts-ignore: decorator
@inline function residualLoop(
  u: usize, u2: usize, v: usize, c1: f64, c2: f64, y: usize, g: usize, res: usize, from: i32, to: i32,
  hasU2: bool, hasV: bool, wantRes: bool, wantG: bool,
): f64 {
  let s: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const k1 = f64x2.splat(c1);
    const k2 = f64x2.splat(c2);
    let acc = f64x2.splat(0);
    for (let e = from; e < to; e++) {
      const o = <usize>e << 4;
      let q = f64x2.mul(k1, v128.load(u + o));
      if (hasU2) q = f64x2.add(q, f64x2.mul(k2, v128.load(u2 + o)));
      let vv = f64x2.splat(0);
      let p = q;
      if (hasV) {
        vv = v128.load(v + o);
        p = cmul(q, vv);
      }
      const r = f64x2.sub(p, v128.load(y + o));
      acc = f64x2.add(acc, f64x2.mul(r, r));
      if (wantRes) v128.store(res + o, r);
      if (wantG) v128.store(g + o, cmulConj(r, vv));
    }
    s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  } else {
    for (let e = from; e < to; e++) {
      const o = <usize>e << 4;
      let qr = c1 * load<f64>(u + o), qi = c1 * load<f64>(u + o, 8);
      if (hasU2) {
        qr += c2 * load<f64>(u2 + o);
        qi += c2 * load<f64>(u2 + o, 8);
      }
      let pr = qr, pi = qi;
      let vr: f64 = 0, vi: f64 = 0;
      if (hasV) {
        vr = load<f64>(v + o);
        vi = load<f64>(v + o, 8);
        pr = qr * vr - qi * vi;
        pi = qr * vi + qi * vr;
      }
      const rr = pr - load<f64>(y + o), ri = pi - load<f64>(y + o, 8);
      s += rr * rr + ri * ri;
      if (wantRes) {
        store<f64>(res + o, rr);
        store<f64>(res + o, ri, 8);
      }
      if (wantG) {
        store<f64>(g + o, rr * vr + ri * vi);
        store<f64>(g + o, ri * vr - rr * vi, 8);
      }
    }
  }
  return s;
}

// The same for any number of terms: r_e = Σ_k term_k(e) − y_e, gradient k: conj(v_k,e)·r_e
// (gradient table: count byte addresses as f64, or 0).
function residualRangeN(
  table: usize, count: i32, y: usize, grads: usize, res: usize, from: i32, to: i32,
): f64 {
  let s: f64 = 0;
  for (let e = from; e < to; e++) {
    const o = <usize>e << 4;
    let rr = -load<f64>(y + o), ri = -load<f64>(y + o, 8);
    for (let k = 0; k < count; k++) {
      termValue(table, k, o, TERM_VALUE);
      rr += load<f64>(TERM_VALUE);
      ri += load<f64>(TERM_VALUE, 8);
    }
    s += rr * rr + ri * ri;
    if (res != 0) {
      store<f64>(res + o, rr);
      store<f64>(res + o, ri, 8);
    }
    if (grads != 0) {
      for (let k = 0; k < count; k++) {
        const v = termPtr(table, k, 2);
        const g = <usize>load<f64>(grads + (<usize>k << 3));
        const vr = load<f64>(v + o), vi = load<f64>(v + o, 8);
        store<f64>(g + o, rr * vr + ri * vi);
        store<f64>(g + o, ri * vr - rr * vi, 8);
      }
    }
  }
  return s;
}

// spectralResidual: r = Σ_k (c1_k·u_k + c2_k·u′_k)·v_k − y over the whole half spectrum of an
// R×C signal (terms: table of count ≥ 1 entries as above; y: B·R complex). Optionally writes
// r (res ≠ 0) and the gradient spectra g_k = conj(v_k)·r (grads ≠ 0: a table of count
// addresses as f64; every term then needs its v). Returns ½‖r‖² of the real signal (Parseval).
// Outputs must not overlap the inputs.
export function spectralResidual(table: usize, count: i32, y: usize, grads: usize, res: usize, rows: i32, cols: i32): f64 {
  const edge = rows;
  const last = lastEdge(rows, cols);
  const total = ((cols >> 1) + 1) * rows;
  let ones: f64 = 0;
  let twos: f64 = 0;
  if (count == 1) {
    const u = termPtr(table, 0, 0), u2 = termPtr(table, 0, 1), v = termPtr(table, 0, 2);
    const c1 = termCoef(table, 0, 3), c2 = termCoef(table, 0, 4);
    const g: usize = grads == 0 ? 0 : <usize>load<f64>(grads);
    ones = residualRange1(u, u2, v, c1, c2, y, g, res, 0, min(edge, total));
    twos = residualRange1(u, u2, v, c1, c2, y, g, res, min(edge, total), max(edge, last));
    ones += residualRange1(u, u2, v, c1, c2, y, g, res, max(edge, last), total);
  } else {
    ones = residualRangeN(table, count, y, grads, res, 0, min(edge, total));
    twos = residualRangeN(table, count, y, grads, res, min(edge, total), max(edge, last));
    ones += residualRangeN(table, count, y, grads, res, max(edge, last), total);
  }
  return (0.5 * (ones + 2 * twos)) / (<f64>rows * <f64>cols);
}

// Gram matrix of count vectors given as terms (v = 0 allowed: the term c1·u + c2·u′):
// out[j·count + l] = ⟨t_j, t_l⟩ = (1/(R·C))·Σ_e w_e·Re(t_j,e·conj t_l,e), the inner products of
// the real signals (Parseval). scratch: 2·count f64. out: count² f64 (symmetric, filled whole).
export function spectralGram(out: usize, table: usize, count: i32, rows: i32, cols: i32, scratch: usize): void {
  const edge = rows;
  const last = lastEdge(rows, cols);
  const total = ((cols >> 1) + 1) * rows;
  memory.fill(out, 0, <usize>(count * count) << 3);
  gramRange(out, table, count, scratch, 0, min(edge, total), 1);
  gramRange(out, table, count, scratch, min(edge, total), max(edge, last), 2);
  gramRange(out, table, count, scratch, max(edge, last), total, 1);
  const scale = 1.0 / (<f64>rows * <f64>cols);
  for (let j = 0; j < count; j++) {
    for (let l = j; l < count; l++) {
      const v = scale * load<f64>(out + (<usize>(j * count + l) << 3));
      store<f64>(out + (<usize>(j * count + l) << 3), v);
      store<f64>(out + (<usize>(l * count + j) << 3), v);
    }
  }
}

// Adds weight·Σ_{from ≤ e < to} Re(t_j,e·conj t_l,e) to out[j·count + l] for j ≤ l.
function gramRange(out: usize, table: usize, count: i32, scratch: usize, from: i32, to: i32, weight: f64): void {
  if (count == 3) gram3(out, table, scratch, from, to, weight);
  else gramRangeN(out, table, count, scratch, from, to, weight);
}

// gramRange for any terms, entry by entry through the table.
function gramRangeN(out: usize, table: usize, count: i32, scratch: usize, from: i32, to: i32, weight: f64): void {
  for (let e = from; e < to; e++) {
    const o = <usize>e << 4;
    for (let k = 0; k < count; k++) termValue(table, k, o, scratch + (<usize>k << 4));
    for (let j = 0; j < count; j++) {
      const ar = load<f64>(scratch + (<usize>j << 4)), ai = load<f64>(scratch + (<usize>j << 4), 8);
      for (let l = j; l < count; l++) {
        const p = out + (<usize>(j * count + l) << 3);
        const br = load<f64>(scratch + (<usize>l << 4)), bi = load<f64>(scratch + (<usize>l << 4), 8);
        store<f64>(p, load<f64>(p) + weight * (ar * br + ai * bi));
      }
    }
  }
}

// The single-kernel case of the kernel step: the vectors (r, y, c1·u·v) — two plain ones (c1 = 1)
// and one product — with the six sums in registers: one complex product per entry.
function gram3(out: usize, table: usize, scratch: usize, from: i32, to: i32, weight: f64): void {
  const r = termPtr(table, 0, 0), y = termPtr(table, 1, 0);
  const q = termPtr(table, 2, 0), qv = termPtr(table, 2, 2), q1 = termCoef(table, 2, 3);
  if (termPtr(table, 0, 1) != 0 || termPtr(table, 0, 2) != 0 || termCoef(table, 0, 3) != 1 ||
    termPtr(table, 1, 1) != 0 || termPtr(table, 1, 2) != 0 || termCoef(table, 1, 3) != 1 ||
    termPtr(table, 2, 1) != 0 || qv == 0) {
    gramRangeN(out, table, 3, scratch, from, to, weight);
    return;
  }
  let s00: f64 = 0, s01: f64 = 0, s02: f64 = 0, s11: f64 = 0, s12: f64 = 0, s22: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    const kq = f64x2.splat(q1);
    let a00 = f64x2.splat(0), a01 = a00, a02 = a00, a11 = a00, a12 = a00, a22 = a00;
    for (let e = from; e < to; e++) {
      const o = <usize>e << 4;
      const a = v128.load(r + o);
      const b = v128.load(y + o);
      const c = cmul(f64x2.mul(kq, v128.load(q + o)), v128.load(qv + o));
      // Re(x·conj y) = x.re·y.re + x.im·y.im: the lane sums of x∘y.
      a00 = f64x2.add(a00, f64x2.mul(a, a));
      a01 = f64x2.add(a01, f64x2.mul(a, b));
      a02 = f64x2.add(a02, f64x2.mul(a, c));
      a11 = f64x2.add(a11, f64x2.mul(b, b));
      a12 = f64x2.add(a12, f64x2.mul(b, c));
      a22 = f64x2.add(a22, f64x2.mul(c, c));
    }
    s00 = lanes(a00); s01 = lanes(a01); s02 = lanes(a02); s11 = lanes(a11); s12 = lanes(a12); s22 = lanes(a22);
  } else {
    for (let e = from; e < to; e++) {
      const o = <usize>e << 4;
      const ar = load<f64>(r + o), ai = load<f64>(r + o, 8);
      const br = load<f64>(y + o), bi = load<f64>(y + o, 8);
      const wr = q1 * load<f64>(q + o), wi = q1 * load<f64>(q + o, 8);
      const zr = load<f64>(qv + o), zi = load<f64>(qv + o, 8);
      const cr = wr * zr - wi * zi, ci = wr * zi + wi * zr;
      s00 += ar * ar + ai * ai;
      s01 += ar * br + ai * bi;
      s02 += ar * cr + ai * ci;
      s11 += br * br + bi * bi;
      s12 += br * cr + bi * ci;
      s22 += cr * cr + ci * ci;
    }
  }
  addAt(out, 0, weight * s00);
  addAt(out, 1, weight * s01);
  addAt(out, 2, weight * s02);
  addAt(out, 4, weight * s11);
  addAt(out, 5, weight * s12);
  addAt(out, 8, weight * s22);
}

// @ts-ignore: decorator
@inline function lanes(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

// @ts-ignore: decorator
@inline function addAt(out: usize, index: i32, value: f64): void {
  const p = out + (<usize>index << 3);
  store<f64>(p, load<f64>(p) + value);
}

// Writes term k's value at byte offset o (complex) to dst.
// @ts-ignore: decorator
@inline function termValue(table: usize, k: i32, o: usize, dst: usize): void {
  const u = termPtr(table, k, 0), u2 = termPtr(table, k, 1), v = termPtr(table, k, 2);
  const c1 = termCoef(table, k, 3), c2 = termCoef(table, k, 4);
  let qr = c1 * load<f64>(u + o), qi = c1 * load<f64>(u + o, 8);
  if (u2 != 0) {
    qr += c2 * load<f64>(u2 + o);
    qi += c2 * load<f64>(u2 + o, 8);
  }
  if (v != 0) {
    const vr = load<f64>(v + o), vi = load<f64>(v + o, 8);
    store<f64>(dst, qr * vr - qi * vi);
    store<f64>(dst, qr * vi + qi * vr, 8);
  } else {
    store<f64>(dst, qr);
    store<f64>(dst, qi, 8);
  }
}

// lincomb3: out[i] = a·x[i] + b·y[i] + c·z[i] for i < n (f64), y and/or z may be 0 (absent).
// out may equal x, y or z. Spectra are combined as their 2·(entries) f64.
export function lincomb3(out: usize, a: f64, x: usize, b: f64, y: usize, c: f64, z: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f64x2.splat(a), bv = f64x2.splat(b), cv = f64x2.splat(c);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      let s = f64x2.mul(av, v128.load(x + o));
      if (y != 0) s = f64x2.add(s, f64x2.mul(bv, v128.load(y + o)));
      if (z != 0) s = f64x2.add(s, f64x2.mul(cv, v128.load(z + o)));
      v128.store(out + o, s);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    let s = a * load<f64>(x + o);
    if (y != 0) s += b * load<f64>(y + o);
    if (z != 0) s += c * load<f64>(z + o);
    store<f64>(out + o, s);
  }
}

// spectralProduct: out[e] (+)= p′[e]·q[e] for e < count complex entries, p′ = conj(p) when
// conjugate ≠ 0 (the spectrum of the correlation of q's signal with p's) else p; accumulate ≠ 0
// adds to out. out may equal p or q.
export function spectralProduct(out: usize, p: usize, q: usize, count: i32, conjugate: i32, accumulate: i32): void {
  for (let e = 0; e < count; e++) {
    const o = <usize>e << 4;
    if (ASC_FEATURE_SIMD) {
      const pv = v128.load(p + o), qv = v128.load(q + o);
      let v = conjugate != 0 ? cmulConj(qv, pv) : cmul(qv, pv);
      if (accumulate != 0) v = f64x2.add(v, v128.load(out + o));
      v128.store(out + o, v);
    } else {
      const pr = load<f64>(p + o), pi = conjugate != 0 ? -load<f64>(p + o, 8) : load<f64>(p + o, 8);
      const qr = load<f64>(q + o), qi = load<f64>(q + o, 8);
      let vr = pr * qr - pi * qi, vi = pr * qi + pi * qr;
      if (accumulate != 0) {
        vr += load<f64>(out + o);
        vi += load<f64>(out + o, 8);
      }
      store<f64>(out + o, vr);
      store<f64>(out + o, vi, 8);
    }
  }
}

// multiplyEntries: out[i] = x[i]·y[i] for i < n (f64). out may equal x or y.
export function multiplyEntries(out: usize, x: usize, y: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(out + o, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(out + o, load<f64>(x + o) * load<f64>(y + o));
  }
}
