import { observedFromTriples, observedDense, toRows } from "benign";
const o = observedFromTriples(2, 2, [[0, 1, 5], [1, 0, 3]]);
console.log(toRows(observedDense(o)), toRows(observedDense(o, { fill: NaN }))); // [[0, 5], [3, 0]] [[NaN, 5], [3, NaN]]
