// The packed layout of symmetric operators: each Aₖ keeps its upper triangle row by row, and an
// argument X is packed (xᵢᵢ, then xᵢⱼ + xⱼᵢ) so that ⟨Aₖ, X⟩ is the dot product of the two.

/** f64 values stored per measurement: the upper triangle n(n + 1)/2 when symmetric, else m·n. */
export function storedWidth(rows: number, cols: number, symmetric: boolean): number {
  return symmetric ? (rows * (rows + 1)) / 2 : rows * cols;
}

/** out ← the upper triangle of the n×n matrix x row by row, off-diagonal entries as xᵢⱼ + xⱼᵢ. */
export function packSymmetric(x: Float64Array, n: number, out: Float64Array): void {
  let p = 0;
  for (let i = 0; i < n; i++) {
    out[p++] = x[i * n + i];
    for (let j = i + 1; j < n; j++) out[p++] = x[i * n + j] + x[j * n + i];
  }
}

/** out (n×n) ← the symmetric matrix whose upper triangle is stored row by row in p from `offset`. */
export function unpackSymmetric(p: Float64Array, offset: number, n: number, out: Float64Array): Float64Array {
  let q = offset;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      out[i * n + j] = p[q];
      out[j * n + i] = p[q++];
    }
  }
  return out;
}
