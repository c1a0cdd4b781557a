import { init, blurImage } from "benign";
await init();
// A single bright pixel spreads into the (centred) kernel.
const image = { rows: 5, cols: 5, data: new Float64Array(25) };
image.data[12] = 1;
const kernel = { rows: 1, cols: 3, data: new Float64Array([0.25, 0.5, 0.25]) };
console.log(Array.from(blurImage(image, kernel).data.subarray(10, 15))); // [0, 0.25, 0.5, 0.25, 0]
