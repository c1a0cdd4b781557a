import { gemm, gemmWorkspaceSize } from "../../../assembly/blas/gemm";
import { syrk, syrkWorkspaceSize } from "../../../assembly/blas/syrk";
import { fillPattern, ptr } from "../helpers";
import { maxScaledDiff } from "./compare";

const EPS: f64 = 2.220446049250313e-16;

// Triple-loop reference for row-major C = alpha·op(A)·op(B) + beta·C (beta = 0: C not read).
// Writes the result into want and Σ|terms| into bound (for the rounding-error bound).
function reference(
  tA: i32, tB: i32, m: i32, n: i32, k: i32, alpha: f64, a: Float64Array, lda: i32,
  b: Float64Array, ldb: i32, beta: f64, c: Float64Array, ldc: i32, want: Float64Array, bound: Float64Array,
): void {
  for (let i = 0; i < want.length; i++) {
    want[i] = c[i];
    bound[i] = 1e-300;
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s: f64 = 0;
      let t: f64 = 0;
      for (let p = 0; p < k; p++) {
        const x = (tA ? a[p * lda + i] : a[i * lda + p]) * (tB ? b[j * ldb + p] : b[p * ldb + j]);
        s += x;
        t += Math.abs(x);
      }
      const cij = beta == 0 ? 0 : beta * c[i * ldc + j];
      want[i * ldc + j] = alpha * s + cij;
      bound[i * ldc + j] = Math.abs(alpha) * t + Math.abs(cij) + 1e-300;
    }
  }
}

// Runs one gemm case with padded leading dimensions and checks every entry of C, including
// the padding columns (which must be left untouched).
function check(tA: i32, tB: i32, m: i32, n: i32, k: i32, alpha: f64, beta: f64, pad: i32): f64 {
  const lda = (tA ? m : k) + pad;
  const ldb = (tB ? k : n) + pad;
  const ldc = n + pad;
  const a = fillPattern(max(1, (tA ? k : m) * lda), m * 7 + k);
  const b = fillPattern(max(1, (tB ? n : k) * ldb), n * 5 + k + 1);
  const c = fillPattern(max(1, m * ldc), 3);
  const want = new Float64Array(c.length);
  const bound = new Float64Array(c.length);
  reference(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, want, bound);
  if (beta == 0) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) c[i * ldc + j] = NaN; // must not be read
  const work = new Float64Array(max(1, gemmWorkspaceSize(m, n, k)));
  gemm(tA, tB, m, n, k, alpha, ptr(a), lda, ptr(b), ldb, beta, ptr(c), ldc, ptr(work));
  // Any summation order: |error| ≤ (k + 2)·eps·Σ|terms|.
  return maxScaledDiff(c, want, bound) / (<f64>(k + 2) * EPS);
}

