import { observedFromTriples, observedByRow } from "benign";
const o = observedFromTriples(2, 3, [[1, 0, 7], [0, 2, 5], [1, 2, 9]]);
const { rowPtr, colIdx, value } = observedByRow(o);   // CSR: the entries of row i at rowPtr[i] … rowPtr[i + 1]
console.log(rowPtr, colIdx, value);      // [0, 1, 3] [2, 0, 2] [5, 7, 9]
