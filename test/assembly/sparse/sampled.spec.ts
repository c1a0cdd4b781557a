import { csrSampledResidual, sampledProduct, sampledResidual } from "../../../assembly/sparse/sampled";
import { cooToCsr } from "../../../assembly/sparse/convert";
import { fillPattern, ptr } from "../helpers";
import { close, makePattern, MODES, RANKS, SIZES } from "./patterns";

// Plain reference: Σ_l U[i, l]·V[j, l] and the sum of |terms| (the scale of its rounding error).
function entry(u: Float64Array, v: Float64Array, i: i32, j: i32, r: i32): f64 {
  let s: f64 = 0;
  for (let l = 0; l < r; l++) s += u[i * r + l] * v[j * r + l];
  return s;
}
function entryScale(u: Float64Array, v: Float64Array, i: i32, j: i32, r: i32): f64 {
  let s: f64 = 0;
  for (let l = 0; l < r; l++) s += Math.abs(u[i * r + l] * v[j * r + l]);
  return s;
}

describe("sampledProduct / sampledResidual", () => {
  test("match the scalar reference on the grid of ranks, sizes and patterns", () => {
    let cases = 0;
    let bad = 0; // mismatches, counted so a failure reports how many (one expect per test)
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      for (let b = 0; b < SIZES.length; b++) {
        const m = SIZES[b];
        for (let c = 0; c < SIZES.length; c++) {
          const n = SIZES[c];
          const u = fillPattern(m * r, 1 + r);
          const v = fillPattern(n * r, 2 + m);
          for (let mode = 0; mode < MODES; mode++) {
            const pat = makePattern(m, n, mode);
            const nnz = pat.nnz;
            const value = fillPattern(nnz, 5);
            const out = new Float64Array(nnz + 1);
            out[nnz] = 12345; // guard: nothing is written past nnz
            const res = new Float64Array(nnz);
            sampledProduct(ptr(out), nnz, r, ptr(u), ptr(v), ptr(pat.row), ptr(pat.col));
            sampledResidual(ptr(res), nnz, r, ptr(u), ptr(v), ptr(pat.row), ptr(pat.col), ptr(value));
            for (let k = 0; k < nnz; k++) {
              const i = pat.row[k];
              const j = pat.col[k];
              const want = entry(u, v, i, j, r);
              const scale = entryScale(u, v, i, j, r);
              if (!close(out[k], want, scale)) bad++;
              if (!close(res[k], want - value[k], scale + Math.abs(value[k]))) bad++;
            }
            if (out[nnz] != 12345) bad++;
            cases++;
          }
        }
      }
    }
    expect(bad).toBe(0);
    expect(cases).toBe(RANKS.length * SIZES.length * SIZES.length * MODES);
  });

  test("the residual may overwrite the values in place", () => {
    const r = 5;
    const u = fillPattern(7 * r, 1);
    const v = fillPattern(9 * r, 2);
    const pat = makePattern(7, 9, 5);
    const value = fillPattern(pat.nnz, 3);
    const want = new Float64Array(pat.nnz);
    sampledResidual(ptr(want), pat.nnz, r, ptr(u), ptr(v), ptr(pat.row), ptr(pat.col), ptr(value));
    sampledResidual(ptr(value), pat.nnz, r, ptr(u), ptr(v), ptr(pat.row), ptr(pat.col), ptr(value));
    for (let k = 0; k < pat.nnz; k++) expect(value[k]).toBe(want[k]);
  });
});

describe("csrSampledResidual", () => {
  test("equals the COO kernels on the CSR order of the same entries", () => {
    let bad = 0;
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      for (let b = 0; b < SIZES.length; b++) {
        const m = SIZES[b];
        for (let c = 0; c < SIZES.length; c++) {
          const n = SIZES[c];
          const u = fillPattern(m * r, 7 + r);
          const v = fillPattern(n * r, 8 + n);
          for (let mode = 0; mode < MODES; mode++) {
            const pat = makePattern(m, n, mode);
            const nnz = pat.nnz;
            const value = fillPattern(nnz, 9);
            const rowPtr = new Int32Array(m + 1);
            const colIdx = new Int32Array(nnz);
            const csrValue = new Float64Array(nnz);
            const perm = new Int32Array(nnz);
            cooToCsr(ptr(rowPtr), ptr(colIdx), ptr(csrValue), ptr(perm), m, nnz, ptr(pat.row), ptr(pat.col), ptr(value));
            const coo = new Float64Array(nnz);
            const cooRes = new Float64Array(nnz);
            sampledProduct(ptr(coo), nnz, r, ptr(u), ptr(v), ptr(pat.row), ptr(pat.col));
            sampledResidual(ptr(cooRes), nnz, r, ptr(u), ptr(v), ptr(pat.row), ptr(pat.col), ptr(value));
            const csr = new Float64Array(nnz);
            const csrRes = new Float64Array(nnz);
            csrSampledResidual(ptr(csr), m, r, ptr(u), ptr(v), ptr(rowPtr), ptr(colIdx), 0);
            csrSampledResidual(ptr(csrRes), m, r, ptr(u), ptr(v), ptr(rowPtr), ptr(colIdx), ptr(csrValue));
            // Same rowDot on the same rows: bitwise equal after the permutation.
            for (let p = 0; p < nnz; p++) {
              if (csr[p] != coo[perm[p]]) bad++;
              if (csrRes[p] != cooRes[perm[p]]) bad++;
            }
          }
        }
      }
    }
    expect(bad).toBe(0);
  });
});
