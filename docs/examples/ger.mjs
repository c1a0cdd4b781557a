import { init, ger, matrix, toRows } from "benign";
await init();
const A = ger(matrix(2, 2), new Float64Array([1, 2]), new Float64Array([3, 4]), { alpha: 0.5 });
console.log(toRows(A));                   // 0 + ½·x·yᵀ = [[1.5, 2], [3, 4]]
