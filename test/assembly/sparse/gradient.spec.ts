import { csrResidualGradient, residualGradient } from "../../../assembly/sparse/gradient";
import { cooToCsr } from "../../../assembly/sparse/convert";
import { fillPattern, ptr } from "../helpers";
import { close, makePattern, MODES, RANKS, SIZES } from "./patterns";

const ALPHAS: f64[] = [1, -0.5, 0, 2];
const BETAS: f64[] = [0, 2, 0.5, 1];

function mismatches(got: Float64Array, want: Float64Array, scale: Float64Array): i32 {
  let bad = 0;
  for (let q = 0; q < want.length; q++) if (!close(got[q], want[q], scale[q])) bad++;
  return bad;
}

describe("residualGradient / csrResidualGradient", () => {
  test("equal the residual, α·R·V + β·gU, α·Rᵀ·U + β·gV and Σ res² of plain loops on the grid", () => {
    let bad = 0;
    for (let a = 0; a < RANKS.length; a++) {
      const r = RANKS[a];
      for (let b = 0; b < SIZES.length; b++) {
        const m = SIZES[b];
        for (let c = 0; c < SIZES.length; c++) {
          const n = SIZES[c];
          const u = fillPattern(m * r, 41 + r);
          const v = fillPattern(n * r, 42 + n);
          for (let mode = 0; mode < MODES; mode++) {
            const pat = makePattern(m, n, mode);
            const nnz = pat.nnz;
            const value = fillPattern(nnz, 43 + mode);
            const ab = (a + b + c + mode) % ALPHAS.length;
            const alpha = ALPHAS[ab];
            const beta = BETAS[ab];
            const gu0 = fillPattern(m * r, 44);
            const gv0 = fillPattern(n * r, 45);
            if (beta == 0) {
              gu0.fill(NaN); // β = 0 must not read the gradients
              gv0.fill(NaN);
            }
            // Reference: plain loops, term magnitudes summed for the tolerance.
            const res = new Float64Array(nnz);
            const resScale = new Float64Array(nnz);
            let ss: f64 = 0;
            for (let k = 0; k < nnz; k++) {
              let s: f64 = 0;
              let t: f64 = Math.abs(value[k]);
              for (let l = 0; l < r; l++) {
                s += u[pat.row[k] * r + l] * v[pat.col[k] * r + l];
                t += Math.abs(u[pat.row[k] * r + l] * v[pat.col[k] * r + l]);
              }
              res[k] = s - value[k];
              resScale[k] = t;
              ss += res[k] * res[k];
            }
            const gu = new Float64Array(m * r);
            const guScale = new Float64Array(m * r);
            const gv = new Float64Array(n * r);
            const gvScale = new Float64Array(n * r);
            for (let q = 0; q < m * r; q++) {
              gu[q] = beta == 0 ? 0 : beta * gu0[q];
              guScale[q] = Math.abs(gu[q]);
            }
            for (let q = 0; q < n * r; q++) {
              gv[q] = beta == 0 ? 0 : beta * gv0[q];
              gvScale[q] = Math.abs(gv[q]);
            }
            for (let k = 0; k < nnz; k++) {
              for (let l = 0; l < r; l++) {
                const tu = alpha * res[k] * v[pat.col[k] * r + l];
                const tv = alpha * res[k] * u[pat.row[k] * r + l];
                gu[pat.row[k] * r + l] += tu;
                guScale[pat.row[k] * r + l] += Math.abs(alpha) * resScale[k] * Math.abs(v[pat.col[k] * r + l]);
                gv[pat.col[k] * r + l] += tv;
                gvScale[pat.col[k] * r + l] += Math.abs(alpha) * resScale[k] * Math.abs(u[pat.row[k] * r + l]);
              }
            }
            // COO.
            const gotRes = new Float64Array(nnz);
            const gotU = gu0.slice();
            const gotV = gv0.slice();
            const gotSs = residualGradient(ptr(gotRes), ptr(gotU), ptr(gotV), m, n, nnz, r, ptr(u), ptr(v),
              ptr(pat.row), ptr(pat.col), ptr(value), alpha, beta);
            bad += mismatches(gotRes, res, resScale) + mismatches(gotU, gu, guScale) + mismatches(gotV, gv, gvScale);
            if (Math.abs(gotSs - ss) > 1e-12 * (1 + ss)) bad++;
            // CSR: same values in CSR order, same gradients.
            const rowPtr = new Int32Array(m + 1);
            const colIdx = new Int32Array(nnz);
            const csrValue = new Float64Array(nnz);
            const perm = new Int32Array(nnz);
            cooToCsr(ptr(rowPtr), ptr(colIdx), ptr(csrValue), ptr(perm), m, nnz, ptr(pat.row), ptr(pat.col), ptr(value));
            const csrRes = new Float64Array(nnz);
            const csrU = gu0.slice();
            const csrV = gv0.slice();
            const csrSs = csrResidualGradient(ptr(csrRes), ptr(csrU), ptr(csrV), m, n, r, ptr(u), ptr(v),
              ptr(rowPtr), ptr(colIdx), ptr(csrValue), alpha, beta);
            for (let p = 0; p < nnz; p++) if (!close(csrRes[p], res[perm[p]], resScale[perm[p]])) bad++;
            bad += mismatches(csrU, gu, guScale) + mismatches(csrV, gv, gvScale);
            if (Math.abs(csrSs - ss) > 1e-12 * (1 + ss)) bad++;
          }
        }
      }
    }
    expect(bad).toBe(0);
  });
});
