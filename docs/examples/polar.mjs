import { init, polar, fromRows, gemm, toRows } from "benign";
await init();
const A = fromRows([[1, 2], [3, 4]]);
const { Q, H } = polar(A, { withH: true }); // Q orthogonal (the nearest to A), H symmetric PSD
console.log(toRows(gemm(Q, Q, { transA: true })).flat().map((x) => Math.round(x * 1e12) / 1e12)); // QᵀQ = I
console.log(toRows(gemm(Q, H)));          // ≈ A
