import { microKernel, microKernelRun, MR, NR } from "./microkernel";
import { narrowKernel, narrowKernel2 } from "./narrow-kernel";

// Cache blocking (Goto/BLIS loop order). A kc×NR sliver of packed B (≤ 16 KB) stays in L1
// while the micro-kernel walks the MC×KC packed block of A (≤ 200 KB, L2); the KC×NC packed
// panel of B (≤ 5 MB) lives in L3. MC and NC are multiples of every build's MR and NR.
const KC: i32 = 256;
const MC: i32 = 96;
const NC: i32 = 2400;

// @ts-ignore: decorator
@inline function roundUp(v: i32, m: i32): i32 {
  return ((v + m - 1) / m) * m;
}

// The most f64 of packed op(B) swept whole for each row sliver of A (384 KB, most of a 512 KB
// L2): the bound for packing a thin op(B) whole and for the rows-outer loop order below.
const L2_PANEL: i32 = 49152;

// Thin op(B) (n ≤ 4·NR): the packed-A pass would cost about as much as the kernel's own reads
// of A, so the micro-kernel reads A in place; and when all of packed op(B) fits in L2 it is
// packed whole (kc = k), so that A streams through once, row by row (at 2000×2000·2000×16,
// 69% of peak against 48% when cut into KC-deep slices, which stride down A's rows).
// @ts-ignore: decorator
@inline function isThin(n: i32): bool {
  return n <= 4 * NR;
}

// The depth of one k-slice.
// @ts-ignore: decorator
@inline function sliceDepth(n: i32, k: i32): i32 {
  return isThin(n) && k * roundUp(n, NR) <= L2_PANEL ? k : min(KC, k);
}

// Number of f64 the `work` argument of gemm must hold for an m×n×k product (packed A block,
// packed B panel and one edge tile, each rounded to 64 bytes).
export function gemmWorkspaceSize(m: i32, n: i32, k: i32): i32 {
  if (m <= 0 || n <= 0 || k <= 0) return 0;
  const kc = sliceDepth(n, k);
  const a = roundUp(roundUp(min(MC, m), MR) * kc, 8);
  const b = roundUp(roundUp(min(NC, n), NR) * kc, 8);
  return a + b + roundUp(MR * NR, 8);
}

// dgemm, row-major: C = alpha·op(A)·op(B) + beta·C, op(A) m×k, op(B) k×n, C m×n.
// A is m×k (transA = 0) or k×m (transA ≠ 0), row stride lda; likewise B is k×n or n×k with
// row stride ldb; C has row stride ldc. work: gemmWorkspaceSize(m, n, k) f64, 64-byte aligned
// for best speed. As BLAS: beta = 0 writes C without reading it (NaN in C is overwritten);
// alpha = 0 or k = 0 only scales C. Algorithm: for each NC-column panel and KC-deep slice,
// op(B) is packed into NR-wide slivers, then for each MC-row block op(A) is packed into
// MR-tall slivers, and the micro-kernel (microkernel.ts) computes each MR×NR tile of C from a
// pair of slivers, a run of whole tiles per call; a last sliver of at most 4 columns takes the
// narrow MR×4 kernel (narrow-kernel.ts), and other partial edge tiles go through a scratch
// tile (a thin op(B) skips packing A: see isThin). The first slice applies beta,
// later slices accumulate. Packing absorbs the transposes, so all four cases run the same
// kernel. Reference: K. Goto, R. van de Geijn, "Anatomy of high-performance matrix
// multiplication", ACM TOMS 34(3), 2008; F. Van Zee, R. van de Geijn, "BLIS", TOMS 41(3), 2015.
export function gemm(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32,
  b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize,
): void {
  gemmDriver(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, work, false);
}

