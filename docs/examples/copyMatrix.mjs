import { fromRows, copyMatrix } from "benign";
const A = fromRows([[1, 2]]);
const B = copyMatrix(A);
B.data[0] = 9;
console.log(A.data[0], B.data[0]);        // 1 9
