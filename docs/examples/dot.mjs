import { init, dot } from "benign";
await init();
console.log(dot(new Float64Array([1, 2, 3]), new Float64Array([4, 5, 6]))); // 32
