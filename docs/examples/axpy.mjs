import { init, axpy } from "benign";
await init();
console.log(axpy(2, new Float64Array([1, 2]), new Float64Array([10, 20]))); // Float64Array [12, 24]
