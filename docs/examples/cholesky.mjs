import { init, cholesky, fromRows, toRows } from "benign";
await init();
console.log(toRows(cholesky(fromRows([[4, 2], [2, 3]])))); // L = [[2, 0], [1, 1.414…]], A = L·Lᵀ
