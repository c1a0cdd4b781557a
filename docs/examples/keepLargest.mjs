import { init, keepLargest } from "benign";
await init();
console.log(keepLargest(new Float64Array([0.1, -5, 2, 3]), 2)); // Float64Array [0, -5, 0, 3]
