// The augmented Gram matrix of one row's observed entries, for the ALS kernels in als.ts.
// Internal: never re-exported from index.ts (nothing here becomes a wasm export).
//
// For the entries p of one CSR row (column j = colIdx[p], value y = values[p]) the rows
// xₚ = [Vⱼ, y, 0…] (length ld: the r factor entries, the observed value, zero padding up to a
// multiple of 4) are gathered ("packed") into a contiguous chunk, and the lower triangle of
// G' = Σₚ xₚxₚᵀ is accumulated. Its leading r×r block is G = Σⱼ VⱼVⱼᵀ, its row r holds
// b = Σⱼ yⱼVⱼ (columns 0..r−1) and Σⱼ yⱼ² (column r): one pass gives both sides of the normal
// equations. Packing makes the padding zeros free (no tails in the SIMD loops) and keeps the
// inner loop on one linear stream instead of an index load and a gather per tile.
import { fma2 } from "../simd";

/** Row stride of the packed rows and of G': r + 1 rounded up to a multiple of 4. */
// @ts-ignore: decorator
@inline export function gramStride(r: i32): i32 {
  return (r + 4) & ~3;
}

/** Entries packed per chunk: about 24 KiB of packed rows (L1-resident), between 8 and 256. */
// @ts-ignore: decorator
@inline export function chunkEntries(ld: i32): i32 {
  return min(256, max(8, 3072 / ld));
}

// Gathers entries p0 ≤ p < p0 + count into pack (row stride ld): pack[q, 0..r) = V[colIdx[p], :],
// pack[q, r] = values[p]. The padding columns r+1..ld are zeroed once per call by the caller.
// @ts-ignore: decorator
@inline function packRows(
  pack: usize, ld: i32, r: i32, p0: i32, count: i32, colIdx: usize, values: usize, v: usize, ldv: i32,
): void {
  const step = <usize>ld << 3;
  const vstride = <usize>ldv << 3;
  let dst = pack;
  for (let q = 0; q < count; q++) {
    const p = p0 + q;
    const src = v + <usize>load<i32>(colIdx + (<usize>p << 2)) * vstride;
    let l = 0;
    if (ASC_FEATURE_SIMD) {
      for (; l + 4 <= r; l += 4) {
        const o = <usize>l << 3;
        v128.store(dst + o, v128.load(src + o));
        v128.store(dst + o, v128.load(src + o, 16), 16);
      }
      if (l + 2 <= r) {
        const o = <usize>l << 3;
        v128.store(dst + o, v128.load(src + o));
        l += 2;
      }
    }
    for (; l < r; l++) {
      const o = <usize>l << 3;
      store<f64>(dst + o, load<f64>(src + o));
    }
    store<f64>(dst + (<usize>r << 3), load<f64>(values + (<usize>p << 3)));
    dst += step;
  }
}

// One tile of G' (rows a0..a0+rows−1, rows ≤ 4, columns c0..c0+3) over count packed rows: up to
// eight f64x2 accumulators, each packed row gives the loads of columns c0.. and one splat-load
// per tile row, and two multiply-adds per tile row. `first` starts from zero instead of the
// stored tile. On the diagonal (`diag`, c0 = a0) rows a0 and a0+1 skip columns c0+2, c0+3 (above
// the diagonal), and the last block of rows stops at row r (`rows` = r + 1 − a0 there), so at
// r = 10 an entry costs 36 multiply-adds instead of the 48 of six full 4×4 tiles. `rows` and
// `diag` are constants at every call (gramBlockRow), so the unused accumulators compile away;
// entries of a skipped accumulator are left as they were (callers read only the lower triangle
// of rows 0..r).
// @ts-ignore: decorator
@inline function gramTile(
  g: usize, ld: i32, pack: usize, count: i32, a0: i32, c0: i32, first: bool, rows: i32, diag: bool,
): void {
  const gs = <usize>ld << 3;
  const t = g + <usize>a0 * gs + (<usize>c0 << 3);
  const right0 = !diag; // rows a0, a0+1 use columns c0+2, c0+3
  const right = right0 || rows > 2; // some row uses them
  let g00 = f64x2.splat(0), g01 = f64x2.splat(0);
  let g10 = f64x2.splat(0), g11 = f64x2.splat(0);
  let g20 = f64x2.splat(0), g21 = f64x2.splat(0);
  let g30 = f64x2.splat(0), g31 = f64x2.splat(0);
  if (!first) {
    g00 = v128.load(t);
    if (right0) g01 = v128.load(t, 16);
    if (rows > 1) g10 = v128.load(t + gs);
    if (rows > 1 && right0) g11 = v128.load(t + gs, 16);
    if (rows > 2) { g20 = v128.load(t + 2 * gs); g21 = v128.load(t + 2 * gs, 16); }
    if (rows > 3) { g30 = v128.load(t + 3 * gs); g31 = v128.load(t + 3 * gs, 16); }
  }
  let pa = pack + (<usize>a0 << 3);
  let pc = pack + (<usize>c0 << 3);
  for (let q = 0; q < count; q++) {
    const x0 = v128.load(pc);
    const x1 = right ? v128.load(pc, 16) : x0;
    const s0 = v128.load64_splat(pa);
    g00 = fma2(s0, x0, g00);
    if (right0) g01 = fma2(s0, x1, g01);
    if (rows > 1) {
      const s1 = v128.load64_splat(pa, 8);
      g10 = fma2(s1, x0, g10);
      if (right0) g11 = fma2(s1, x1, g11);
    }
    if (rows > 2) {
      const s2 = v128.load64_splat(pa, 16);
      g20 = fma2(s2, x0, g20);
      g21 = fma2(s2, x1, g21);
    }
    if (rows > 3) {
      const s3 = v128.load64_splat(pa, 24);
      g30 = fma2(s3, x0, g30);
      g31 = fma2(s3, x1, g31);
    }
    pa += gs;
    pc += gs;
  }
  v128.store(t, g00);
  if (right0) v128.store(t, g01, 16);
  if (rows > 1) v128.store(t + gs, g10);
  if (rows > 1 && right0) v128.store(t + gs, g11, 16);
  if (rows > 2) { v128.store(t + 2 * gs, g20); v128.store(t + 2 * gs, g21, 16); }
  if (rows > 3) { v128.store(t + 3 * gs, g30); v128.store(t + 3 * gs, g31, 16); }
}

