import { scaleColumns } from "../../../assembly/orthogonal/scale-columns";
import { fillPattern, ptr } from "../helpers";

const DIMS: i32[] = [0, 1, 2, 3, 4, 5, 7, 9, 17, 33];

describe("scaleColumns", () => {
  test("out[i, j] = a[i, j]·s[j] bit for bit on a grid of shapes, dense and strided (lda = cols + 3), and in place", () => {
    for (let ri = 0; ri < DIMS.length; ri++) {
      for (let ci = 0; ci < DIMS.length; ci++) {
        const rows = DIMS[ri];
        const cols = DIMS[ci];
        const s = fillPattern(cols, 100 + ci);
        for (let pad = 0; pad <= 3; pad += 3) {
          const lda = cols + pad;
          const a = fillPattern(rows * lda, 5 * ri + ci + pad);
          const out = new Float64Array(rows * cols);
          expect(scaleColumns(ptr(out), ptr(a), lda, ptr(s), rows, cols)).toBe(ptr(out));
          for (let i = 0; i < rows; i++) {
            for (let j = 0; j < cols; j++) expect(out[i * cols + j]).toBe(a[i * lda + j] * s[j]);
          }
          if (pad > 0) continue;
          scaleColumns(ptr(a), ptr(a), lda, ptr(s), rows, cols);
          for (let k = 0; k < rows * cols; k++) expect(a[k]).toBe(out[k]);
        }
      }
    }
  });
});
