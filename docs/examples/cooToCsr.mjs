import { cooToCsr } from "benign";
const csr = cooToCsr({ rows: 2, cols: 3, row: new Int32Array([1, 0, 1]), col: new Int32Array([0, 2, 1]), value: new Float64Array([5, 6, 7]) });
console.log(csr.rowPtr, csr.colIdx, csr.value, csr.perm); // [0, 1, 3] [2, 0, 1] [6, 5, 7] [1, 0, 2]
