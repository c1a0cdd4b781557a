import { lassoGramGradient } from "../../../assembly/sparse-coding/gram-gradient";
import { fillPattern, ptr } from "../helpers";
import { dictionary, gramOf, WIDTHS } from "./fixtures";

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
});
