import { init, eigh, fromRows, toRows } from "benign";
await init();
const { values, vectors } = eigh(fromRows([[2, 1], [1, 2]]));
console.log(values);                      // Float64Array [1, 3], ascending
console.log(toRows(vectors));             // columns ±(1, −1)/√2 and (1, 1)/√2