// The gemm loops. With upper = true (syrk) tiles lying wholly below the diagonal are skipped;
// tiles crossing it are computed whole.
export function gemmDriver(
  transA: i32, transB: i32, m: i32, n: i32, k: i32, alpha: f64, a: usize, lda: i32,
  b: usize, ldb: i32, beta: f64, c: usize, ldc: i32, work: usize, upper: bool,
): void {
  if (m <= 0 || n <= 0) return;
  const crs = <usize>ldc << 3;
  if (k <= 0 || alpha == 0) {
    scaleMatrix(m, n, beta, c, crs);
    return;
  }
  const kcMax = sliceDepth(n, k);
  const packA = work;
  const packB = packA + (<usize>roundUp(roundUp(min(MC, m), MR) * kcMax, 8) << 3);
  const tile = packB + (<usize>roundUp(roundUp(min(NC, n), NR) * kcMax, 8) << 3);
  // Thin op(B): A is read in place (a partial last row sliver is still packed, so no read goes
  // past the last row of A).
  const directA = isThin(n);
  const ar: usize = directA ? (transA != 0 ? 8 : <usize>lda << 3) : 8;
  const ak: usize = directA ? (transA != 0 ? <usize>lda << 3 : 8) : <usize>MR << 3;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += kcMax) {
      const kc = min(kcMax, k - pc);
      const betaSlice = pc == 0 ? beta : 1.0;
      if (transB != 0) packBT(kc, nc, b + ((<usize>jc * <usize>ldb + <usize>pc) << 3), <usize>ldb << 3, packB);
      else packBN(kc, nc, b + ((<usize>pc * <usize>ldb + <usize>jc) << 3), <usize>ldb << 3, packB);
      // A packed B panel of at most L2_PANEL is swept row sliver by row sliver, so C is
      // written as MR sequential streams (what matters when k is small: at
      // 2000×20·20×2000 this order ran at 82% of peak, BLIS order at 72%); otherwise BLIS order:
      // each B sliver stays in L1 while the A block streams from L2.
      const rowsOuter = kc * roundUp(nc, NR) <= L2_PANEL;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = min(MC, m - ic);
        if (upper && ic > jc + nc - 1) continue;
        const aBlock = transA != 0
          ? a + ((<usize>pc * <usize>lda + <usize>ic) << 3)
          : a + ((<usize>ic * <usize>lda + <usize>pc) << 3);
        if (!directA) {
          if (transA != 0) packAT(mc, kc, aBlock, <usize>lda << 3, packA);
          else packAN(mc, kc, aBlock, <usize>lda << 3, packA);
        }
        const cBlock = c + <usize>ic * crs + (<usize>jc << 3);
        // Where row sliver ir of this block starts, in packed or unpacked A.
        const arStep: usize = directA ? <usize>MR * ar : <usize>kc * <usize>MR << 3;
        const aStart = directA ? aBlock : packA;
        if (rowsOuter) {
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = min(MR, mc - ir);
            let pa = aStart + <usize>(ir / MR) * arStep;
            let tar = ar;
            let tak = ak;
            if (directA && mr < MR) {
              pa = packEdgeA(transA, mr, kc, aBlock, ir, lda, packA);
              tar = 8;
              tak = <usize>MR << 3;
            }
            // From the first tile on or above the diagonal (syrk): the whole tiles in one run, then the edge.
            let j0 = 0;
            if (upper) while (j0 < nc && ic + ir > jc + j0 + min(NR, nc - j0) - 1) j0 += NR;
            const cRow = cBlock + <usize>ir * crs;
            if (mr == MR) {
              const whole = (nc - j0) / NR;
              microKernelRun(whole, kc, pa, 0, tar, tak, packB + (<usize>j0 * <usize>kc << 3), <usize>kc * NR << 3, cRow + (<usize>j0 << 3), <usize>NR << 3, crs, alpha, betaSlice);
              j0 += whole * NR;
            }
            for (let jr = j0; jr < nc; jr += NR) {
              tileAt(kc, mr, min(NR, nc - jr), pa, tar, tak, packB + (<usize>jr * <usize>kc << 3), cRow + (<usize>jr << 3), crs, alpha, betaSlice, tile);
            }
          }
        } else {
          for (let jr = 0; jr < nc; jr += NR) {
            const nr = min(NR, nc - jr);
            const pb = packB + (<usize>jr * <usize>kc << 3);
            const cCol = cBlock + (<usize>jr << 3);
            // Row slivers down to the block's end or (syrk) the last one touching the diagonal;
            // the whole tiles (when the sliver of B is whole) in one run.
            const rows = upper ? max(0, min(mc, jc + jr + nr - ic)) : mc;
            let ir = 0;
            if (nr == NR && !directA) {
              const whole = min(mc / MR, (rows + MR - 1) / MR);
              microKernelRun(whole, kc, aStart, arStep, ar, ak, pb, 0, cCol, <usize>MR * crs, crs, alpha, betaSlice);
              ir = whole * MR;
            }
            for (; ir < rows; ir += MR) {
              const mr = min(MR, mc - ir);
              let pa = aStart + <usize>(ir / MR) * arStep;
              let tar = ar;
              let tak = ak;
              if (directA && mr < MR) {
                pa = packEdgeA(transA, mr, kc, aBlock, ir, lda, packA);
                tar = 8;
                tak = <usize>MR << 3;
              }
              tileAt(kc, mr, nr, pa, tar, tak, pb, cCol + <usize>ir * crs, crs, alpha, betaSlice, tile);
            }
          }
        }
      }
    }
  }
}

