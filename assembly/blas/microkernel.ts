import { fma2 } from "../simd";

// The register-blocked gemm micro-kernel and its tile shape, per build:
//   SIMD builds: MR×NR = 3×6  (9 f64x2 accumulators + 3 B vectors + the A splats; relaxed SIMD
//                fuses each multiply-add, the SIMD build needs a product temporary)
//   scalar:      MR×NR = 2×4  (8 f64 accumulators)
// V8 reserves xmm15, so accumulators + loads of one k-step must fit in 15 xmm registers; a 4×8
// block (16 accumulators) spills and runs at about half the speed of these shapes. Unrolling the
// k loop in the source makes V8 hoist every load of the unrolled steps and spill, so the loop is
// not unrolled; and in the SIMD build the loop must be alone in its function with only plain
// stores after it (see packedMicroKernel and tile3x6), or the splats are hoisted and it spills.
// Measured on L1-resident slivers against the `blasPeak` loop of the same build, same rounds:
// on Zen 3 (V8 11.3) 3×6 fused at 95–98% while the shared VM is quiet and ~72% while it is not
// (it alternates for seconds at a time; the peak loop, without loads, does not); on Zen 4
// 3×6 fused 0.92, 3×6 unfused 0.86–0.89 against 0.78 for the former SIMD-build 2×8 (2×6, 4×4
// and a shuffle-splat 2×8 measured the same as 2×8 on Zen 3); 4×4 and 6×4 were slower in the
// relaxed build, 4×8 and 4×6 spill. In whole products (bench/gemm.mjs) the SIMD build's 3×6
// gains most on thin op(B) (2000×2000·2000×10: 0.47 → 0.57–0.60 of the peak loop) and loses
// 3–8% at depths k ≤ 20, where the call per tile is not amortized.
export const MR: i32 = ASC_FEATURE_SIMD ? 3 : 2;
export const NR: i32 = ASC_FEATURE_SIMD ? 6 : 4;

// C[0:MR, 0:NR] = alpha·(Ã·B̃) + beta·C for one tile, where B̃ is a kc×NR sliver of packed B
// (kc rows of NR values) and Ã an MR×kc block of A whose entry (r, p) is at pa + r·ar + p·ak
// (bytes): packed A has ar = 8, ak = 8·MR; unpacked row-major A has ar = 8·lda, ak = 8, and
// unpacked Aᵀ has ar = 8, ak = 8·lda. c is the tile's first element, rs the row stride of C in
// bytes. beta = 0 writes the tile without reading C. kc ≥ 1.
export function microKernel(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64): void {
  if (ar == 8 && ak == <usize>MR << 3) packedMicroKernel(kc, pa, pb, c, rs, alpha, beta);
  else unpackedMicroKernel(kc, pa, ar, ak, pb, c, rs, alpha, beta);
}

// Each tile's loop is alone in a function of its own. With both tiles inlined in one body,
// Binaryen folded the two loops into one whose every k-step tests which one it is and steps A
// by a variable (72% of the peak loop against 97% for the packed loop alone, SIMD build); and
// in the SIMD build, with two k-loops in one function or the k-loop nested in another loop, V8
// loaded all of a step's A splats ahead of its products and spilled an accumulator (0.40 of
// the peak loop against 0.86–0.91 alone; L1-resident slivers, same rounds, Zen 4, V8 11.3).
function packedMicroKernel(kc: i32, pa: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64): void {
  tile(kc, pa, 8, <usize>MR << 3, pb, c, rs, alpha, beta, true);
}

function unpackedMicroKernel(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64): void {
  tile(kc, pa, ar, ak, pb, c, rs, alpha, beta, false);
}

// Whether microKernelRun inlines its tiles (not in the SIMD build: see above). The call per tile
// costs about as much as a dozen k-steps: at kc = 8 an inlined run is 1.5× faster than separate
// calls, and for packed A, 0.80 against 0.71 of the peak loop at 512³ in the former 2×8 SIMD
// build, the same within noise in the relaxed one.
const INLINE_RUNS = ASC_FEATURE_RELAXED_SIMD || !ASC_FEATURE_SIMD;

// Depth up to which an inlined run computes tiles of unpacked A itself (deeper ones are calls).
const RUN_INLINE_DEPTH = 96;

