import { init, qr, fromRows, gemm, toRows } from "benign";
await init();
const A = fromRows([[3, 1], [4, 2], [0, 2]]);
const { Q, R } = qr(A);                   // Q 3×2 with orthonormal columns, R 2×2 upper triangular
console.log(toRows(R));                   // [[5, 2.2], [0, 2.0396…]]: R's diagonal ≥ 0
console.log(toRows(gemm(Q, R)));          // ≈ A