// One MR×NR tile of C: straight into C when whole (or MR×4 / MR×2 with 4 / 2 columns left),
// through the scratch tile at the other edges; an edge of at most 4 columns takes a narrow
// kernel (MR×2 for one or two columns, MR×4 for three or four).
// @ts-ignore: decorator
@inline function tileAt(
  kc: i32, mr: i32, nr: i32, pa: usize, ar: usize, ak: usize, pb: usize, ct: usize, crs: usize,
  alpha: f64, beta: f64, tile: usize,
): void {
  if (mr == MR && nr == NR) {
    microKernel(kc, pa, ar, ak, pb, ct, crs, alpha, beta);
  } else if (NR > 4 && nr <= 2) {
    if (mr == MR && nr == 2) {
      narrowKernel2(kc, pa, ar, ak, pb, ct, crs, alpha, beta);
    } else {
      narrowKernel2(kc, pa, ar, ak, pb, tile, <usize>NR << 3, alpha, 0);
      mergeTile(mr, nr, tile, ct, crs, beta);
    }
  } else if (NR > 4 && nr <= 4) {
    if (mr == MR && nr == 4) {
      narrowKernel(kc, pa, ar, ak, pb, ct, crs, alpha, beta);
    } else {
      narrowKernel(kc, pa, ar, ak, pb, tile, <usize>NR << 3, alpha, 0);
      mergeTile(mr, nr, tile, ct, crs, beta);
    }
  } else {
    microKernel(kc, pa, ar, ak, pb, tile, <usize>NR << 3, alpha, 0);
    mergeTile(mr, nr, tile, ct, crs, beta);
  }
}

// Packs the partial last row sliver (mr < MR rows from row ir of the block) into dst, zero
// padded, so that reading A in place never goes past its last row. Returns dst.
function packEdgeA(transA: i32, mr: i32, kc: i32, aBlock: usize, ir: i32, lda: i32, dst: usize): usize {
  if (transA != 0) packAT(mr, kc, aBlock + (<usize>ir << 3), <usize>lda << 3, dst);
  else packAN(mr, kc, aBlock + <usize>ir * (<usize>lda << 3), <usize>lda << 3, dst);
  return dst;
}

// C ← beta·C; beta = 0 writes zeros without reading C.
function scaleMatrix(m: i32, n: i32, beta: f64, c: usize, crs: usize): void {
  if (beta == 1) return;
  for (let i = 0; i < m; i++) {
    const row = c + <usize>i * crs;
    if (beta == 0) memory.fill(row, 0, <usize>n << 3);
    else for (let j = 0; j < n; j++) store<f64>(row + (<usize>j << 3), beta * load<f64>(row + (<usize>j << 3)));
  }
}

// The valid mr×nr corner of a scratch tile (already scaled by alpha) into C, adding beta·C.
function mergeTile(mr: i32, nr: i32, tile: usize, c: usize, crs: usize, beta: f64): void {
  for (let i = 0; i < mr; i++) {
    const src = tile + (<usize>(i * NR) << 3);
    const dst = c + <usize>i * crs;
    for (let j = 0; j < nr; j++) {
      const o = <usize>j << 3;
      const t = load<f64>(src + o);
      store<f64>(dst + o, beta == 0 ? t : t + beta * load<f64>(dst + o));
    }
  }
}

