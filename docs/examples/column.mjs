import { fromRows, column } from "benign";
console.log(column(fromRows([[1, 2], [3, 4], [5, 6]]), 1)); // Float64Array [2, 4, 6] (a copy)
