import { init, circularCorrelate2d, fromRows, toRows } from "benign";
await init();
const Y = fromRows([[1, 2, 3], [4, 5, 6]]);
console.log(toRows(circularCorrelate2d(Y, fromRows([[0, 1]])))); // Y shifted left by one column, circularly
