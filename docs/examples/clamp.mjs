import { init, clamp } from "benign";
await init();
console.log(clamp(new Float64Array([-1, 0.5, 2]), 0, 1));        // Float64Array [0, 0.5, 1]
console.log(clamp(new Float64Array([-1, 2]), 0, Infinity));      // the nonnegative orthant: [0, 2]
