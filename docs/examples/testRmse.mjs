import { init, testRmse, observedFromTriples, fromRows } from "benign";
await init();
const test = observedFromTriples(2, 2, [[0, 0, 1], [1, 1, 5]]);
console.log(testRmse(fromRows([[1], [2]]), fromRows([[1], [2]]), test)); // predictions 1 and 4: √(1/2) = 0.7071…
