// Fused residual and gradient of the matrix completion loss f(U, V) = ½‖P_Ω(UVᵀ) − M‖² in one
// pass over the observed entries: with R = P_Ω(UVᵀ) − M (sparse, same pattern), ∇_U f = R·V and
// ∇_V f = Rᵀ·U. Each entry loads its U row and V row once and uses them three times (residual,
// U-gradient, V-gradient), instead of three passes each gathering rows again.
// Layout as the other sparse kernels: U m×r, V n×r, gradU m×r, gradV n×r row-major with row
// stride r (f64), i32 indices. Accumulation like gemm: gradU = α·R·V + β·gradU and gradV =
// α·Rᵀ·U + β·gradV (β = 0 does not read them). res (nnz f64) receives R's values and may alias
// value. Returns Σ_k res[k]² (so f = ½ of it). Duplicate entries act as the sum of their values.
import { rowAxpy, rowDot, scaleBlock } from "./rank";

// COO order.
export function residualGradient(
  res: usize, gradU: usize, gradV: usize, m: i32, n: i32, nnz: i32, r: i32, u: usize, v: usize,
  row: usize, col: usize, value: usize, alpha: f64, beta: f64,
): f64 {
  const stride = <usize>r << 3;
  scaleBlock(gradU, beta, <usize>m * <usize>r);
  scaleBlock(gradV, beta, <usize>n * <usize>r);
  let ss: f64 = 0;
  for (let k = 0; k < nnz; k++) {
    const o = <usize>k << 2;
    const ui = u + <usize>load<i32>(row + o) * stride;
    const vj = v + <usize>load<i32>(col + o) * stride;
    const w = <usize>k << 3;
    const e = rowDot(ui, vj, r) - load<f64>(value + w);
    store<f64>(res + w, e);
    ss += e * e;
    const a = alpha * e;
    rowAxpy(gradU + (ui - u), a, vj, r);
    rowAxpy(gradV + (vj - v), a, ui, r);
  }
  return ss;
}

// CSR order (res and value in CSR order, nnz = rowPtr[m]). The U row and its gradient row stay in
// cache across the entries of a row; the V-gradient rows are scattered.
export function csrResidualGradient(
  res: usize, gradU: usize, gradV: usize, m: i32, n: i32, r: i32, u: usize, v: usize,
  rowPtr: usize, colIdx: usize, value: usize, alpha: f64, beta: f64,
): f64 {
  const stride = <usize>r << 3;
  scaleBlock(gradU, beta, <usize>m * <usize>r);
  scaleBlock(gradV, beta, <usize>n * <usize>r);
  let ss: f64 = 0;
  for (let i = 0; i < m; i++) {
    const ui = u + <usize>i * stride;
    const gi = gradU + <usize>i * stride;
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) {
      const off = <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
      const w = <usize>p << 3;
      const e = rowDot(ui, v + off, r) - load<f64>(value + w);
      store<f64>(res + w, e);
      ss += e * e;
      const a = alpha * e;
      rowAxpy(gi, a, v + off, r);
      rowAxpy(gradV + off, a, ui, r);
    }
  }
  return ss;
}
