import { fromRows } from "benign";
const A = fromRows([[1, 2], [3, 4], [5, 6]]);
console.log(A.rows, A.cols, A.data);      // 3 2 Float64Array [1, 2, 3, 4, 5, 6]
