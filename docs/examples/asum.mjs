import { init, asum } from "benign";
await init();
console.log(asum(new Float64Array([1, -2, 3])));       // 6
