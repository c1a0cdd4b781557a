import { init, shiftCorrelation } from "benign";
await init();
const a0 = new Float64Array([1, 2, 3]);
const a = new Float64Array([0, 0, -2, -4, -6, 0]);   // −2·a₀ moved two samples later, in a longer window
console.log(shiftCorrelation(a, a0));     // { correlation: 1, shift: 2, sign: -1 }: a[k + 2] = −2·a₀[k]
