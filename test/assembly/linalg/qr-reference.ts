// Shared by the QR specs: the tolerances and the plain scalar Householder step the kernels are
// checked against.

// The shape grid for the factorizations: around the f64x2 width and the unrolls, tall, square
// and wide.
export const DIMS: i32[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
export const U: f64 = 1.1102230246251565e-16;

// Backward-stability tolerance 8·(m + n + 1)·u (Higham Thm 19.4 with a modest constant; see
// test/kernels/linalg/qr.test.ts).
export function tol(m: i32, n: i32): f64 {
  return 8.0 * <f64>(m + n + 1) * U;
}

export function frob(a: Float64Array): f64 {
  let s: f64 = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

// Step j of a plain scalar Householder QR (Golub & Van Loan Algorithm 5.1.1 / 5.2.1, no
// scaling) on the column-major m×n array w: the reflector of w(j:m, j), with R's diagonal made
// non-negative, applied to columns j…n−1.
export function referenceHouseholderStep(w: Float64Array, m: i32, n: i32, j: i32): void {
  const v = new Float64Array(m);
  let sigma: f64 = 0;
  for (let i = j + 1; i < m; i++) sigma += w[j * m + i] * w[j * m + i];
  const x1 = w[j * m + j];
  v[j] = 1;
  for (let i = j + 1; i < m; i++) v[i] = w[j * m + i];
  let beta: f64 = 0;
  if (sigma == 0) {
    beta = x1 >= 0 ? 0 : 2;
  } else {
    const mu = Math.sqrt(x1 * x1 + sigma);
    const v1 = x1 <= 0 ? x1 - mu : -sigma / (x1 + mu);
    beta = (2 * v1 * v1) / (sigma + v1 * v1);
    for (let i = j + 1; i < m; i++) v[i] /= v1;
  }
  for (let c = j; c < n; c++) {
    let s: f64 = 0;
    for (let i = j; i < m; i++) s += v[i] * w[c * m + i];
    for (let i = j; i < m; i++) w[c * m + i] -= beta * s * v[i];
  }
}

// ‖A·P − Q·R‖_F for A m×n, thin Q m×k and R in the upper trapezoid of the factored form f (all
// column-major); column c of A·P is column perm[c] of A (perm null: P = I).
export function factorizationResidual(a: Float64Array, q: Float64Array, f: Float64Array, m: i32, n: i32, perm: Int32Array | null): f64 {
  const k = min(m, n);
  let res: f64 = 0;
  for (let c = 0; c < n; c++) {
    const col = perm === null ? c : perm[c];
    for (let i = 0; i < m; i++) {
      let s: f64 = 0;
      for (let l = 0; l <= min(c, k - 1); l++) s += q[l * m + i] * f[c * m + l];
      res += (a[col * m + i] - s) ** 2;
    }
  }
  return Math.sqrt(res);
}

// ‖QᵀQ − I‖_F for the m×k column-major q.
export function orthogonalityError(q: Float64Array, m: i32, k: i32): f64 {
  let orth: f64 = 0;
  for (let c1 = 0; c1 < k; c1++) {
    for (let c2 = 0; c2 < k; c2++) {
      let s: f64 = 0;
      for (let i = 0; i < m; i++) s += q[c1 * m + i] * q[c2 * m + i];
      orth += (s - (c1 == c2 ? 1.0 : 0.0)) ** 2;
    }
  }
  return Math.sqrt(orth);
}
