// The data-fit term of the matrix completion objective and its gradient, reduced in wasm (no
// residual array).
import { rowAxpy, rowDot } from "../sparse/rank";

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

// csrResidualGradient: the residual's square sum and the gradient in one pass over the entries.
// For each row i < m of a CSR matrix (layout as csrResidualSumSquares), with eₚ = ⟨U[i,:], V[j,:]⟩
// − yₚ for its entries p = (i, j), writes outG[i,:] = Σₚ eₚ·V[j,:] + λ·U[i,:] (outG m×r, row stride
// r, not overlapping U or V) and returns Σₚ eₚ² (summed per row, then over rows). That is ∇_U of
// ½‖P_Ω(UVᵀ − Y)‖² + (λ/2)‖U‖²_F and twice its data term; on the transpose (CSR by columns, U and
// V swapped) it gives ∇_V. Each V[j,:] is gathered once for the dot product and the update (two
// passes, residual then S·V, gather it twice and write and read an nnz residual). 4r + 2 flops
// per entry.
export function csrResidualGradient(
  outG: usize, m: i32, r: i32, u: usize, v: usize, rowPtr: usize, colIdx: usize, value: usize, lambda: f64,
): f64 {
  const stride = <usize>r << 3;
  let total: f64 = 0;
  for (let i = 0; i < m; i++) {
    const ui = u + <usize>i * stride;
    const gi = outG + <usize>i * stride;
    for (let l = 0; l < r; l++) store<f64>(gi + (<usize>l << 3), lambda * load<f64>(ui + (<usize>l << 3)));
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    let s: f64 = 0;
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) {
      const vj = v + <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
      const e = rowDot(ui, vj, r) - load<f64>(value + (<usize>p << 3));
      s += e * e;
      rowAxpy(gi, e, vj, r);
    }
    total += s;
  }
  return total;
}
