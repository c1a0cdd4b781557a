import { init, randomOrthogonal, gemm, toRows } from "benign";
await init();
const Q = randomOrthogonal(3, { seed: 5 });               // Haar-distributed on O(3)
const QtQ = gemm(Q, Q, { transA: true });
console.log(toRows(QtQ).map((r) => r.map((x) => Math.round(x * 1e12) / 1e12))); // the identity