describe("gemm", () => {
  test("matches the triple loop on all small shapes, all transposes, padded rows", () => {
    const dims: i32[] = [1, 2, 3, 4, 5, 7, 8, 9];
    let worst: f64 = 0;
    for (let t = 0; t < 4; t++) {
      for (let x = 0; x < dims.length; x++) {
        for (let y = 0; y < dims.length; y++) {
          for (let z = 0; z < dims.length; z++) {
            const e = check(t & 1, t >> 1, dims[x], dims[y], dims[z], 1.25, (x + z) % 2 == 0 ? 0 : -0.5, (x + y + z) % 3);
            if (!(e <= worst)) worst = e;
          }
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  test("matches the triple loop on shapes that cross the block sizes", () => {
    const shapes: i32[] = [
      257, 13, 300, 64, 300, 257, 300, 257, 5, 13, 64, 300, 17, 33, 257, 33, 17, 8,
      97, 2401, 3, 1, 300, 257, 300, 1, 64, 5, 8, 513, 37, 20, 1700,
      // (m, n, k): thin op(B) with 1–4 columns past the last whole sliver (the narrow kernel),
      // whole depth; then shallow k with long runs of tiles in both loop orders
      50, 10, 700, 31, 13, 300, 40, 7, 90, 23, 12, 129, 23, 16, 2500,
      200, 160, 8, 130, 700, 3,
    ];
    let worst: f64 = 0;
    for (let s = 0; s < shapes.length; s += 3) {
      for (let t = 0; t < 4; t++) {
        const e = check(t & 1, t >> 1, shapes[s], shapes[s + 1], shapes[s + 2], -0.5, t == 2 ? 0 : 2, s % 2 == 0 ? 0 : 3);
        if (!(e <= worst)) worst = e;
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  test("matches the triple loop with alpha = 1, beta = 0 (the tile stored straight into C), one k-slice and several", () => {
    // (m, n, k): whole tiles and both edges, both loop orders, thin op(B), k past one slice.
    const shapes: i32[] = [7, 13, 9, 50, 10, 700, 64, 300, 257, 300, 257, 5, 130, 700, 3];
    let worst: f64 = 0;
    for (let s = 0; s < shapes.length; s += 3) {
      for (let t = 0; t < 4; t++) {
        const e = check(t & 1, t >> 1, shapes[s], shapes[s + 1], shapes[s + 2], 1, 0, s % 2 == 0 ? 0 : 3);
        if (!(e <= worst)) worst = e;
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  test("alpha = 0 and k = 0 scale C; beta = 0 then zeroes it without reading", () => {
    expect(check(0, 0, 5, 7, 0, 1, 0.5, 1)).toBe(0);
    expect(check(1, 1, 5, 7, 3, 0, -2, 2)).toBe(0);
    expect(check(0, 1, 9, 4, 0, 1, 0, 0)).toBe(0);
    expect(check(1, 0, 3, 3, 4, 0, 0, 1)).toBe(0);
  });

  test("m = 0 or n = 0 touches nothing", () => {
    const c = fillPattern(4, 1);
    const v = c[0];
    gemm(0, 0, 0, 4, 3, 1, ptr(c), 3, ptr(c), 4, 0, ptr(c), 4, ptr(c));
    gemm(0, 0, 4, 0, 3, 1, ptr(c), 3, ptr(c), 1, 0, ptr(c), 1, ptr(c));
    expect(c[0]).toBe(v);
  });
});

describe("syrk", () => {
  test("matches AᵀA / AAᵀ from the triple loop and fills both triangles", () => {
    const shapes: i32[] = [1, 1, 2, 3, 3, 5, 5, 8, 7, 4, 17, 9, 13, 300, 64, 70, 101, 3, 257, 40, 200, 300, 250, 270, 130, 9];
    let worst: f64 = 0;
    let asym: f64 = 0;
    for (let s = 0; s < shapes.length; s += 2) {
      for (let trans = 0; trans < 2; trans++) {
        const n = shapes[s];
        const k = shapes[s + 1];
        const pad = s % 3;
        const lda = (trans ? n : k) + pad;
        const ldc = n + pad;
        const a = fillPattern((trans ? k : n) * lda, s + 11);
        const c = fillPattern(n * ldc, 5);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) c[i * ldc + j] = c[j * ldc + i];
        const want = new Float64Array(c.length);
        const bound = new Float64Array(c.length);
        const beta: f64 = trans ? 0.5 : 0;
        // syrk(T) = gemm(T, N, A, A); syrk(N) = gemm(N, T, A, A)
        reference(trans, 1 - trans, n, n, k, 1.5, a, lda, a, lda, beta, c, ldc, want, bound);
        if (beta == 0) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * ldc + j] = NaN;
        const work = new Float64Array(syrkWorkspaceSize(n, k));
        syrk(trans, n, k, 1.5, ptr(a), lda, beta, ptr(c), ldc, ptr(work));
        const e = maxScaledDiff(c, want, bound) / (<f64>(k + 2) * EPS);
        if (!(e <= worst)) worst = e;
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) asym = max(asym, Math.abs(c[i * ldc + j] - c[j * ldc + i]));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
    expect(asym).toBe(0);
  });
});
