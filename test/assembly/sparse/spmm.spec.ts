import {
  cooTimesDense, cooTransposeTimesDense, csrTimesDense, csrTransposeTimesDense,
} from "../../../assembly/sparse/spmm";
import { cooToCsr } from "../../../assembly/sparse/convert";
import { fillPattern, ptr } from "../helpers";
import { close, makePattern, MODES, RANKS, SIZES } from "./patterns";

// (α, β) pairs: plain product, general accumulate, α = 0 (scale only), β = 1 (pure accumulate).
const ALPHAS: f64[] = [1, -0.5, 0, 2];
const BETAS: f64[] = [0, 2, 0.5, 1];

// Reference α·S·B + β·out0 (S given as dst/src/value triplets, rows of out indexed by dst), with
// the sum of |terms| per entry for the tolerance. β = 0 means out0 is not read.
function reference(
  outRows: i32, r: i32, dst: Int32Array, src: Int32Array, value: Float64Array, b: Float64Array,
  alpha: f64, beta: f64, out0: Float64Array, scale: Float64Array,
): Float64Array {
  const want = new Float64Array(outRows * r);
  for (let q = 0; q < outRows * r; q++) {
    want[q] = beta == 0 ? 0 : beta * out0[q];
    scale[q] = Math.abs(want[q]);
  }
  for (let k = 0; k < dst.length; k++) {
    for (let l = 0; l < r; l++) {
      const t = alpha * value[k] * b[src[k] * r + l];
      want[dst[k] * r + l] += t;
      scale[dst[k] * r + l] += Math.abs(t);
    }
  }
  return want;
}

function mismatches(got: Float64Array, want: Float64Array, scale: Float64Array): i32 {
  let bad = 0;
  for (let q = 0; q < want.length; q++) if (!close(got[q], want[q], scale[q])) bad++;
  return bad;
}

// out0 with a NaN where β = 0 must ignore it.
function initialOut(len: i32, beta: f64, salt: i32): Float64Array {
  const out = fillPattern(len, salt);
  if (beta == 0) for (let q = 0; q < len; q++) out[q] = NaN;
  return out;
}

describe("sparse × dense (COO and CSR, S·V and Sᵀ·U)", () => {
  test("match α·S·B + β·out on the grid of ranks, sizes, patterns and (α, β)", () => {
    let bad = 0;
    let cases = 0;
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      for (let b = 0; b < SIZES.length; b++) {
        const m = SIZES[b];
        for (let c = 0; c < SIZES.length; c++) {
          const n = SIZES[c];
          const u = fillPattern(m * r, 21 + r);
          const v = fillPattern(n * r, 22 + n);
          for (let mode = 0; mode < MODES; mode++) {
            const pat = makePattern(m, n, mode);
            const nnz = pat.nnz;
            const value = fillPattern(nnz, 23 + mode);
            const rowPtr = new Int32Array(m + 1);
            const colIdx = new Int32Array(nnz);
            const csrValue = new Float64Array(nnz);
            cooToCsr(ptr(rowPtr), ptr(colIdx), ptr(csrValue), 0, m, nnz, ptr(pat.row), ptr(pat.col), ptr(value));
            const ab = (a + b + c + mode) % ALPHAS.length;
            const alpha = ALPHAS[ab];
            const beta = BETAS[ab];

            // S·V: m×r.
            const sv0 = initialOut(m * r, beta, 31);
            const svScale = new Float64Array(m * r);
            const svWant = reference(m, r, pat.row, pat.col, value, v, alpha, beta, sv0, svScale);
            const svCoo = sv0.slice();
            cooTimesDense(ptr(svCoo), m, r, nnz, ptr(pat.row), ptr(pat.col), ptr(value), ptr(v), alpha, beta);
            bad += mismatches(svCoo, svWant, svScale);
            const svCsr = sv0.slice();
            csrTimesDense(ptr(svCsr), m, r, ptr(rowPtr), ptr(colIdx), ptr(csrValue), ptr(v), alpha, beta);
            bad += mismatches(svCsr, svWant, svScale);

            // Sᵀ·U: n×r.
            const tu0 = initialOut(n * r, beta, 32);
            const tuScale = new Float64Array(n * r);
            const tuWant = reference(n, r, pat.col, pat.row, value, u, alpha, beta, tu0, tuScale);
            const tuCoo = tu0.slice();
            cooTransposeTimesDense(ptr(tuCoo), n, r, nnz, ptr(pat.row), ptr(pat.col), ptr(value), ptr(u), alpha, beta);
            bad += mismatches(tuCoo, tuWant, tuScale);
            const tuCsr = tu0.slice();
            csrTransposeTimesDense(ptr(tuCsr), m, n, r, ptr(rowPtr), ptr(colIdx), ptr(csrValue), ptr(u), alpha, beta);
            bad += mismatches(tuCsr, tuWant, tuScale);
            cases++;
          }
        }
      }
    }
    expect(bad).toBe(0);
    expect(cases).toBe(RANKS.length * SIZES.length * SIZES.length * MODES);
  });

  test("writes nothing outside out", () => {
    const m = 7, n = 5, r = 3;
    const pat = makePattern(m, n, 5);
    const value = fillPattern(pat.nnz, 1);
    const v = fillPattern(n * r, 2);
    const out = new Float64Array(m * r + 2);
    out[m * r] = 99;
    out[m * r + 1] = 98;
    cooTimesDense(ptr(out), m, r, pat.nnz, ptr(pat.row), ptr(pat.col), ptr(value), ptr(v), 1.5, 0);
    expect(out[m * r]).toBe(99);
    expect(out[m * r + 1]).toBe(98);
  });
});
