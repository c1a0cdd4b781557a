import { init, hardThreshold } from "benign";
await init();
console.log(hardThreshold(new Float64Array([-2, 0.5, 1, 3]), 1)); // Float64Array [-2, 0, 0, 3] (|x| = t gives 0)
