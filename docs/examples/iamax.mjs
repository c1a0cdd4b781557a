import { init, iamax } from "benign";
await init();
console.log(iamax(new Float64Array([1, -7, 7, 2])));   // 1: the first index of the largest |xᵢ|
