// The gradient of ½‖y − Ax‖², g = Gx − b (G = AᵀA, b = Aᵀy), for a block of codes, each row its
// own problem, summed over the nonzeros of x only: g = −b + Σ_{xᵢ≠0} xᵢ·G[i, :] (G symmetric, so
// its row i is its column i). 2K·nnz(x) flops per row against 2K² for the dense product: the
// sparse codes of the lasso make it the cheaper way once a code has fewer than about a quarter of
// its entries nonzero (the f64x2 axpy runs at a fraction of gemm's rate; see bench/sparse-code.mjs).
// Layout: x, grad, b rows×k, row-major, contiguous; gram k×k, row-major, symmetric.
import { vaxpy, vaxpy2, vaxpy4 } from "../vector";

// g = Gx − b for one row (k entries at x, grad, b). The rows of G are added in the order of i,
// four per pass over g (vaxpy4, then vaxpy2 / vaxpy for the last ones): a quarter of the loads and
// stores of g, and the same sums bit for bit as adding them one or two at a time. The scan for
// nonzeros builds a bit mask per 64 entries (one vector compare per pair) and visits its set bits,
// with no branch per entry.
// @ts-ignore: decorator
@inline export function gramGradientRow(k: i32, x: usize, grad: usize, b: usize, gram: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= k; i += 2) {
      const o = <usize>i << 3;
      v128.store(grad + o, f64x2.neg(v128.load(b + o)));
    }
  }
  for (; i < k; i++) store<f64>(grad + (<usize>i << 3), -load<f64>(b + (<usize>i << 3)));
  const rowBytes = <usize>k << 3;
  // Up to three nonzeros wait for a fourth: h0, h1, h2 (pending of them).
  let pending = 0;
  let h0 = 0, h1 = 0, h2 = 0;
  // The nonzeros of each chunk of 64 entries as the set bits of a mask, visited lowest first.
  for (let c = 0; c < k; c += 64) {
    const end = min<i32>(c + 64, k);
    let mask: u64 = 0;
    i = c;
    if (ASC_FEATURE_SIMD) {
      for (; i + 2 <= end; i += 2) {
        const nz = f64x2.ne(v128.load(x + (<usize>i << 3)), f64x2.splat(0));
        mask |= <u64>i64x2.bitmask(nz) << <u64>(i - c);
      }
    }
    for (; i < end; i++) if (load<f64>(x + (<usize>i << 3)) != 0) mask |= <u64>1 << <u64>(i - c);
    while (mask != 0) {
      const j = c + <i32>ctz<u64>(mask);
      mask &= mask - 1;
      if (pending == 3) {
        vaxpy4(
          k, load<f64>(x + (<usize>h0 << 3)), gram + <usize>h0 * rowBytes, load<f64>(x + (<usize>h1 << 3)), gram + <usize>h1 * rowBytes,
          load<f64>(x + (<usize>h2 << 3)), gram + <usize>h2 * rowBytes, load<f64>(x + (<usize>j << 3)), gram + <usize>j * rowBytes, grad,
        );
        pending = 0;
        continue;
      }
      if (pending == 0) h0 = j;
      else if (pending == 1) h1 = j;
      else h2 = j;
      pending++;
    }
  }
  if (pending >= 2) {
    vaxpy2(k, load<f64>(x + (<usize>h0 << 3)), gram + <usize>h0 * rowBytes, load<f64>(x + (<usize>h1 << 3)), gram + <usize>h1 * rowBytes, grad);
    if (pending == 3) vaxpy(k, load<f64>(x + (<usize>h2 << 3)), gram + <usize>h2 * rowBytes, grad);
  } else if (pending == 1) vaxpy(k, load<f64>(x + (<usize>h0 << 3)), gram + <usize>h0 * rowBytes, grad);
}

export function lassoGramGradient(rows: i32, k: i32, x: usize, grad: usize, b: usize, gram: usize): void {
  const rowBytes = <usize>k << 3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes;
    gramGradientRow(k, x + o, grad + o, b + o, gram);
  }
}
