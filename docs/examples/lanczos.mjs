import { init, lanczos, euclidean, fromRows, gemv } from "benign";
await init();
const A = fromRows([[2, 1, 0], [1, 2, 1], [0, 1, 2]]);              // eigenvalues 2 − √2, 2, 2 + √2
const { smallest, largest } = lanczos(euclidean(3), new Float64Array(3), (u) => gemv(A, u), { steps: 3 });
console.log(smallest.value, largest.value);                         // 0.5857…, 3.4142…
