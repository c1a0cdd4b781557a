import { observedFromTriples, observedCounts } from "benign";
const o = observedFromTriples(3, 3, [[0, 0, 1], [0, 2, 1], [2, 2, 1]]);
const { rowCounts, colCounts, emptyRows, emptyCols } = observedCounts(o);
console.log(rowCounts, colCounts, emptyRows, emptyCols); // [2, 0, 1] [1, 0, 2] [1] [1]
