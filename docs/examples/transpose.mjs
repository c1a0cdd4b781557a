import { fromRows, transpose, toRows } from "benign";
console.log(toRows(transpose(fromRows([[1, 2, 3], [4, 5, 6]])))); // [[1, 4], [2, 5], [3, 6]]
