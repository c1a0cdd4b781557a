// The data-fit term of the matrix completion objective, reduced in wasm (no residual array).
import { rowDot } from "../sparse/rank";

// csrResidualSumSquares: Σ_{(i,j)∈Ω} (⟨U[i,:], V[j,:]⟩ − y_ij)² over the entries of an m-row CSR
// matrix (rowPtr m+1 i32, colIdx / value rowPtr[m] i32 / f64, columns assumed in range). U (m×r)
// and V (rows = the CSR column count, ×r) are row-major with row stride r. The dot products are
// the sampled product's (sparse/rank.ts, f64x2); each row's squares are summed, then the row
// sums, so rounding grows with the longest row plus m rather than with nnz. 2r + 3 flops per
// entry. Duplicate (i, j) entries each count once, as separate observations.
export function csrResidualSumSquares(
  m: i32, r: i32, u: usize, v: usize, rowPtr: usize, colIdx: usize, value: usize,
): f64 {
  const stride = <usize>r << 3;
  let total: f64 = 0;
  for (let i = 0; i < m; i++) {
    const ui = u + <usize>i * stride;
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    let s: f64 = 0;
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) {
      const j = <usize>load<i32>(colIdx + (<usize>p << 2));
      const e = rowDot(ui, v + j * stride, r) - load<f64>(value + (<usize>p << 3));
      s += e * e;
    }
    total += s;
  }
  return total;
}
