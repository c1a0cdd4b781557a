import { init, sparseTransposeTimesDense, fromRows, toRows } from "benign";
await init();
const S = { rows: 2, cols: 3, row: new Int32Array([0, 1, 1]), col: new Int32Array([2, 0, 1]), value: new Float64Array([1, 2, 3]) };
console.log(toRows(sparseTransposeTimesDense(S, fromRows([[1], [10]])))); // Sᵀ·U = [[20], [30], [1]]
