// Sparse × dense products with gemm-style accumulation: out = α·S·B + β·out, where S is sparse
// (COO or CSR, f64 values, i32 indices) and B, out are dense row-major with row stride r (f64).
// Conventions as BLAS gemm: β = 0 overwrites out without reading it (NaN there does not survive),
// β = 1 leaves it as is before accumulation; α = 0 skips the sparse product. Duplicate (i, j)
// entries are summed, as in the product of the matrix they stand for. Indices are assumed in
// range (the TypeScript wrappers validate). Cost 2·nnz·r flops plus the β pass.
import { fma2 } from "../simd";
import { gatherFinish2, rowAxpy, scaleBlock } from "./rank";

// Shared COO scatter: out[dst[k], :] += α·value[k]·B[src[k], :] for k < nnz, after out = β·out.
// @ts-ignore: decorator
@inline function cooScatter(
  out: usize, outRows: i32, r: i32, nnz: i32, dst: usize, src: usize, value: usize, b: usize,
  alpha: f64, beta: f64,
): usize {
  scaleBlock(out, beta, <usize>outRows * <usize>r);
  if (alpha == 0) return out;
  const stride = <usize>r << 3;
  for (let k = 0; k < nnz; k++) {
    const o = <usize>k << 2;
    const i = <usize>load<i32>(dst + o);
    const j = <usize>load<i32>(src + o);
    rowAxpy(out + i * stride, alpha * load<f64>(value + (<usize>k << 3)), b + j * stride, r);
  }
  return out;
}

// COO S·V: out (m×r) = α·S·V + β·out with S m×n given by row, col, value (nnz each), V n×r.
// Each entry adds α·s_k·V[col_k, :] into out[row_k, :] (a length-r axpy, f64x2 over r).
export function cooTimesDense(
  out: usize, m: i32, r: i32, nnz: i32, row: usize, col: usize, value: usize, v: usize,
  alpha: f64, beta: f64,
): usize {
  return cooScatter(out, m, r, nnz, row, col, value, v, alpha, beta);
}

// COO Sᵀ·U: out (n×r) = α·Sᵀ·U + β·out with S m×n (row, col, value), U m×r. The same scatter
// with the roles of row and col exchanged: out[col_k, :] += α·s_k·U[row_k, :].
export function cooTransposeTimesDense(
  out: usize, n: i32, r: i32, nnz: i32, row: usize, col: usize, value: usize, u: usize,
  alpha: f64, beta: f64,
): usize {
  return cooScatter(out, n, r, nnz, col, row, value, u, alpha, beta);
}

// CSR S·V: out (m×r) = α·S·V + β·out with S m×n in CSR (rowPtr m+1, colIdx and value
// rowPtr[m]), V n×r. Row-parallel gather: row i of out depends only on row i of S, so rows can
// be split between workers. SIMD builds keep out[i, l..l+8) in four f64x2 registers across the
// row's entries (then blocks of 4, 2, 1 lanes) and write each out entry once as
// α·Σ s_ij·V[j, :] + β·out; the scalar build adds α·s_ij·V[j, :] into the β-scaled out row.
export function csrTimesDense(
  out: usize, m: i32, r: i32, rowPtr: usize, colIdx: usize, value: usize, v: usize,
  alpha: f64, beta: f64,
): usize {
  if (alpha == 0) {
    scaleBlock(out, beta, <usize>m * <usize>r);
    return out;
  }
  if (ASC_FEATURE_SIMD) {
    csrGatherSimd(out, m, r, rowPtr, colIdx, value, v, alpha, beta);
    return out;
  }
  const stride = <usize>r << 3;
  scaleBlock(out, beta, <usize>m * <usize>r);
  for (let i = 0; i < m; i++) {
    const oi = out + <usize>i * stride;
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) {
      const j = <usize>load<i32>(colIdx + (<usize>p << 2));
      rowAxpy(oi, alpha * load<f64>(value + (<usize>p << 3)), v + j * stride, r);
    }
  }
  return out;
}

