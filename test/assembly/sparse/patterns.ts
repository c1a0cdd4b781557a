// Sparsity patterns for the sparse kernel specs: the shape grid (ranks around the f64x2 width and
// the 4-wide unroll, small and odd matrix sizes) and index sets from empty to dense, with
// duplicates and with empty rows and columns. Not a spec itself (no .spec.ts suffix).

export const RANKS: i32[] = [1, 2, 3, 4, 5, 8, 9, 17];
export const SIZES: i32[] = [1, 2, 7, 33];
// 0 empty, 1 single entry, 2 a third of the entries at random (duplicates likely),
// 3 dense in row-major order, 4 dense in a scrambled order, 5 twice dense at random (many
// duplicates), 6 only even rows and the first half of the columns (empty rows and columns).
export const MODES: i32 = 7;

export class Pattern {
  constructor(public row: Int32Array, public col: Int32Array) {}
  get nnz(): i32 {
    return this.row.length;
  }
}

function hash(k: i32, salt: i32): u32 {
  let h = <u32>(k * 0x9e3779b1) ^ <u32>(salt * 0x85ebca6b);
  h ^= h >>> 15;
  h *= 0x2c1b3c6d;
  h ^= h >>> 12;
  h *= 0x297a2d39;
  h ^= h >>> 15;
  return h;
}

export function makePattern(m: i32, n: i32, mode: i32): Pattern {
  let nnz = 0;
  if (mode == 1) nnz = 1;
  else if (mode == 2) nnz = (m * n) / 3 + 1;
  else if (mode == 3 || mode == 4) nnz = m * n;
  else if (mode == 5) nnz = 2 * m * n;
  else if (mode == 6) nnz = m * n;
  const row = new Int32Array(nnz);
  const col = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) {
    if (mode == 3) {
      row[k] = k / n;
      col[k] = k % n;
    } else if (mode == 4) {
      // A stride coprime with m·n visits every entry once, out of order.
      const q = <i32>((<i64>k * 7919) % (m * n));
      row[k] = q / n;
      col[k] = q % n;
    } else if (mode == 6) {
      row[k] = 2 * <i32>(hash(k, 3) % <u32>((m + 1) / 2));
      col[k] = <i32>(hash(k, 4) % <u32>max(1, n / 2));
    } else {
      row[k] = <i32>(hash(k, 1 + mode) % <u32>m);
      col[k] = <i32>(hash(k, 11 + mode) % <u32>n);
    }
  }
  return new Pattern(row, col);
}

/** |got − want| ≤ 1e-13·(1 + scale): the sums differ only in association order (and FMA). */
export function close(got: f64, want: f64, scale: f64): bool {
  return Math.abs(got - want) <= 1e-13 * (1 + scale);
}
