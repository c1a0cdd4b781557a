// Circular convolution and correlation of real signals, 1-D and 2-D (row-major), with a kernel
// a no larger than the signal, zero-padded (placed at the origin):
//   convolve:   y_{i,j} = Σ_{p,q} a_{p,q}·x_{(i−p) mod R, (j−q) mod C}
//   correlate:  z_{i,j} = Σ_{p,q} a_{p,q}·y_{(i+p) mod R, (j+q) mod C}   (the adjoint of convolve)
// 1-D is the case R = 1. Two paths with identical results up to rounding:
//   direct  O(R·C·ar·ac): both operations become z_{i,j} = Σ b_{p,q}·e_{i+p, j+q} with b = a
//           (correlate) or a reversed along both axes (convolve), e the signal with rows and
//           columns circularly shifted and extended so the inner loop never wraps;
//   FFT     O(R·C·log(R·C)): y = IDFT(DFT(a)·DFT(x)), z = IDFT(conj(DFT(a))·DFT(y)); real FFTs
//           in 1-D, complex row/column FFTs in 2-D.
import { fma2 } from "../simd";
import { cmul, cmulConj, conj } from "./complex";
import { field, H_N } from "./plan";
import { irfft, rfft } from "./real";
import { fft } from "./transform";

function align64(bytes: f64): f64 {
  return Math.ceil(bytes / 64) * 64;
}

// Bytes of workspace circularConvolveDirect needs.
export function circularConvolveDirectWorkspaceSize(rows: i32, cols: i32, arows: i32, acols: i32): f64 {
  return align64(8 * <f64>arows * <f64>acols) + align64(8 * <f64>rows * <f64>(cols + acols - 1));
}

// out: rows×cols; x: rows×cols; a: arows×acols (1 ≤ arows ≤ rows, 1 ≤ acols ≤ cols), all
// row-major f64; work: circularConvolveDirectWorkspaceSize bytes. correlate ≠ 0 selects the
// correlation. out must not overlap x or a.
export function circularConvolveDirect(
  out: usize, x: usize, a: usize, rows: i32, cols: i32, arows: i32, acols: i32, work: usize, correlate: i32,
): void {
  const nb = arows * acols;
  const b = work;
  const e = work + <usize>align64(8 * <f64>nb);
  const ecols = cols + acols - 1;
  const conv = correlate == 0;
  for (let p = 0; p < arows; p++) {
    for (let q = 0; q < acols; q++) {
      const src = conv ? (arows - 1 - p) * acols + (acols - 1 - q) : p * acols + q;
      store<f64>(b + (<usize>(p * acols + q) << 3), load<f64>(a + (<usize>src << 3)));
    }
  }
  // e row r, column t = x row r, column (t − shift) mod cols, shift = acols − 1 for convolve.
  const shift = conv ? acols - 1 : 0;
  for (let r = 0; r < rows; r++) {
    const xr = x + (<usize>(r * cols) << 3);
    const er = e + (<usize>(r * ecols) << 3);
    for (let t = 0; t < ecols; t++) {
      let c = t - shift;
      if (c < 0) c += cols;
      else if (c >= cols) c -= cols;
      store<f64>(er + (<usize>t << 3), load<f64>(xr + (<usize>c << 3)));
    }
  }
  memory.fill(out, 0, <usize>(rows * cols) << 3);
  const rowShift = conv ? rows - (arows - 1) : 0; // ≡ −(arows − 1) mod rows
  for (let i = 0; i < rows; i++) {
    const oi = out + (<usize>(i * cols) << 3);
    for (let p = 0; p < arows; p++) {
      let r = i + p + rowShift;
      while (r >= rows) r -= rows;
      correlateRow(oi, e + (<usize>(r * ecols) << 3), b + (<usize>(p * acols) << 3), cols, acols);
    }
  }
}

