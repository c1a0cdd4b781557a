import { init, softThreshold } from "benign";
await init();
console.log(softThreshold(new Float64Array([-2, 0.5, 3]), 1));                          // Float64Array [-1, 0, 2]
console.log(softThreshold(new Float64Array([-2, 0.5, 3]), new Float64Array([0, 0, 2]))); // per entry: [-2, 0.5, 1]
