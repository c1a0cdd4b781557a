// Checks the relaxed-SIMD build's BLAS kernels (its own 3×6 gemm micro-kernel and fused
// paths) against plain JS references. Run by relaxed.test.ts in a child Node started with
// --experimental-wasm-relaxed-simd, since Node 20 does not validate that build by default.
// Prints one JSON line { worst, failures } where worst is the largest error in units of the
// error bound (≤ 1 passes).
import { readFileSync } from "node:fs";

const bytes = readFileSync(new URL("../../../build/benign.relaxed.wasm", import.meta.url));
const k = (await WebAssembly.instantiate(bytes, {})).instance.exports;
k.memory.grow(200);
let top = (k.heapBase() + 63) & ~63;
const alloc = (n) => {
  const p = top;
  top += Math.max(64, Math.ceil((n * 8) / 64) * 64);
  return p;
};
const view = (p, n) => new Float64Array(k.memory.buffer, p, n);
const EPS = 2 ** -52;
let seed = 12345;
const rand = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 31 - 1;
};
const fill = (p, n) => {
  const v = view(p, n);
  for (let i = 0; i < n; i++) v[i] = rand();
  return v;
};
let worst = 0;
const failures = [];
const note = (name, err) => {
  if (!(err <= worst)) worst = err;
  if (!(err <= 1)) failures.push(`${name}: ${err}`);
};

// gemm, all transposes, padded leading dimensions, beta = 0 over NaN and beta ≠ 0.
const shapes = [[1, 1, 1], [2, 3, 4], [5, 7, 3], [4, 6, 9], [3, 13, 8], [17, 33, 5], [97, 9, 300], [13, 2401, 3], [100, 50, 513], [37, 20, 1700], [7, 11, 0]];
for (const [m, n, kk] of shapes) {
  for (let t = 0; t < 4; t++) {
    const tA = t & 1, tB = t >> 1, pad = t;
    const lda = (tA ? m : kk) + pad, ldb = (tB ? kk : n) + pad, ldc = n + pad;
    const top0 = top;
    const a = alloc((tA ? kk : m) * lda), b = alloc((tB ? n : kk) * ldb), c = alloc(m * ldc), w = alloc(k.gemmWorkspaceSize(m, n, kk));
    const A = fill(a, (tA ? kk : m) * lda), B = fill(b, (tB ? n : kk) * ldb), C = fill(c, m * ldc);
    const beta = t === 1 ? 0 : 0.5;
    const C0 = C.slice();
    if (beta === 0) C.fill(NaN);
    k.gemm(tA, tB, m, n, kk, -1.5, a, lda, b, ldb, beta, c, ldc, w);
    const R = view(c, m * ldc);
    let err = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < ldc; j++) {
        if (j >= n) {
          if (!Object.is(R[i * ldc + j], beta === 0 ? NaN : C0[i * ldc + j])) err = Infinity; // padding untouched
          continue;
        }
        let s = 0, abs = 0;
        for (let p = 0; p < kk; p++) {
          const x = (tA ? A[p * lda + i] : A[i * lda + p]) * (tB ? B[j * ldb + p] : B[p * ldb + j]);
          s += x;
          abs += Math.abs(x);
        }
        const cij = beta === 0 ? 0 : beta * C0[i * ldc + j];
        const want = -1.5 * s + cij;
        const bound = (kk + 3) * EPS * (1.5 * abs + Math.abs(cij)) + 1e-300;
        err = Math.max(err, Math.abs(R[i * ldc + j] - want) / bound);
        if (Number.isNaN(R[i * ldc + j])) err = Infinity;
      }
    }
    note(`gemm ${m}×${n}×${kk} t${t}`, err);
    top = top0;
  }
}

// syrk (AᵀA and AAᵀ), exact symmetry.
for (const [n, kk] of [[1, 1], [5, 8], [17, 9], [13, 300], [70, 101], [40, 257]]) {
  for (const trans of [0, 1]) {
    const top0 = top;
    const lda = trans ? n : kk;
    const a = alloc((trans ? kk : n) * lda), c = alloc(n * n), w = alloc(k.syrkWorkspaceSize(n, kk));
    const A = fill(a, (trans ? kk : n) * lda);
    view(c, n * n).fill(NaN);
    k.syrk(trans, n, kk, 2, a, lda, 0, c, n, w);
    const R = view(c, n * n);
    let err = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0, abs = 0;
        for (let p = 0; p < kk; p++) {
          const x = trans ? A[p * lda + i] * A[p * lda + j] : A[i * lda + p] * A[j * lda + p];
          s += x;
          abs += Math.abs(x);
        }
        err = Math.max(err, Math.abs(R[i * n + j] - 2 * s) / ((kk + 3) * EPS * 2 * abs + 1e-300));
        if (R[i * n + j] !== R[j * n + i]) err = Infinity;
      }
    }
    note(`syrk ${n}×${kk} trans ${trans}`, err);
    top = top0;
  }
}

// gemv (both orientations) and axpy, the other fused paths.
for (const [m, n] of [[1, 1], [3, 5], [8, 9], [33, 17], [64, 7]]) {
  for (const trans of [0, 1]) {
    const top0 = top;
    const lenx = trans ? m : n, leny = trans ? n : m;
    const a = alloc(m * n), x = alloc(lenx), y = alloc(leny);
    const A = fill(a, m * n), X = fill(x, lenx), Y = fill(y, leny);
    const Y0 = Y.slice();
    k.gemv(trans, m, n, 0.75, a, n, x, 1, -1, y, 1);
    const R = view(y, leny);
    let err = 0;
    for (let i = 0; i < leny; i++) {
      let s = 0, abs = 0;
      for (let j = 0; j < lenx; j++) {
        const v = (trans ? A[j * n + i] : A[i * n + j]) * X[j];
        s += v;
        abs += Math.abs(v);
      }
      err = Math.max(err, Math.abs(R[i] - (0.75 * s - Y0[i])) / ((lenx + 3) * EPS * (0.75 * abs + Math.abs(Y0[i])) + 1e-300));
    }
    note(`gemv ${m}×${n} trans ${trans}`, err);
    top = top0;
  }
}
{
  const n = 37;
  const x = alloc(n), y = alloc(n);
  const X = fill(x, n), Y = fill(y, n);
  const Y0 = Y.slice();
  k.axpy(n, 3, x, 1, y, 1);
  const R = view(y, n);
  let err = 0;
  for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(R[i] - (3 * X[i] + Y0[i])) / (2 * EPS * (3 * Math.abs(X[i]) + Math.abs(Y0[i])) + 1e-300));
  note("axpy", err);
}
console.log(JSON.stringify({ worst, failures }));
