import { lassoGramGradient } from "../../../assembly/sparse-coding/gram-gradient";
import { fillPattern, ptr } from "../helpers";
import { dictionary, gramOf, sameBits, WIDTHS } from "./fixtures";

describe("lassoGramGradient", () => {
  test("g = Gx − b per row, equal to the dense product, for codes with zeros (and −0) among their entries", () => {
    const n = 10;
    for (let wi = 0; wi < WIDTHS.length; wi++) {
      const k = WIDTHS[wi];
      const gram = gramOf(dictionary(n, k, 120 + wi), n, k);
      for (let rows = 0; rows <= 4; rows++) {
        const x = fillPattern(rows * k, 130 + wi);
        // Row 3 is all zeros (g = −b); elsewhere two entries in three are ±0.
        for (let i = 0; i < rows * k; i++) if (i % 3 != 1 || (i >= 3 * k && i < 4 * k)) x[i] = i % 2 == 0 ? 0.0 : -0.0;
        const b = fillPattern(rows * k, 140 + wi);
        const g = fillPattern(rows * k, 150); // overwritten
        lassoGramGradient(rows, k, ptr(x), ptr(g), ptr(b), ptr(gram));
        for (let r = 0; r < rows; r++) {
          for (let i = 0; i < k; i++) {
            let want = -b[r * k + i];
            for (let j = 0; j < k; j++) want += gram[i * k + j] * x[r * k + j];
            expect(Math.abs(g[r * k + i] - want)).toBeLessThanOrEqual(1e-14 * (1 + <f64>k));
          }
        }
      }
    }
  });

  test("adds the rows of G one at a time in increasing order, bit for bit, across the 64-entry chunks of its nonzero scan", () => {
    // Widths around the scan's chunk of 64 entries; densities that leave 0 … 3 nonzeros after the
    // last group of four, and the nonzeros at both ends of a chunk.
    const widths: i32[] = [63, 64, 65, 127, 128, 130];
    const n = 6;
    for (let wi = 0; wi < widths.length; wi++) {
      const k = widths[wi];
      // Scaled by non-dyadic factors: with fillPattern's dyadic values alone every sum is exact
      // and any order of the additions would pass.
      const gram = gramOf(dictionary(n, k, 160 + wi), n, k);
      for (let i = 0; i < k * k; i++) gram[i] *= 0.7;
      for (let every = 1; every <= 9; every++) {
        const rows = 2;
        const x = fillPattern(rows * k, 170 + every);
        for (let i = 0; i < rows * k; i++) x[i] *= 0.1;
        for (let i = 0; i < rows * k; i++) {
          const e = i % k;
          if (e % every != 0 && e != 63 && e != 64 && e != k - 1) x[i] = i % 2 == 0 ? 0.0 : -0.0;
        }
        const b = fillPattern(rows * k, 180 + wi);
        const g = new Float64Array(rows * k);
        lassoGramGradient(rows, k, ptr(x), ptr(g), ptr(b), ptr(gram));
        for (let r = 0; r < rows; r++) {
          // The plain sequential sum: g = −b, then g += xⱼ·G[j, :] for j = 0, 1, … with xⱼ ≠ 0.
          const want = new Float64Array(k);
          for (let i = 0; i < k; i++) want[i] = -b[r * k + i];
          for (let j = 0; j < k; j++) {
            const xj = x[r * k + j];
            if (xj == 0) continue;
            for (let i = 0; i < k; i++) want[i] = want[i] + xj * gram[j * k + i];
          }
          let bad = -1;
          for (let i = 0; i < k; i++) if (!sameBits(g[r * k + i], want[i])) bad = i;
          expect(bad).toBe(-1);
        }
      }
    }
  });
});
