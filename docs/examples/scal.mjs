import { init, scal } from "benign";
await init();
console.log(scal(-0.5, new Float64Array([2, 4, 6]))); // Float64Array [-1, -2, -3]
