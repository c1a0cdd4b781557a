import { init, eighValues, fromRows } from "benign";
await init();
console.log(eighValues(fromRows([[2, 1, 0], [1, 2, 0], [0, 0, 5]]))); // Float64Array [1, 3, 5]
