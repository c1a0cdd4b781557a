import { cooToCsr, csrTranspose } from "benign";
const S = cooToCsr({ rows: 2, cols: 3, row: new Int32Array([0, 1, 1]), col: new Int32Array([2, 0, 1]), value: new Float64Array([1, 2, 3]) });
const T = csrTranspose(S);                // 3×2: row j lists column j of S
console.log(T.rows, T.rowPtr, T.colIdx, T.value); // 3 [0, 1, 2, 3] [1, 1, 0] [2, 3, 1]
