import { init, syrk, fromRows, toRows } from "benign";
await init();
console.log(toRows(syrk(fromRows([[1, 2], [3, 4]])))); // AᵀA = [[10, 14], [14, 20]]
