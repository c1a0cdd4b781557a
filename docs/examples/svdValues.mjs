import { init, svdValues, fromRows } from "benign";
await init();
console.log(svdValues(fromRows([[3, 0], [4, 5]])));  // Float64Array [6.708…, 2.236…]
