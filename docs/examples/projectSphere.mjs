import { init, projectSphere } from "benign";
await init();
console.log(projectSphere(new Float64Array([3, 4])));   // Float64Array [0.6, 0.8]
