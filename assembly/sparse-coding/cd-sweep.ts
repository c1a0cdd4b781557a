// One sweep of cyclic coordinate descent on the lasso min ½‖y − Ax‖² + λ‖x‖₁ (or its
// nonnegative variant) for a block of codes, each row its own problem, from the Gram matrix
// G = AᵀA and b = Aᵀy only ("covariance updates": Friedman, Hastie & Tibshirani, "Regularization
// paths for generalized linear models via coordinate descent", J. Stat. Softw. 2010, §2.2).
// Per row: first g = Gx − b afresh from the nonzeros of x (so rounding cannot build up from sweep
// to sweep), then for i = 0, …, k−1 the exact minimization over xᵢ:
//   xᵢ⁺ = sign(zᵢ)·max(|zᵢ| − λ/Gᵢᵢ, 0)   (nonnegative: max(zᵢ − λ/Gᵢᵢ, 0)),  zᵢ = xᵢ − gᵢ/Gᵢᵢ,
// and where xᵢ moves by δ, g += δ·G[i, :], so that g stays the gradient at the current x.
// Leaves x and g = Gx − b (updated) for lassoRowStats; step gets ‖x⁺ − x‖² per row.
// Layout: x, grad, b rows×k, row-major, contiguous; gram k×k, row-major, symmetric, with a
// positive diagonal (nonzero atoms); step: one f64 per row.
import { vaxpy } from "../vector";
import { soft1 } from "../prox/soft";
import { gramGradientRow } from "./gram-gradient";

export function lassoCdSweep(
  rows: i32, k: i32, x: usize, grad: usize, b: usize, gram: usize, lambda: f64, nonnegative: i32, step: usize,
): void {
  const rowBytes = <usize>k << 3;
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * rowBytes;
    const xr = x + base;
    const gr = grad + base;
    const br = b + base;
    gramGradientRow(k, xr, gr, br, gram);
    let s2: f64 = 0;
    for (let i = 0; i < k; i++) {
      const o = <usize>i << 3;
      const d = load<f64>(gram + <usize>i * rowBytes + o);
      const xi = load<f64>(xr + o);
      const z = xi - load<f64>(gr + o) / d;
      const t = lambda / d;
      let xn: f64;
      if (nonnegative != 0) {
        const a = z - t;
        xn = a > 0 ? a : 0;
      } else {
        xn = soft1(z, t);
      }
      const delta = xn - xi;
      if (delta != 0) {
        store<f64>(xr + o, xn);
        vaxpy(k, delta, gram + <usize>i * rowBytes, gr);
        s2 += delta * delta;
      }
    }
    store<f64>(step + (<usize>r << 3), s2);
  }
}
