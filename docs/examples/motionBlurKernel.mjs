import { init, motionBlurKernel } from "benign";
await init();
const k = motionBlurKernel(15, { seed: 1 });          // a random camera path, rasterized and smoothed
console.log(k.rows, k.cols, k.data.reduce((s, v) => s + v, 0).toFixed(6)); // 15 15 "1.000000"
console.log(Math.min(...k.data) >= 0);               // true: a blur is nonnegative