// CSR Sᵀ·U: out (n×r) = α·Sᵀ·U + β·out with S m×n in CSR, U m×r. Scatter: row i of S adds
// α·s_ij·U[i, :] into out[j, :] for each stored j, so U[i, :] is read once per row while out rows
// are updated at random (not row-parallel). For a row-parallel gather instead, transpose once with
// csrTranspose and call csrTimesDense on Sᵀ.
export function csrTransposeTimesDense(
  out: usize, m: i32, n: i32, r: i32, rowPtr: usize, colIdx: usize, value: usize, u: usize,
  alpha: f64, beta: f64,
): usize {
  const stride = <usize>r << 3;
  scaleBlock(out, beta, <usize>n * <usize>r);
  if (alpha == 0) return out;
  for (let i = 0; i < m; i++) {
    const ui = u + <usize>i * stride;
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let p = load<i32>(rowPtr + (<usize>i << 2)); p < end; p++) {
      const j = <usize>load<i32>(colIdx + (<usize>p << 2));
      rowAxpy(out + j * stride, alpha * load<f64>(value + (<usize>p << 3)), ui, r);
    }
  }
  return out;
}

// The SIMD body of csrTimesDense (α ≠ 0): register accumulation over blocks of lanes.
// @ts-ignore: decorator
@inline function csrGatherSimd(
  out: usize, m: i32, r: i32, rowPtr: usize, colIdx: usize, value: usize, v: usize,
  alpha: f64, beta: f64,
): void {
  const stride = <usize>r << 3;
  for (let i = 0; i < m; i++) {
    const oi = out + <usize>i * stride;
    const p0 = load<i32>(rowPtr + (<usize>i << 2));
    const p1 = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    let l = 0;
    for (; l + 8 <= r; l += 8) {
      const vl = v + (<usize>l << 3);
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let a2 = f64x2.splat(0);
      let a3 = f64x2.splat(0);
      for (let p = p0; p < p1; p++) {
        const vj = vl + <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
        const s = f64x2.splat(load<f64>(value + (<usize>p << 3)));
        a0 = fma2(s, v128.load(vj), a0);
        a1 = fma2(s, v128.load(vj, 16), a1);
        a2 = fma2(s, v128.load(vj, 32), a2);
        a3 = fma2(s, v128.load(vj, 48), a3);
      }
      const o = oi + (<usize>l << 3);
      gatherFinish2(o, a0, alpha, beta);
      gatherFinish2(o + 16, a1, alpha, beta);
      gatherFinish2(o + 32, a2, alpha, beta);
      gatherFinish2(o + 48, a3, alpha, beta);
    }
    if (l + 4 <= r) {
      const vl = v + (<usize>l << 3);
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      for (let p = p0; p < p1; p++) {
        const vj = vl + <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
        const s = f64x2.splat(load<f64>(value + (<usize>p << 3)));
        a0 = fma2(s, v128.load(vj), a0);
        a1 = fma2(s, v128.load(vj, 16), a1);
      }
      const o = oi + (<usize>l << 3);
      gatherFinish2(o, a0, alpha, beta);
      gatherFinish2(o + 16, a1, alpha, beta);
      l += 4;
    }
    if (l + 2 <= r) {
      const vl = v + (<usize>l << 3);
      let a0 = f64x2.splat(0);
      for (let p = p0; p < p1; p++) {
        const vj = vl + <usize>load<i32>(colIdx + (<usize>p << 2)) * stride;
        a0 = fma2(f64x2.splat(load<f64>(value + (<usize>p << 3))), v128.load(vj), a0);
      }
      gatherFinish2(oi + (<usize>l << 3), a0, alpha, beta);
      l += 2;
    }
    if (l < r) {
      const vl = v + (<usize>l << 3);
      let a: f64 = 0;
      for (let p = p0; p < p1; p++) {
        a += load<f64>(value + (<usize>p << 3)) * load<f64>(vl + <usize>load<i32>(colIdx + (<usize>p << 2)) * stride);
      }
      const o = oi + (<usize>l << 3);
      store<f64>(o, beta == 0 ? alpha * a : alpha * a + beta * load<f64>(o));
    }
  }
}
