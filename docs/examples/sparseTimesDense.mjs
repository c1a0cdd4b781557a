import { init, sparseTimesDense, fromRows, toRows } from "benign";
await init();
const S = { rows: 2, cols: 3, row: new Int32Array([0, 1, 1]), col: new Int32Array([2, 0, 1]), value: new Float64Array([1, 2, 3]) };
console.log(toRows(sparseTimesDense(S, fromRows([[1, 0], [0, 1], [1, 1]])))); // S·V = [[1, 1], [2, 3]]
