import { observedFromTriples, observedByColumn } from "benign";
const o = observedFromTriples(2, 3, [[1, 0, 7], [0, 2, 5], [1, 2, 9]]);
const { rowPtr, colIdx, value } = observedByColumn(o); // CSR of the transpose: row j lists column j
console.log(rowPtr, colIdx, value);      // [0, 1, 1, 3] [1, 0, 1] [7, 5, 9]
