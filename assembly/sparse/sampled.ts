// Sampled products P_Ω(UVᵀ) on the observed entries Ω of an m×n matrix, never forming UVᵀ.
// U is m×r and V is n×r, row-major with row stride r (f64). Index arrays are i32, values f64.
// The dot product over the rank dimension is f64x2 in the SIMD builds (see rank.ts).
import { rowDot } from "./rank";

// out[k] = Σ_l U[row[k], l]·V[col[k], l] for k < nnz (COO order).
// out (nnz f64), U (m·r f64), V (n·r f64), row / col (nnz i32, assumed in range: the wrapper
// validates). Cost 2·nnz·r flops; U and V rows are gathered, index and out streams are linear.
export function sampledProduct(out: usize, nnz: i32, r: i32, u: usize, v: usize, row: usize, col: usize): usize {
  const stride = <usize>r << 3;
  for (let k = 0; k < nnz; k++) {
    const o = <usize>k << 2;
    const i = <usize>load<i32>(row + o);
    const j = <usize>load<i32>(col + o);
    store<f64>(out + (<usize>k << 3), rowDot(u + i * stride, v + j * stride, r));
  }
  return out;
}

// Fused residual: out[k] = (UVᵀ)[row[k], col[k]] − value[k] for k < nnz (COO order). Same layout
// as sampledProduct plus value (nnz f64). out may alias value (each entry is read before written).
export function sampledResidual(
  out: usize, nnz: i32, r: i32, u: usize, v: usize, row: usize, col: usize, value: usize,
): usize {
  const stride = <usize>r << 3;
  for (let k = 0; k < nnz; k++) {
    const o = <usize>k << 2;
    const i = <usize>load<i32>(row + o);
    const j = <usize>load<i32>(col + o);
    const w = <usize>k << 3;
    store<f64>(out + w, rowDot(u + i * stride, v + j * stride, r) - load<f64>(value + w));
  }
  return out;
}

// CSR form: out[p] = Σ_l U[i, l]·V[colIdx[p], l] for rowPtr[i] ≤ p < rowPtr[i+1], i < m, minus
// value[p] when value ≠ 0 (a null pointer means the plain sampled product). out and value have
// rowPtr[m] entries in CSR order. The U row stays in cache across the entries of its row.
export function csrSampledResidual(
  out: usize, m: i32, r: i32, u: usize, v: usize, rowPtr: usize, colIdx: usize, value: usize,
): usize {
  const stride = <usize>r << 3;
  for (let i = 0; i < m; i++) {
    const ui = u + <usize>i * stride;
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) {
      const j = <usize>load<i32>(colIdx + (<usize>p << 2));
      const w = <usize>p << 3;
      let s = rowDot(ui, v + j * stride, r);
      if (value != 0) s -= load<f64>(value + w);
      store<f64>(out + w, s);
    }
  }
  return out;
}
