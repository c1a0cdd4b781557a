import { fromRows, rowView } from "benign";
const A = fromRows([[1, 2], [3, 4]]);
const r = rowView(A, 1);                  // a view: writes go to A
r[0] = 30;
console.log(A.data);                      // Float64Array [1, 2, 30, 4]
