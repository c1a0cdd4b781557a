import { observedFromTriples } from "benign";
const o = observedFromTriples(3, 2, [[0, 1, 5], [2, 0, 3], [0, 1, 1]], { duplicates: "mean" });
console.log(o.row, o.col, o.value);      // the two (0, 1) entries averaged: values [3, 3]
