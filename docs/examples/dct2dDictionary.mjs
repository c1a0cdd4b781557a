import { init, dct2dDictionary, gemv } from "benign";
await init();
const D = dct2dDictionary(2, 3);          // 6×6: the 2-D DCT-II of 2×3 patches (row-major)
const patch = new Float64Array([1, 1, 1, -1, -1, -1]);   // [[1, 1, 1], [-1, -1, -1]]
console.log(D.rows, D.cols, gemv(D, patch, { trans: true })); // 6 6 ≈ [0, 0, 0, 2.449…, 0, 0]: only atom 1·3 + 0 (row frequency 1, column frequency 0), √6
