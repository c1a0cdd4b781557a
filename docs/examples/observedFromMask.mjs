import { observedFromMask, fromRows } from "benign";
const Y = fromRows([[1, 2], [3, 4]]);
const o = observedFromMask(Y, new Uint8Array([1, 0, 0, 1]));   // keep (0, 0) and (1, 1)
console.log(o.row, o.col, o.value);      // Int32Array [0, 1] Int32Array [0, 1] Float64Array [1, 4]
