import { init, circularConvolve2d, fromRows, toRows } from "benign";
await init();
const X = fromRows([[1, 0, 0], [0, 0, 0], [0, 0, 0]]);    // an impulse at the origin
const A = fromRows([[1, 2], [3, 4]]);
console.log(toRows(circularConvolve2d(X, A)));             // A placed at the origin, zero-padded
