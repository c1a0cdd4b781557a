import { init, residualSumSquares, cooToCsr, observedFromTriples, fromRows } from "benign";
await init();
const S = cooToCsr(observedFromTriples(2, 2, [[0, 0, 1], [1, 1, 5]]));
console.log(residualSumSquares(S, fromRows([[1], [2]]), fromRows([[1], [2]]))); // (1 − 1)² + (4 − 5)² = 1
