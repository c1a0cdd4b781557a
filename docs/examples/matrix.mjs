import { matrix, toRows } from "benign";
const data = new Float64Array([1, 2, 3, 4, 5, 6]);
const A = matrix(2, 3, data);             // a 2×3 view of data, row-major (no copy)
console.log(toRows(A), A.data === data);  // [[1, 2, 3], [4, 5, 6]] true
console.log(matrix(2, 2).data);           // Float64Array [0, 0, 0, 0]: zero-filled