// `count` whole tiles in a run: tile t reads A at pa + t·paStep and B at pb + t·pbStep and
// writes C at c + t·cStep (along a row sliver: paStep = 0, cStep = 8·NR; down a column sliver:
// pbStep = 0, cStep = MR·rs). Other arguments as microKernel.
export function microKernelRun(
  count: i32, kc: i32, pa: usize, paStep: usize, ar: usize, ak: usize, pb: usize, pbStep: usize,
  c: usize, cStep: usize, rs: usize, alpha: f64, beta: f64,
): void {
  const packed = ar == 8 && ak == <usize>MR << 3;
  for (let t = 0; t < count; t++) {
    if (packed) {
      if (INLINE_RUNS) tile(kc, pa, 8, <usize>MR << 3, pb, c, rs, alpha, beta, true);
      else packedMicroKernel(kc, pa, pb, c, rs, alpha, beta);
    } else if (INLINE_RUNS && kc <= RUN_INLINE_DEPTH) {
      tile(kc, pa, ar, ak, pb, c, rs, alpha, beta, false);
    } else {
      unpackedMicroKernel(kc, pa, ar, ak, pb, c, rs, alpha, beta);
    }
    pa += paStep;
    pb += pbStep;
    c += cStep;
  }
}

// Packed A (ar = 8, ak = 8·MR, packed = true) gets its own copy of the loop whose loads use
// immediate offsets (an address sum `pa + 8` is a separate add in V8's code, `load(pa, 8)` is not).
// @ts-ignore: decorator
@inline function tile(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64, packed: bool): void {
  if (ASC_FEATURE_SIMD) tile3x6(kc, pa, ar, ak, pb, c, rs, alpha, beta, packed);
  else tile2x4(kc, pa, ar, ak, pb, c, rs, alpha, beta, packed);
}

// alpha·acc (+ beta·C) into one f64x2 of C.
// @ts-ignore: decorator
@inline export function put(p: usize, acc: v128, va: v128, vb: v128, readC: bool): void {
  if (readC) v128.store(p, fma2(vb, v128.load(p), f64x2.mul(va, acc)));
  else v128.store(p, f64x2.mul(va, acc));
}

// @ts-ignore: decorator
@inline function tile3x6(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64, packed: bool): void {
  if (ASC_FEATURE_SIMD) {
    let c00 = f64x2.splat(0), c01 = f64x2.splat(0), c02 = f64x2.splat(0);
    let c10 = f64x2.splat(0), c11 = f64x2.splat(0), c12 = f64x2.splat(0);
    let c20 = f64x2.splat(0), c21 = f64x2.splat(0), c22 = f64x2.splat(0);
    const end = pb + <usize>kc * 48;
    while (pb < end) {
      const b0 = v128.load(pb);
      const b1 = v128.load(pb, 16);
      const b2 = v128.load(pb, 32);
      let t = v128.load64_splat(pa);
      c00 = fma2(t, b0, c00);
      c01 = fma2(t, b1, c01);
      c02 = fma2(t, b2, c02);
      t = packed ? v128.load64_splat(pa, 8) : v128.load64_splat(pa + ar);
      c10 = fma2(t, b0, c10);
      c11 = fma2(t, b1, c11);
      c12 = fma2(t, b2, c12);
      t = packed ? v128.load64_splat(pa, 16) : v128.load64_splat(pa + 2 * ar);
      c20 = fma2(t, b0, c20);
      c21 = fma2(t, b1, c21);
      c22 = fma2(t, b2, c22);
      pa += ak;
      pb += 48;
    }
    if (ASC_FEATURE_RELAXED_SIMD) {
      // One test of beta for the whole tile (V8 keeps a per-store `readC` test otherwise).
      const va = f64x2.splat(alpha);
      const vb = f64x2.splat(beta);
      if (beta != 0) {
        put(c, c00, va, vb, true);
        put(c + 16, c01, va, vb, true);
        put(c + 32, c02, va, vb, true);
        put(c + rs, c10, va, vb, true);
        put(c + rs + 16, c11, va, vb, true);
        put(c + rs + 32, c12, va, vb, true);
        put(c + 2 * rs, c20, va, vb, true);
        put(c + 2 * rs + 16, c21, va, vb, true);
        put(c + 2 * rs + 32, c22, va, vb, true);
      } else {
        put(c, c00, va, vb, false);
        put(c + 16, c01, va, vb, false);
        put(c + 32, c02, va, vb, false);
        put(c + rs, c10, va, vb, false);
        put(c + rs + 16, c11, va, vb, false);
        put(c + rs + 32, c12, va, vb, false);
        put(c + 2 * rs, c20, va, vb, false);
        put(c + 2 * rs + 16, c21, va, vb, false);
        put(c + 2 * rs + 32, c22, va, vb, false);
      }
    } else {
      // SIMD build: the accumulators go out by plain stores only. With any arithmetic on them
      // after the loop (alpha·acc + beta·C), V8 loaded all three A splats of a k-step ahead of its
      // products, and with a register needed for each product that spilled an accumulator (0.40
      // against 0.83 of the peak loop on L1-resident slivers, same rounds). So alpha = 1, beta = 0
      // stores the tile into C, and any other case stores it into a scratch tile that
      // mergeTile3x6 folds into C with the same operations as `put`. (The relaxed build, which
      // needs no product register, keeps `put`: a call in its inlined runs cost 3–5% at k ≤ 20.)
      const direct = alpha == 1 && beta == 0;
      const t = direct ? c : SCRATCH;
      const ts = direct ? rs : 48;
      v128.store(t, c00);
      v128.store(t, c01, 16);
      v128.store(t, c02, 32);
      v128.store(t + ts, c10);
      v128.store(t + ts, c11, 16);
      v128.store(t + ts, c12, 32);
      v128.store(t + 2 * ts, c20);
      v128.store(t + 2 * ts, c21, 16);
      v128.store(t + 2 * ts, c22, 32);
      if (!direct) mergeTile3x6(c, rs, alpha, beta);
    }
  }
}

