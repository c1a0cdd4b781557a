import { init, alsObjective, cooToCsr, observedFromTriples, fromRows } from "benign";
await init();
const S = cooToCsr(observedFromTriples(2, 2, [[0, 0, 1], [1, 1, 5]]));
const U = fromRows([[1], [2]]), V = fromRows([[1], [2]]);
console.log(alsObjective(S, U, V, 0.1)); // ½·1 + (0.1/2)·(5 + 5) = 1
