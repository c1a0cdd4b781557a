import { init, normalizeColumns, fromRows, toRows } from "benign";
await init();
console.log(toRows(normalizeColumns(fromRows([[3, 1], [4, 0]])))); // [[0.6, 1], [0.8, 0]]
