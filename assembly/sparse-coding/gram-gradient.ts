// The gradient of ½‖y − Ax‖², g = Gx − b (G = AᵀA, b = Aᵀy), for a block of codes, each row its
// own problem, summed over the nonzeros of x only: g = −b + Σ_{xᵢ≠0} xᵢ·G[i, :] (G symmetric, so
// its row i is its column i). 2K·nnz(x) flops per row against 2K² for the dense product: the
// sparse codes of the lasso make it the cheaper way once a code has fewer than about a quarter of
// its entries nonzero (the f64x2 axpy runs at a fraction of gemm's rate; see bench/sparse-code.mjs).
// Layout: x, grad, b rows×k, row-major, contiguous; gram k×k, row-major, symmetric.
import { vaxpy, vaxpy2 } from "../vector";

// g = Gx − b for one row (k entries at x, grad, b).
// @ts-ignore: decorator
@inline export function gramGradientRow(k: i32, x: usize, grad: usize, b: usize, gram: usize): void {
  for (let i = 0; i < k; i++) store<f64>(grad + (<usize>i << 3), -load<f64>(b + (<usize>i << 3)));
  const rowBytes = <usize>k << 3;
  // Two rows of G per pass over g (vaxpy2): half the loads and stores of g.
  let held = -1;
  for (let i = 0; i < k; i++) {
    const xi = load<f64>(x + (<usize>i << 3));
    if (xi == 0) continue;
    if (held < 0) {
      held = i;
      continue;
    }
    const xh = load<f64>(x + (<usize>held << 3));
    vaxpy2(k, xh, gram + <usize>held * rowBytes, xi, gram + <usize>i * rowBytes, grad);
    held = -1;
  }
  if (held >= 0) vaxpy(k, load<f64>(x + (<usize>held << 3)), gram + <usize>held * rowBytes, grad);
}

export function lassoGramGradient(rows: i32, k: i32, x: usize, grad: usize, b: usize, gram: usize): void {
  const rowBytes = <usize>k << 3;
  for (let r = 0; r < rows; r++) {
    const o = <usize>r * rowBytes;
    gramGradientRow(k, x + o, grad + o, b + o, gram);
  }
}
