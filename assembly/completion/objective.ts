// The data-fit term of the matrix completion objective and its gradient, reduced in wasm (no
// residual array).
import { rowAxpy, rowDot } from "../sparse/rank";
import { fma2 } from "../simd";

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
// per entry. Entries go by fours (rowAxpy4): the four dot products are independent, and the
// gradient row makes one trip through memory per four entries instead of a store-to-load chain
// per entry; the operations and their order are those of one entry at a time, so the results
// are the same to the bit.
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
    let p = load<i32>(rowPtr + (<usize>i << 2));
    for (; p + 4 <= end; p += 4) {
      const v0 = v + <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
      const v1 = v + <usize>load<i32>(colIdx + (<usize>p << 2), 4) * stride;
      const v2 = v + <usize>load<i32>(colIdx + (<usize>p << 2), 8) * stride;
      const v3 = v + <usize>load<i32>(colIdx + (<usize>p << 2), 12) * stride;
      const y = value + (<usize>p << 3);
      const e0 = rowDot(ui, v0, r) - load<f64>(y);
      const e1 = rowDot(ui, v1, r) - load<f64>(y, 8);
      const e2 = rowDot(ui, v2, r) - load<f64>(y, 16);
      const e3 = rowDot(ui, v3, r) - load<f64>(y, 24);
      s += e0 * e0;
      s += e1 * e1;
      s += e2 * e2;
      s += e3 * e3;
      rowAxpy4(gi, e0, v0, e1, v1, e2, v2, e3, v3, r);
    }
    for (; p < end; p++) {
      const vj = v + <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
      const e = rowDot(ui, vj, r) - load<f64>(value + (<usize>p << 3));
      s += e * e;
      rowAxpy(gi, e, vj, r);
    }
    total += s;
  }
  return total;
}

// csrResidualGradients: csrResidualGradient and, in the same pass, the gradient of the other
// factor: besides outG (as there) and the returned Σₚ eₚ², adds eₚ·U[i,:] to outGt[j,:] for every
// entry p = (i, j) (outGt: rows = the CSR column count, ×r, row stride r, not overlapping U, V or
// outG). With outGt set to λ·V first (by the caller, so the row blocks of one pass accumulate into
// it) it ends as ∇_V = P_Ω(UVᵀ − Y)ᵀ·U + λV, computed by rows where csrResidualGradient on the
// transpose needs a second pass that gathers the rows of U. Each column's entries come in
// increasing row order, as that pass takes them, and eₚ is the same (the dot product's products
// commute), so ∇_V is the same to the bit. One more axpy per entry: 6r + 2 flops.
export function csrResidualGradients(
  outG: usize, outGt: usize, m: i32, r: i32, u: usize, v: usize, rowPtr: usize, colIdx: usize, value: usize,
  lambda: f64,
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
      const j = <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
      const e = rowDot(ui, v + j, r) - load<f64>(value + (<usize>p << 3));
      s += e * e;
      rowAxpy(gi, e, v + j, r);
      rowAxpy(outGt + j, e, ui, r);
    }
    total += s;
  }
  return total;
}

// g[l] = (((g[l] + e0·x0[l]) + e1·x1[l]) + e2·x2[l]) + e3·x3[l] for l < r: four rowAxpy in a row
// (the same operations in the same order, fma2 as there) with g held in registers in between.
// @ts-ignore: decorator
@inline function rowAxpy4(
  g: usize, e0: f64, x0: usize, e1: f64, x1: usize, e2: f64, x2: usize, e3: f64, x3: usize, r: i32,
): void {
  let l = 0;
  if (ASC_FEATURE_SIMD) {
    const a0 = f64x2.splat(e0), a1 = f64x2.splat(e1), a2 = f64x2.splat(e2), a3 = f64x2.splat(e3);
    for (; l + 2 <= r; l += 2) {
      const o = <usize>l << 3;
      let t = fma2(a0, v128.load(x0 + o), v128.load(g + o));
      t = fma2(a1, v128.load(x1 + o), t);
      t = fma2(a2, v128.load(x2 + o), t);
      v128.store(g + o, fma2(a3, v128.load(x3 + o), t));
    }
  }
  for (; l < r; l++) {
    const o = <usize>l << 3;
    let t = load<f64>(g + o) + e0 * load<f64>(x0 + o);
    t += e1 * load<f64>(x1 + o);
    t += e2 * load<f64>(x2 + o);
    store<f64>(g + o, t + e3 * load<f64>(x3 + o));
  }
}