// The tiles of G' in rows a0..a0+rows−1 on or below the diagonal (columns 0..a0+3), `rows` a
// constant (see gramTile).
// @ts-ignore: decorator
@inline function gramBlockRow(g: usize, ld: i32, pack: usize, count: i32, a0: i32, first: bool, rows: i32): void {
  for (let c0 = 0; c0 < a0; c0 += 4) gramTile(g, ld, pack, count, a0, c0, first, rows, false);
  gramTile(g, ld, pack, count, a0, a0, first, rows, true);
}

// Accumulates the lower triangle of G' (ld×ld at g, row stride ld; r + 1 ≤ ld, ld a multiple of
// 4) for the entries p0 ≤ p < p1 (p1 > p0) of one row. pack: chunk·ld f64 whose padding
// columns r+1..ld are zero. SIMD builds fill the 4×4 tiles on or below the diagonal, without the
// rows past r and the 2×2 corners above the diagonal (a few entries above it are written); the
// scalar build does rank-one updates of the lower triangle of rows 0..r. Only the lower triangle (with the diagonal) of rows 0..r is
// meaningful to callers. Flops: (r+1)(r+2) per entry (the lower triangle of G', b and Σy²).
export function gramRow(
  g: usize, pack: usize, ld: i32, chunk: i32, r: i32, p0: i32, p1: i32,
  colIdx: usize, values: usize, v: usize, ldv: i32,
): void {
  const gs = <usize>ld << 3;
  if (!ASC_FEATURE_SIMD) memory.fill(g, 0, <usize>ld * gs);
  for (let p = p0; p < p1; p += chunk) {
    const count = min(chunk, p1 - p);
    packRows(pack, ld, r, p, count, colIdx, values, v, ldv);
    if (ASC_FEATURE_SIMD) {
      const first = p == p0;
      // Full blocks of four rows, then the last one (1–4 rows: up to row r).
      const last = r & ~3;
      for (let a0 = 0; a0 < last; a0 += 4) gramBlockRow(g, ld, pack, count, a0, first, 4);
      const rows = r + 1 - last;
      if (rows == 1) gramBlockRow(g, ld, pack, count, last, first, 1);
      else if (rows == 2) gramBlockRow(g, ld, pack, count, last, first, 2);
      else if (rows == 3) gramBlockRow(g, ld, pack, count, last, first, 3);
      else gramBlockRow(g, ld, pack, count, last, first, 4);
    } else {
      let x = pack;
      for (let q = 0; q < count; q++) {
        for (let a = 0; a <= r; a++) {
          const xa = load<f64>(x + (<usize>a << 3));
          const ga = g + <usize>a * gs;
          for (let c = 0; c <= a; c++) {
            const o = <usize>c << 3;
            store<f64>(ga + o, load<f64>(ga + o) + xa * load<f64>(x + o));
          }
        }
        x += gs;
      }
    }
  }
}