// Pack an mc×kc block of op(A) = A (row stride rs bytes, a at its top-left) into MR-tall
// slivers: sliver s holds, for p < kc, the MR values A[s·MR + r, p]; rows past mc are zero.
// Whole slivers are written sequentially from MR row streams (MR is 2 or 3 in every build).
function packAN(mc: i32, kc: i32, a: usize, rs: usize, dst: usize): void {
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const rows = min(MR, mc - i0);
    const r0 = a + <usize>i0 * rs;
    if (rows == MR && (MR == 2 || MR == 3)) {
      const r1 = r0 + rs;
      const r2 = r1 + rs;
      let d = dst;
      for (let p = 0; p < kc; p++) {
        const o = <usize>p << 3;
        store<f64>(d, load<f64>(r0 + o));
        store<f64>(d, load<f64>(r1 + o), 8);
        if (MR == 3) store<f64>(d, load<f64>(r2 + o), 16);
        d += <usize>MR << 3;
      }
    } else {
      for (let r = 0; r < MR; r++) {
        let d = dst + (<usize>r << 3);
        const src = r0 + <usize>r * rs;
        for (let p = 0; p < kc; p++) {
          store<f64>(d, r < rows ? load<f64>(src + (<usize>p << 3)) : 0);
          d += <usize>MR << 3;
        }
      }
    }
    dst += <usize>(MR * kc) << 3;
  }
}

// Packing where each k-step's values are contiguous in the source: op(A) = Aᵀ (A stored kc×mc,
// MR-wide slivers) and op(B) = B (kc×nc, NR-wide slivers). Sliver s holds, for p < kc, the w
// values src[p, s·w + j]; entries past `count` are zero. `rs` is the source row stride in bytes.
function packAT(mc: i32, kc: i32, a: usize, rs: usize, dst: usize): void {
  packSlivers(MR, mc, kc, a, rs, dst);
}

function packBN(kc: i32, nc: i32, b: usize, rs: usize, dst: usize): void {
  packSlivers(NR, nc, kc, b, rs, dst);
}

// @ts-ignore: decorator
@inline function packSlivers(w: i32, count: i32, kc: i32, src0: usize, rs: usize, dst: usize): void {
  for (let j0 = 0; j0 < count; j0 += w) {
    const width = min(w, count - j0);
    let d = dst;
    let src = src0 + (<usize>j0 << 3);
    if (width == w) {
      for (let p = 0; p < kc; p++) {
        let j = 0;
        if (ASC_FEATURE_SIMD) {
          for (; j + 2 <= w; j += 2) v128.store(d + (<usize>j << 3), v128.load(src + (<usize>j << 3)));
        }
        for (; j < w; j++) store<f64>(d + (<usize>j << 3), load<f64>(src + (<usize>j << 3)));
        d += <usize>w << 3;
        src += rs;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let j = 0; j < w; j++) store<f64>(d + (<usize>j << 3), j < width ? load<f64>(src + (<usize>j << 3)) : 0);
        d += <usize>w << 3;
        src += rs;
      }
    }
    dst = d;
  }
}

// As packBN for op(B) = Bᵀ: B is stored nc×kc here (b at row jc, column pc).
function packBT(kc: i32, nc: i32, b: usize, rs: usize, dst: usize): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const cols = min(NR, nc - j0);
    for (let j = 0; j < NR; j++) {
      let d = dst + (<usize>j << 3);
      if (j < cols) {
        const src = b + <usize>(j0 + j) * rs;
        for (let p = 0; p < kc; p++) {
          store<f64>(d, load<f64>(src + (<usize>p << 3)));
          d += <usize>NR << 3;
        }
      } else {
        for (let p = 0; p < kc; p++) {
          store<f64>(d, 0);
          d += <usize>NR << 3;
        }
      }
    }
    dst += <usize>(NR * kc) << 3;
  }
}