// out_j += Σ_{q<nb} b_q·e_{j+q} for j < n (e has n + nb − 1 entries).
function correlateRow(out: usize, e: usize, b: usize, n: i32, nb: i32): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 4 <= n; j += 4) {
      const o = out + (<usize>j << 3);
      let s0 = v128.load(o);
      let s1 = v128.load(o, 16);
      let ep = e + (<usize>j << 3);
      for (let q = 0; q < nb; q++) {
        const bq = v128.load64_splat(b + (<usize>q << 3));
        s0 = fma2(bq, v128.load(ep), s0);
        s1 = fma2(bq, v128.load(ep, 16), s1);
        ep += 8;
      }
      v128.store(o, s0);
      v128.store(o, s1, 16);
    }
  }
  for (; j < n; j++) {
    let s = load<f64>(out + (<usize>j << 3));
    for (let q = 0; q < nb; q++) s += load<f64>(b + (<usize>q << 3)) * load<f64>(e + (<usize>(j + q) << 3));
    store<f64>(out + (<usize>j << 3), s);
  }
}

// Bytes of workspace circularConvolveFft needs for a signal of length n.
export function circularConvolveFftWorkspaceSize(n: i32): f64 {
  return 2 * align64(16 * <f64>((n >> 1) + 1)) + align64(8 * <f64>n);
}

// 1-D FFT path. out, x: n reals (n = the real plan's length, plan from rfftPlanInit); a: na ≤ n
// reals; work: circularConvolveFftWorkspaceSize(n) bytes. out must not overlap x or a.
export function circularConvolveFft(out: usize, x: usize, a: usize, na: i32, plan: usize, work: usize, correlate: i32): void {
  const n = field(plan, H_N);
  const bins = (n >> 1) + 1;
  const sa = work;
  const sx = sa + <usize>align64(16 * <f64>bins);
  const ap = sx + <usize>align64(16 * <f64>bins);
  memory.copy(ap, a, <usize>na << 3);
  memory.fill(ap + (<usize>na << 3), 0, <usize>(n - na) << 3);
  rfft(sa, ap, plan);
  rfft(sx, x, plan);
  multiplySpectra(sx, sa, bins, correlate != 0, false);
  irfft(out, sx, plan);
}

// s_k ← s_k·a_k (or s_k·conj(a_k)), then conjugated when conjugate is set.
function multiplySpectra(s: usize, a: usize, count: i32, conjA: bool, conjugate: bool): void {
  for (let k = 0; k < count; k++) {
    const o = <usize>k << 4;
    if (ASC_FEATURE_SIMD) {
      const sv = v128.load(s + o);
      const av = v128.load(a + o);
      let y = conjA ? cmulConj(sv, av) : cmul(sv, av);
      if (conjugate) y = conj(y);
      v128.store(s + o, y);
    } else {
      const sr = load<f64>(s + o), si = load<f64>(s + o, 8);
      const ar = load<f64>(a + o);
      const ai = conjA ? -load<f64>(a + o, 8) : load<f64>(a + o, 8);
      const yi = sr * ai + si * ar;
      store<f64>(s + o, sr * ar - si * ai);
      store<f64>(s + o, conjugate ? -yi : yi, 8);
    }
  }
}

// Bytes of workspace circularConvolve2dFft needs.
export function circularConvolve2dFftWorkspaceSize(rows: i32, cols: i32): f64 {
  return align64(16 * <f64>rows * <f64>(cols + 1)) + 2 * align64(16 * <f64>cols * <f64>(rows + 1));
}

