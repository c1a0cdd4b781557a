import { cooToCsr, csrToCoo } from "benign";
const coo = csrToCoo(cooToCsr({ rows: 2, cols: 2, row: new Int32Array([1, 0]), col: new Int32Array([0, 1]), value: new Float64Array([5, 4]) }));
console.log(coo.row, coo.col, coo.value); // in CSR order: [0, 1] [1, 0] [4, 5]