// The 3×6 scratch tile of tile3x6 (raw accumulators, rows 48 bytes apart).
const SCRATCH = memory.data(144, 16);

// C[0:3, 0:6] = alpha·SCRATCH + beta·C (beta = 0: C is not read), by the operations of `put`.
// Its own function, so that tile3x6's loop is compiled without it.
function mergeTile3x6(c: usize, rs: usize, alpha: f64, beta: f64): void {
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    const vb = f64x2.splat(beta);
    const readC = beta != 0;
    for (let r: usize = 0; r < 3; r++) {
      const src = SCRATCH + r * 48;
      const dst = c + r * rs;
      put(dst, v128.load(src), va, vb, readC);
      put(dst + 16, v128.load(src, 16), va, vb, readC);
      put(dst + 32, v128.load(src, 32), va, vb, readC);
    }
  }
}

// @ts-ignore: decorator
@inline function tile2x4(kc: i32, pa: usize, ar: usize, ak: usize, pb: usize, c: usize, rs: usize, alpha: f64, beta: f64, packed: bool): void {
  let c00: f64 = 0, c01: f64 = 0, c02: f64 = 0, c03: f64 = 0;
  let c10: f64 = 0, c11: f64 = 0, c12: f64 = 0, c13: f64 = 0;
  const end = pb + <usize>kc * 32;
  while (pb < end) {
    const b0 = load<f64>(pb);
    const b1 = load<f64>(pb, 8);
    const b2 = load<f64>(pb, 16);
    const b3 = load<f64>(pb, 24);
    let t = load<f64>(pa);
    c00 += t * b0;
    c01 += t * b1;
    c02 += t * b2;
    c03 += t * b3;
    t = packed ? load<f64>(pa, 8) : load<f64>(pa + ar);
    c10 += t * b0;
    c11 += t * b1;
    c12 += t * b2;
    c13 += t * b3;
    pa += ak;
    pb += 32;
  }
  putRow4(c, c00, c01, c02, c03, alpha, beta);
  putRow4(c + rs, c10, c11, c12, c13, alpha, beta);
}

// @ts-ignore: decorator
@inline function putRow4(c: usize, x0: f64, x1: f64, x2: f64, x3: f64, alpha: f64, beta: f64): void {
  if (beta != 0) {
    store<f64>(c, alpha * x0 + beta * load<f64>(c));
    store<f64>(c, alpha * x1 + beta * load<f64>(c, 8), 8);
    store<f64>(c, alpha * x2 + beta * load<f64>(c, 16), 16);
    store<f64>(c, alpha * x3 + beta * load<f64>(c, 24), 24);
  } else {
    store<f64>(c, alpha * x0);
    store<f64>(c, alpha * x1, 8);
    store<f64>(c, alpha * x2, 16);
    store<f64>(c, alpha * x3, 24);
  }
}
