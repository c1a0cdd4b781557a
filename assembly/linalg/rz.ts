// The RZ factorization of an upper trapezoid, [R₁₁ R₁₂] = [T 0]·Z (LAPACK xTZRZF), and Zᵀ
// applied to columns (xORMRZ): with a pivoted QR A·P = Q·R of numerical rank r, it completes the
// orthogonal decomposition A·P ≈ Q·[T 0; 0 0]·Z, from which the least-squares driver (LAPACK
// xGELSY) gets the minimum-norm solution X = P·Zᵀ·[T⁻¹·(QᵀB)(0:r); 0].
//
// Storage: f is the m×n column-major factored form of qrPivotFactor (ld = m); the r×n trapezoid
// is its first r rows. Reflector Z(i) = I − τᵢ·uᵢ·uᵢᵀ acts on coordinates i and r…n−1:
// uᵢ = eᵢ + Σ_{l≥r} zᵢₗ·eₗ, with zᵢₗ stored over R(i, l). Z = Z(0)·Z(1)·…·Z(r−1).
import { vaxpy } from "../vector";
import { householder } from "./householder";

// rzFactor: overwrites the first r rows of f (r ≤ min(m, n)) with T (upper triangular, r×r,
// non-negative diagonal) and the vectors zᵢ (in R(i, r:n)); tauz: r f64. For i = r−1 … 0, the
// reflector of the row [R(i, i), R(i, r:n)] (gathered into work) maps it to [β, 0] with
// β = its norm (Golub & Van Loan, Matrix Computations 4th ed., Algorithm 5.1.1), and is applied
// from the right to rows 0…i−1 (rows below i are already reduced and have zeros in column i):
// row ← row − τ·(row·uᵢ)·uᵢᵀ, done column-wise on the contiguous columns R(0:i, ·).
// 4r²(n − r) flops. work: n + 1 f64.
export function rzFactor(f: usize, m: i32, r: i32, n: i32, tauz: usize, work: usize): void {
  const ld = <usize>m << 3;
  const nt = n - r;
  const row = work;
  const dots = work + (<usize>(nt + 1) << 3);
  for (let i = r - 1; i >= 0; i--) {
    const oi = <usize>i << 3;
    if (nt == 0) {
      store<f64>(tauz + oi, 0);
      continue;
    }
    store<f64>(row, load<f64>(f + <usize>i * ld + oi));
    for (let l = 0; l < nt; l++) store<f64>(row + (<usize>(l + 1) << 3), load<f64>(f + <usize>(r + l) * ld + oi));
    const t = householder(nt + 1, row);
    store<f64>(tauz + oi, t);
    store<f64>(f + <usize>i * ld + oi, load<f64>(row));
    for (let l = 0; l < nt; l++) store<f64>(f + <usize>(r + l) * ld + oi, load<f64>(row + (<usize>(l + 1) << 3)));
    if (t == 0 || i == 0) continue;
    // dots(0:i) = R(0:i, i) + Σₗ zᵢₗ·R(0:i, l): each row's inner product with uᵢ.
    memory.copy(dots, f + <usize>i * ld, oi);
    for (let l = 0; l < nt; l++) {
      vaxpy(i, load<f64>(row + (<usize>(l + 1) << 3)), f + <usize>(r + l) * ld, dots);
    }
    vaxpy(i, -t, dots, f + <usize>i * ld);
    for (let l = 0; l < nt; l++) {
      vaxpy(i, -t * load<f64>(row + (<usize>(l + 1) << 3)), dots, f + <usize>(r + l) * ld);
    }
  }
}

// rzApplyZt: C := Zᵀ·C = Z(r−1)·…·Z(0)·C for the Z of rzFactor(f, m, r, n, tauz, ·); c: n×p
// column-major with column stride ldc ≥ n (elements). Each Z(i) touches rows i and r…n−1 of a
// column: s = τᵢ·(cᵢ + Σₗ zᵢₗ·cₗ), cᵢ −= s, cₗ −= s·zᵢₗ. 4r(n − r)p flops.
export function rzApplyZt(c: usize, ldc: i32, p: i32, f: usize, m: i32, r: i32, n: i32, tauz: usize): void {
  const ld = <usize>m << 3;
  for (let q = 0; q < p; q++) {
    const col = c + ((<usize>q * <usize>ldc) << 3);
    for (let i = 0; i < r; i++) {
      const oi = <usize>i << 3;
      const t = load<f64>(tauz + oi);
      if (t == 0) continue;
      let s = load<f64>(col + oi);
      for (let l = r; l < n; l++) s += load<f64>(f + <usize>l * ld + oi) * load<f64>(col + (<usize>l << 3));
      s *= t;
      store<f64>(col + oi, load<f64>(col + oi) - s);
      for (let l = r; l < n; l++) {
        const ol = <usize>l << 3;
        store<f64>(col + ol, load<f64>(col + ol) - s * load<f64>(f + <usize>l * ld + oi));
      }
    }
  }
}