// 2-D FFT path. out, x: rows×cols, a: arows×acols (≤ rows×cols), row-major reals;
// planRows, planCols: complex plans (fftPlanInit) of lengths rows and cols (may be the same
// block when rows = cols); work: circularConvolve2dFftWorkspaceSize bytes. The complex
// matrices in work have rows padded by one entry (strides cols + 1 and rows + 1) so that the
// transposes never walk a power-of-two stride (which thrashes set-associative caches).
export function circularConvolve2dFft(
  out: usize, x: usize, a: usize, rows: i32, cols: i32, arows: i32, acols: i32,
  planRows: usize, planCols: usize, work: usize, correlate: i32,
): void {
  const cs = cols + 1; // row stride of buf (rows×cols)
  const rs = rows + 1; // row stride of t1, t2 (cols×rows)
  const buf = work;
  const t1 = buf + <usize>align64(16 * <f64>rows * <f64>cs);
  const t2 = t1 + <usize>align64(16 * <f64>cols * <f64>rs);
  // DFT of x into t1 (cols×rows layout), DFT of the padded kernel into t2.
  memory.fill(buf, 0, <usize>(rows * cs) << 4);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      store<f64>(buf + (<usize>(i * cs + j) << 4), load<f64>(x + (<usize>(i * cols + j) << 3)));
    }
  }
  dft2(buf, t1, rows, cols, planRows, planCols);
  memory.fill(buf, 0, <usize>(rows * cs) << 4);
  for (let p = 0; p < arows; p++) {
    for (let q = 0; q < acols; q++) {
      store<f64>(buf + (<usize>(p * cs + q) << 4), load<f64>(a + (<usize>(p * acols + q) << 3)));
    }
  }
  dft2(buf, t2, rows, cols, planRows, planCols);
  // Inverse DFT as conj(DFT(conj(·)))/(rows·cols); the result is real, so conj drops out.
  for (let j = 0; j < cols; j++) {
    const o = <usize>(j * rs) << 4;
    multiplySpectra(t1 + o, t2 + o, rows, correlate != 0, true);
  }
  rowFfts(t1, cols, rows, rs, planRows);
  transposeComplex(buf, cs, t1, rs, cols, rows);
  rowFfts(buf, rows, cols, cs, planCols);
  const scale = 1.0 / <f64>(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      store<f64>(out + (<usize>(i * cols + j) << 3), scale * load<f64>(buf + (<usize>(i * cs + j) << 4)));
    }
  }
}

// 2-D forward DFT of buf (rows×cols complex, stride cols + 1, overwritten) into dst, transposed
// (cols×rows, stride rows + 1).
function dft2(buf: usize, dst: usize, rows: i32, cols: i32, planRows: usize, planCols: usize): void {
  rowFfts(buf, rows, cols, cols + 1, planCols);
  transposeComplex(dst, rows + 1, buf, cols + 1, rows, cols);
  rowFfts(dst, cols, rows, rows + 1, planRows);
}

// In-place FFTs of count rows of len complex values, stride complex values apart.
function rowFfts(buf: usize, count: i32, len: i32, stride: i32, plan: usize): void {
  for (let i = 0; i < count; i++) {
    const row = buf + (<usize>(i * stride) << 4);
    fft(row, row, plan, 0);
  }
}

// dst (cols×rows, row stride ds) = transpose of src (rows×cols, row stride ss), complex
// entries, in 8×8 tiles. Also used by the 2-D real transforms (real2d.ts).
export function transposeComplex(dst: usize, ds: i32, src: usize, ss: i32, rows: i32, cols: i32): void {
  for (let i0 = 0; i0 < rows; i0 += 8) {
    const i1 = min(rows, i0 + 8);
    for (let j0 = 0; j0 < cols; j0 += 8) {
      const j1 = min(cols, j0 + 8);
      for (let j = j0; j < j1; j++) {
        for (let i = i0; i < i1; i++) {
          const so = src + (<usize>(i * ss + j) << 4);
          const d = dst + (<usize>(j * ds + i) << 4);
          if (ASC_FEATURE_SIMD) {
            v128.store(d, v128.load(so));
          } else {
            store<f64>(d, load<f64>(so));
            store<f64>(d, load<f64>(so, 8), 8);
          }
        }
      }
    }
  }
}
