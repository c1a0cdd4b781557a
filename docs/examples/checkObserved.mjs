import { checkObserved } from "benign";
const o = { rows: 2, cols: 2, row: new Int32Array([0, 1]), col: new Int32Array([1, 1]), value: new Float64Array([1, NaN]) };
try {
  checkObserved("ratings", o);
} catch (e) {
  console.log(e.message);                // names the array, the entry and the bad value (NaN)
}
